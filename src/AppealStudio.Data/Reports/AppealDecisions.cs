namespace AppealStudio.Data.Reports;

/// <summary>
/// The values of <c>Appeal.Decision</c>, shared by the workspace that records a decision and the reports that count
/// them. Stored as text: never rename a value.
/// </summary>
public static class AppealDecisions
{
    /// <summary>The payer reversed the denial and paid it in full.</summary>
    public const string Overturned = "overturned";

    /// <summary>The payer paid part of the denied amount.</summary>
    public const string PartiallyOverturned = "partially-overturned";

    /// <summary>The payer upheld the denial.</summary>
    public const string Upheld = "upheld";

    /// <summary>The payer never answered within its own time limit; the appeal is closed unpaid.</summary>
    public const string NoResponse = "no-response";

    public static readonly IReadOnlyList<string> All = [Overturned, PartiallyOverturned, Upheld, NoResponse];

    /// <summary>
    /// A win is any decision that recovered money: overturned or partially overturned (the reports show the partial
    /// ones in their own column). Upheld and no response are losses; both count as decided.
    /// </summary>
    public static bool IsWin(string? decision) => decision is Overturned or PartiallyOverturned;
}

using System.Globalization;

namespace AppealStudio.Core.Denials;

/// <summary>A computed deadline and the sentence that justifies it.</summary>
/// <param name="Date">Last day the payer must receive the request; null when the payer rule has no window for the step.</param>
/// <param name="Basis">How the date was computed, in words the specialist can check.</param>
/// <param name="IsDefaultRule">Computed with the default rule for an unknown payer.</param>
/// <param name="Level">The appeal level, or null for a timely-filing deadline.</param>
/// <param name="VerifyWithContract">The window comes from public payer material; the contract may differ.</param>
public sealed record AppealDeadline(
    DateOnly? Date,
    string Basis,
    bool IsDefaultRule,
    AppealLevel? Level = null,
    bool VerifyWithContract = false)
{
    /// <summary>Calendar days from <paramref name="today"/> to the deadline (negative once it has passed).</summary>
    public int? DaysLeft(DateOnly today) => Date is { } date ? date.DayNumber - today.DayNumber : null;
}

/// <summary>
/// Deadline arithmetic. Windows are calendar days; no weekend or holiday extension is applied because none was
/// confirmed for Medicare (REFERENCE §6a), and filing early is always safe. A year is stored as 365 days, which is one
/// day early across a February 29, on the safe side.
/// </summary>
public static class AppealDeadlines
{
    /// <summary>
    /// The last day to file <paramref name="level"/> with the payer.
    /// </summary>
    /// <param name="rule">The payer's rule (from <see cref="PayerDirectory"/>).</param>
    /// <param name="noticeDate">
    /// The date of the decision being disputed: the remittance date for a reopening or first-level appeal, the
    /// first-level decision for the second level, the final internal decision for external review.
    /// </param>
    /// <param name="level">The step to file.</param>
    public static AppealDeadline Compute(PayerRule rule, DateOnly noticeDate, AppealLevel level)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var step = $"{rule.Name} {rule.LevelName(level)}";
        var caveats = Caveats(rule);
        if (rule.WindowDays(level) is not { } days)
        {
            return new AppealDeadline(
                null,
                $"{step}: no window is configured for this payer; take it from the contract or plan and add it in Settings.{caveats}",
                rule.IsDefaultRule,
                level,
                rule.VerifyWithContract);
        }

        // Reopening windows run from the determination itself (42 CFR 405.980); appeal windows from its receipt.
        var presumption = level == AppealLevel.Reopening ? 0 : rule.ReceiptPresumptionDays;
        var start = noticeDate.AddDays(presumption);
        var due = start.AddDays(days);
        var from = presumption > 0
            ? $"{Days(days)} from presumed receipt (notice {Invariant.Date(noticeDate)} + {Days(presumption)} = {Invariant.Date(start)})"
            : $"{Days(days)} from the notice date {Invariant.Date(noticeDate)}";
        return new AppealDeadline(
            due,
            $"{step}: {from}, so the payer must receive it by {Invariant.Date(due)}.{caveats}",
            rule.IsDefaultRule,
            level,
            rule.VerifyWithContract);
    }

    /// <summary>The last day a claim or corrected claim for <paramref name="serviceDate"/> can reach the payer.</summary>
    public static AppealDeadline TimelyFiling(PayerRule rule, DateOnly serviceDate)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var caveats = Caveats(rule);
        if (rule.TimelyFilingDays is not { } days)
        {
            return new AppealDeadline(
                null,
                $"{rule.Name} timely filing: no limit is configured for this payer; take it from the contract.{caveats}",
                rule.IsDefaultRule,
                null,
                rule.VerifyWithContract);
        }

        var due = serviceDate.AddDays(days);
        return new AppealDeadline(
            due,
            $"{rule.Name} timely filing: {Days(days)} from the date of service {Invariant.Date(serviceDate)}, so the claim must arrive by {Invariant.Date(due)}.{caveats}",
            rule.IsDefaultRule,
            null,
            rule.VerifyWithContract);
    }

    private static string Caveats(PayerRule rule) =>
        (rule.IsDefaultRule ? " This payer is not in the directory: the conservative default rule was used." : string.Empty)
        + (rule.VerifyWithContract && !rule.IsDefaultRule ? " Verify with your contract." : string.Empty);

    private static string Days(int days) => days.ToString(CultureInfo.InvariantCulture) + (days == 1 ? " day" : " days");
}

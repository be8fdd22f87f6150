namespace AppealStudio.Data.Appeals;

public enum AppealOutcome
{
    /// <summary>The change was made.</summary>
    Done,

    /// <summary>Nothing to change (a second click, the same text again): success without a new revision.</summary>
    Unchanged,

    NotFound,

    /// <summary>The input breaks a rule; <see cref="AppealResult.Message"/> says which, <see cref="AppealResult.Field"/> where.</summary>
    Invalid,

    /// <summary>Someone changed the letter since the user loaded it; their text is in <see cref="AppealResult.CurrentMarkdown"/>.</summary>
    Conflict,

    /// <summary>The letter cannot change in its current status (awaiting sign-off, signed, submitted, decided).</summary>
    Locked,
}

/// <summary>The outcome of a workspace command.</summary>
public sealed record AppealResult(
    AppealOutcome Outcome,
    string? Message = null,
    string? Field = null,
    long AppealId = 0,
    int Version = 0,
    int? Revision = null,
    string? CurrentMarkdown = null)
{
    public bool Succeeded => Outcome is AppealOutcome.Done or AppealOutcome.Unchanged;

    public static AppealResult NotFound() => new(AppealOutcome.NotFound, "Not found.");

    public static AppealResult Invalid(string message, string? field = null) => new(AppealOutcome.Invalid, message, field);

    public static AppealResult Locked(string message) => new(AppealOutcome.Locked, message);
}

namespace AppealStudio.Data.Practice;

/// <summary>A reason a settings change was refused, tied to the field it is about (empty field = the whole form).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The result of a settings command: success with the row's id and what the recomputation of open denials did, or
/// the reasons an Admin can act on, per field.
/// </summary>
public sealed record SettingsResult(bool Succeeded, IReadOnlyList<FieldError> Errors, int? Id, ReassessmentResult Reassessment)
{
    public static SettingsResult Ok(int id, ReassessmentResult reassessment) => new(true, [], id, reassessment);

    public static SettingsResult Fail(IReadOnlyList<FieldError> errors) => new(false, errors, null, ReassessmentResult.None);

    public static SettingsResult Fail(string field, string message) => Fail([new FieldError(field, message)]);

    /// <summary>
    /// What the Admin should know about a change that succeeded, e.g. that a classification override outranks shipped
    /// rows for the denials both describe. The page shows each one after saving.
    /// </summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The row does not exist (any more): the page answers "not found".</summary>
    public bool NotFound { get; init; }

    public static SettingsResult Missing() => new(false, [new FieldError("", "That row no longer exists.")], null, ReassessmentResult.None) { NotFound = true };
}

namespace AppealStudio.Data.Lifecycle;

/// <summary>
/// The outcome of a lifecycle command (void an import, assign, save a fee schedule ...): success with a message and the
/// row it is about, or the reason a person can act on. <see cref="NotFound"/> lets a page answer "not found".
/// </summary>
public sealed record LifecycleResult(bool Succeeded, string Message, long? Id = null)
{
    public bool NotFound { get; init; }

    /// <summary>Line-numbered problems of an uploaded file (nothing was saved).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The input field the refusal is about (a form shows the message there); null for the whole form.</summary>
    public string? Field { get; init; }

    /// <summary>Someone else changed the row since the form read it: the page says so and shows the current row.</summary>
    public bool Conflict { get; init; }

    public static LifecycleResult Ok(string message, long? id = null) => new(true, message, id);

    public static LifecycleResult Fail(string message) => new(false, message);

    public static LifecycleResult Invalid(string field, string message) => new(false, message) { Field = field };

    public static LifecycleResult Stale(string message) => new(false, message) { Conflict = true };

    public static LifecycleResult Missing(string message = "That no longer exists.") => new(false, message) { NotFound = true };
}

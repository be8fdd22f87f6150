using System.Globalization;

namespace AppealStudio.Web.Features.Appeals;

// What the workspace's forms post (STYLE.md rule 8: forms bind to input records, never to entities). Dates and
// amounts arrive as text and are parsed with the invariant culture, so a bad value becomes a message next to its
// field instead of a binding error.

/// <summary>Start the letter: the template and what the remittance does not say.</summary>
public sealed class StartLetterForm
{
    public string? TemplateId { get; set; }

    public string? PayerAddress { get; set; }

    public string? PolicyReference { get; set; }

    public bool AutoEvidence { get; set; }

    /// <summary><c>details.*</c> values by key, for the templates that read them.</summary>
    public Dictionary<string, string> Details { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The editor: the text, the version it was loaded at, and which button was pressed.</summary>
public sealed class LetterForm
{
    public string? Markdown { get; set; }

    public int? Version { get; set; }

    /// <summary>Set by "Save mine as a new version anyway" after a conflict: the version the user has now seen.</summary>
    public int? ForceVersion { get; set; }

    public string? Kind { get; set; }

    /// <summary>"refill": save, then rewrite the evidence sections from the chosen excerpts.</summary>
    public string? Action { get; set; }
}

public sealed class SignOffForm
{
    public string? PhysicianUserId { get; set; }

    public int? Version { get; set; }
}

public sealed class SubmissionForm
{
    public string? Level { get; set; }

    public string? Method { get; set; }

    public string? SubmittedOn { get; set; }

    public string? Reference { get; set; }

    public string? FollowUpOn { get; set; }
}

public sealed class DecisionForm
{
    public string? Decision { get; set; }

    public string? DecidedOn { get; set; }

    public string? AmountRecovered { get; set; }

    public bool ConfirmOverDenied { get; set; }

    public bool ConfirmSameDay { get; set; }
}

internal static class FormValues
{
    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>"1,234.50" or "$1234.5"; null when empty; false when not a number.</summary>
    public static bool TryAmount(string? text, out decimal? amount)
    {
        amount = null;
        var trimmed = text?.Trim().TrimStart('$').Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return true;
        }

        if (decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            amount = value;
            return true;
        }

        return false;
    }

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

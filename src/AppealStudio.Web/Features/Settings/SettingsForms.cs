using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Data.Practice;

namespace AppealStudio.Web.Features.Settings;

/// <summary>
/// The reasons a settings service refused a form, by field, for MudBlazor's <c>Error</c>/<c>ErrorText</c> next to each
/// input; reasons about no field in particular (a stale form, a duplicate) show above the form.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

    public bool Any => byField.Count > 0;

    /// <summary>The reasons that belong to no single field.</summary>
    public IReadOnlyList<string> Form => byField.GetValueOrDefault("") ?? [];

    public bool Has(string field) => byField.ContainsKey(field);

    public string? this[string field] => byField.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Every reason, in the order the service gave them.</summary>
    public IEnumerable<string> All => byField.Values.SelectMany(m => m);

    public void Set(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        byField.Clear();
        Add(errors);
    }

    public void Add(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            if (!byField.TryGetValue(error.Field, out var messages))
            {
                byField[error.Field] = messages = [];
            }

            messages.Add(error.Message);
        }
    }

    public void Clear() => byField.Clear();
}

/// <summary>What the settings pages say after a change: what the recomputation of open denials did.</summary>
public static class SettingsForms
{
    public static string Describe(ReassessmentResult r, bool classification)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Describe(r.Examined, r.Changed, r.Reclassified, r.DeadlinesChanged, r.HandOverriddenKept, classification);
    }

    /// <summary>The sentence after a change: what was recomputed, in counts.</summary>
    public static string Describe(int examined, int changed, int reclassified, int deadlines, int kept, bool classification)
    {
        if (examined == 0 && kept == 0)
        {
            return classification
                ? "No open denial carries this code, so none was reclassified."
                : "No open denial uses this payer's rule, so no deadline moved.";
        }

        var text = $"{Display.Count(examined, "open denial")} recomputed: {Display.Number(changed)} changed";
        text += classification
            ? string.Create(CultureInfo.InvariantCulture, $" ({Display.Number(reclassified)} reclassified, {Display.Count(deadlines, "new deadline")})")
            : " (" + Display.Count(deadlines, "new deadline") + ")";
        text += ".";
        if (kept > 0)
        {
            text += $" {Display.Count(kept, "denial")} classified by hand by a specialist {(kept == 1 ? "was" : "were")} left as {(kept == 1 ? "it was" : "they were")}.";
        }

        return text;
    }
}

using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Practice;

namespace AppealStudio.Web.Features.Settings.Classification;

/// <summary>What the override form posts (codes as text; the service checks them against the core vocabularies).</summary>
public sealed class OverrideInput
{
    public string GroupCode { get; set; } = "*";

    public string ReasonCode { get; set; } = "";

    public string? RemarkCode { get; set; }

    /// <summary>Separated by spaces or commas.</summary>
    public string? Modifiers { get; set; }

    public string Severity { get; set; } = "";

    public string Action { get; set; } = "";

    public string Category { get; set; } = "";

    public string RootCause { get; set; } = "";

    public string Owner { get; set; } = "";

    public string Explanation { get; set; } = "";

    public string Reason { get; set; } = "";

    public string? Stamp { get; set; }

    public static OverrideInput From(ClassificationOverride o) => o is null ? throw new ArgumentNullException(nameof(o)) : new()
    {
        GroupCode = o.GroupCode,
        ReasonCode = o.ReasonCode,
        RemarkCode = o.RemarkCode,
        Modifiers = o.Modifiers?.Replace(",", " ", StringComparison.Ordinal),
        Severity = o.Severity,
        Action = o.Action,
        Category = o.Category,
        RootCause = o.RootCause,
        Owner = o.Owner,
        Explanation = o.Explanation,
        Reason = o.Reason,
        Stamp = o.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A new override starting from an effective row (the Admin changes what differs and says why).</summary>
    public static OverrideInput From(ClassificationRule r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new OverrideInput
        {
            GroupCode = r.Group,
            ReasonCode = r.Carc,
            RemarkCode = r.Rarc,
            Modifiers = string.Join(' ', r.Modifiers),
            Severity = r.Severity.ToCode(),
            Action = r.Action.ToCode(),
            Category = r.Category.ToCode(),
            RootCause = r.RootCause.ToCode(),
            Owner = r.Owner.ToCode(),
            Explanation = r.Explanation,
        };
    }

    /// <summary>The form for a row of the grid: the override's own values (with its stamp), or a new override starting from a shipped row.</summary>
    public static OverrideInput From(ClassificationRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new OverrideInput
        {
            GroupCode = r.Group,
            ReasonCode = r.Carc,
            RemarkCode = r.Rarc,
            Modifiers = string.Join(' ', r.Modifiers),
            Severity = r.Severity,
            Action = r.Action,
            Category = r.Category,
            RootCause = r.RootCause,
            Owner = r.Owner,
            Explanation = r.Explanation,
            Reason = r.IsOverride ? r.Reason ?? "" : "",
            Stamp = r.Stamp?.ToString(CultureInfo.InvariantCulture),
        };
    }

    public OverrideDraft ToDraft() => new(
        GroupCode, ReasonCode, RemarkCode, Modifiers, Severity, Action, Category, RootCause, Owner, Explanation, Reason,
        long.TryParse(Stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null);
}

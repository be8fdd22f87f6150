using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;

namespace AppealStudio.Data.Practice;

/// <summary>What the classification table is narrowed by; null or empty means "any".</summary>
/// <param name="Text">A CARC or RARC (exact), or words of the explanation or of the CARC's meaning.</param>
/// <param name="Source">"shipped" or "override".</param>
public sealed record ClassificationQuery(
    string? Text = null,
    string? Group = null,
    string? RootCause = null,
    string? Severity = null,
    string? Source = null);

/// <summary>One row of the effective table as the grid shows it, codes with their meaning.</summary>
public sealed record ClassificationRow(
    string Key,
    string Group,
    string Carc,
    string? CarcMeaning,
    string? Rarc,
    string? RarcMeaning,
    IReadOnlyList<string> Modifiers,
    string Severity,
    string Action,
    string Category,
    string RootCause,
    string Owner,
    string Explanation,
    int? OverrideId,
    bool ReplacesShipped,
    string? Reason,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt,
    long? Stamp)
{
    public bool IsOverride => OverrideId is not null;
}

/// <summary>One page of the filtered table, with the counts the page states and the reason overrides are not applied.</summary>
public sealed record ClassificationTablePage(IReadOnlyList<ClassificationRow> Rows, int Matching, int Total, int Overrides, string? Problem);

/// <summary>
/// Settings &gt; Classification's table: the effective rules (shipped rows with the practice's overrides laid over them)
/// filtered and cut into pages for a grid that asks the server for one page at a time. The table is built in memory by
/// <see cref="ClassificationAdministration.EffectiveAsync"/> (it is a few hundred rows of reviewed data, not a table in the
/// database), so filtering happens here, in the service, never in the page.
/// </summary>
public sealed class ClassificationBrowser(ClassificationAdministration classification, ICurrentActor actor)
{
    public const int MaxPageSize = 100;

    public async Task<ClassificationTablePage> PageAsync(ClassificationQuery query, int page, int pageSize, string? sortBy = null, bool descending = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        SettingsAccess.DemandAdmin(actor);
        var effective = await classification.EffectiveAsync(cancellationToken);
        var codes = CodeDictionary.Default;
        var rows = effective.Rows.Select(r => Row(r, codes)).ToList();
        var matching = Sort(rows.Where(r => Matches(r, query)), sortBy, descending).ToList();
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Clamp(page, 0, Math.Max(0, (matching.Count - 1) / pageSize));
        return new ClassificationTablePage(matching.Skip(page * pageSize).Take(pageSize).ToList(), matching.Count, rows.Count,
            rows.Count(r => r.IsOverride), effective.Problem);
    }

    /// <summary>The shipped row an override with this key would replace, if any (the form says so before saving).</summary>
    public static ClassificationRule? ShippedRow(string group, string carc, string? rarc, string? modifiers)
    {
        try
        {
            var key = new ClassificationRule(group, carc, string.IsNullOrWhiteSpace(rarc) ? null : rarc,
                (modifiers ?? "").Split([' ', ',', ';', '|'], StringSplitOptions.RemoveEmptyEntries), Core.Denials.Severity.Soft, RecommendedAction.None,
                DenialCategory.Technical, Core.Denials.RootCause.Other, Owner.Biller, "-").Normalize().Key;
            return ClassificationTable.Default.Rules.FirstOrDefault(r => r.Key == key);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static ClassificationRow Row(EffectiveRule effective, CodeDictionary codes)
    {
        var r = effective.Rule;
        var o = effective.Override;
        return new ClassificationRow(r.Key, r.Group, r.Carc, codes.CarcMeaning(r.Carc), r.Rarc, codes.RarcMeaning(r.Rarc), r.Modifiers,
            r.Severity.ToCode(), r.Action.ToCode(), r.Category.ToCode(), r.RootCause.ToCode(), r.Owner.ToCode(), r.Explanation,
            o?.Id, effective.ReplacesShipped, o?.Reason, o?.UpdatedBy, o?.UpdatedAt, o?.UpdatedAt.UtcTicks);
    }

    private static bool Matches(ClassificationRow r, ClassificationQuery q)
    {
        if (q.Group is { Length: > 0 } group && !string.Equals(r.Group, group.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (q.RootCause is { Length: > 0 } cause && !string.Equals(r.RootCause, cause, StringComparison.Ordinal))
        {
            return false;
        }

        if (q.Severity is { Length: > 0 } severity && !string.Equals(r.Severity, severity, StringComparison.Ordinal))
        {
            return false;
        }

        if (q.Source is "shipped" && r.IsOverride || q.Source is "override" && !r.IsOverride)
        {
            return false;
        }

        if (q.Text?.Trim() is { Length: > 0 } text)
        {
            // A code matches exactly (97 is not 197); words match anywhere in the explanation or the code's meaning.
            var isCode = string.Equals(r.Carc, text, StringComparison.OrdinalIgnoreCase) || string.Equals(r.Rarc, text, StringComparison.OrdinalIgnoreCase);
            var inWords = text.Length >= 3 && (r.Explanation.Contains(text, StringComparison.OrdinalIgnoreCase)
                || (r.CarcMeaning?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
                || Display.Words(r.RootCause).Contains(text, StringComparison.OrdinalIgnoreCase));
            return isCode || inWords;
        }

        return true;
    }

    // Every order ends on the key, so a page never repeats or skips a row.
    private static IEnumerable<ClassificationRow> Sort(IEnumerable<ClassificationRow> rows, string? sortBy, bool descending)
    {
        Func<ClassificationRow, IComparable> key = sortBy switch
        {
            nameof(ClassificationRow.Group) => r => r.Group,
            nameof(ClassificationRow.Severity) => r => r.Severity,
            nameof(ClassificationRow.RootCause) => r => r.RootCause,
            nameof(ClassificationRow.Owner) => r => r.Owner,
            nameof(ClassificationRow.OverrideId) => r => r.IsOverride ? 0 : 1,
            _ => r => CarcOrder(r.Carc),
        };
        var ordered = descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
        return ordered.ThenBy(r => CarcOrder(r.Carc)).ThenBy(r => r.Key, StringComparer.Ordinal);
    }

    // CARCs are numbers with a few letter codes (A1, B7, P2): numbers first in numeric order, then the rest.
    private static string CarcOrder(string carc) =>
        int.TryParse(carc, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? "0" + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)
            : "1" + carc;
}

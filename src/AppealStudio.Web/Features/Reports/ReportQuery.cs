using System.Globalization;
using AppealStudio.Core.Analytics;
using AppealStudio.Data.Reports;
using Microsoft.AspNetCore.WebUtilities;

namespace AppealStudio.Web.Features.Reports;

/// <summary>
/// The report filter as it travels in the query string (so every view is a link that can be bookmarked, sorted,
/// printed or exported): the raw texts to show back in the form, the parsed <see cref="ReportFilter"/>, and one
/// error per bad field. Pages and the CSV endpoint parse it the same way.
/// </summary>
public sealed class ReportQuery
{
    public const int MaxDays = 3660;

    private static readonly string[] FilterKeys = ["from", "to", "payer", "provider", "specialty"];

    private readonly Dictionary<string, string> values;
    private readonly Dictionary<string, string> errors;

    private ReportQuery(Dictionary<string, string> values, ReportFilter filter, Dictionary<string, string> errors)
    {
        this.values = values;
        this.errors = errors;
        Filter = filter;
    }

    public ReportFilter Filter { get; }

    /// <summary>Field name (from, to, payer, provider, specialty, by) to message.</summary>
    public IReadOnlyDictionary<string, string> Errors => errors;

    public bool IsValid => Errors.Count == 0;

    public string From => Get("from");

    public string To => Get("to");

    public string Payer => Get("payer");

    public string Provider => Get("provider");

    public string Specialty => Get("specialty");

    public string? By => values.GetValueOrDefault("by");

    /// <summary>"table.column" of the one table sorted on this page.</summary>
    public string? Sort => values.GetValueOrDefault("sort");

    public bool Descending => !string.Equals(values.GetValueOrDefault("dir"), "asc", StringComparison.OrdinalIgnoreCase);

    public string Get(string key) => values.GetValueOrDefault(key) ?? "";

    /// <summary>The filter of a page's address (the circuit's current URI).</summary>
    public static ReportQuery Parse(Uri uri, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Parse(QueryHelpers.ParseQuery(uri.Query), today);
    }

    public static ReportQuery Parse(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Keys are case-insensitive and the last non-blank value wins, so a hand-edited link cannot break the page.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in query)
        {
            if (value.LastOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } last)
            {
                values[key.ToLowerInvariant()] = last.Trim();
            }
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var defaults = ReportFilter.Default(today);

        var from = ParseDate(values, "from", defaults.From, errors);
        var to = ParseDate(values, "to", defaults.To, errors);
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (from > to)
            {
                errors["to"] = "The end date is before the start date.";
            }
            else if (to.DayNumber - from.DayNumber >= MaxDays)
            {
                errors["from"] = "Choose a range of at most ten years.";
            }
        }

        var payer = values.GetValueOrDefault("payer");
        if (payer is { Length: > 200 })
        {
            errors["payer"] = "A payer name has at most 200 characters.";
        }

        var provider = values.GetValueOrDefault("provider");
        if (provider is not null && (provider.Length != 10 || !provider.All(char.IsAsciiDigit)))
        {
            errors["provider"] = "Enter the provider's 10-digit NPI.";
        }

        Specialty? specialty = null;
        if (values.GetValueOrDefault("specialty") is { } specialtyText)
        {
            if (Specialties.TryParse(specialtyText, out var parsed))
            {
                specialty = parsed;
            }
            else
            {
                errors["specialty"] = "Choose a specialty from the list.";
            }
        }

        var filter = new ReportFilter(from, to, payer, provider, specialty);
        return new ReportQuery(values, filter, errors);
    }

    /// <summary>Checks the page's "by" choice against its allowed values; the first one is the default.</summary>
    public string ByOr(IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return By is { } by && allowed.Contains(by, StringComparer.Ordinal) ? by : allowed[0];
    }

    /// <summary>Marks a "by" value the page does not know as an error (a hand-edited or stale link).</summary>
    public void RequireBy(IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (By is { } by && !allowed.Contains(by, StringComparer.Ordinal))
        {
            errors["by"] = $"Group by one of: {string.Join(", ", allowed)}.";
        }
    }

    /// <summary>The sort column of one table: its own from the query when it names that table, else null.</summary>
    public string? SortFor(string tableId) =>
        Sort is { } sort && sort.StartsWith(tableId + ".", StringComparison.Ordinal) ? sort[(tableId.Length + 1)..] : null;

    /// <summary>A link to <paramref name="path"/> with the current filter (and "by") plus the given changes.</summary>
    public string Link(string path, params (string Key, string? Value)[] changes)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in FilterKeys.Append("by").Append("sort").Append("dir"))
        {
            if (values.TryGetValue(key, out var value))
            {
                parameters[key] = value;
            }
        }

        foreach (var (key, value) in changes)
        {
            parameters[key] = value;
        }

        return QueryHelpers.AddQueryString(path, parameters.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    /// <summary>
    /// The address of <paramref name="path"/> with a new filter (from the filter bar), keeping the page's "by" and sort:
    /// a table keeps its order under a new filter. An empty date falls back to the default range.
    /// </summary>
    public static string FilterUrl(string path, DateOnly? from, DateOnly? to, string? payer, string? provider, string? specialty, string? by, string? sort, string? dir)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["from"] = from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["payer"] = payer,
            ["provider"] = provider,
            ["specialty"] = specialty,
            ["by"] = by,
            ["sort"] = sort,
            ["dir"] = dir,
        };
        return QueryHelpers.AddQueryString(path, parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value!.Trim())));
    }

    /// <summary>The filter only (no sort, no "by"): for links to other report sections.</summary>
    public string FilterLink(string path) =>
        QueryHelpers.AddQueryString(path, FilterKeys.Where(values.ContainsKey).Select(k => new KeyValuePair<string, string?>(k, values[k])));

    /// <summary>The filter in words, for the printed page and the audit trail (no patient data: payer, NPI, dates).</summary>
    public string Describe() =>
        string.Join(", ", new[]
        {
            $"{Filter.From:yyyy-MM-dd} to {Filter.To:yyyy-MM-dd}",
            Filter.Payer is null ? null : "payer " + Filter.Payer,
            Filter.ProviderNpi is null ? null : "provider " + Filter.ProviderNpi,
            Filter.Specialty is null ? null : "specialty " + Filter.Specialty.Value.ToCode(),
        }.Where(s => s is not null));

    private static DateOnly ParseDate(Dictionary<string, string> values, string key, DateOnly fallback, Dictionary<string, string> errors)
    {
        if (!values.TryGetValue(key, out var text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[key] = "Enter a date as YYYY-MM-DD.";
        return fallback;
    }
}

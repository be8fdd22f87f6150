using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Denials;

namespace AppealStudio.Data.Worklist;

/// <summary>
/// Everything the worklist URL can say: view, filters, sort and page. The URL is the state (shareable, the back
/// button works), so parsing is lenient: an unknown value is dropped rather than failing the page, and
/// <see cref="ToUrl"/> writes only what differs from the defaults, in a fixed order. The free-text search is the
/// exception: it can name a patient, so the URL carries only <see cref="SearchKey"/>, an opaque key the page resolves
/// to <see cref="Text"/> for that user (ADR 0086); <c>q</c> is still read, from links made before.
/// </summary>
public sealed record WorklistQuery
{
    public const int PageSize = 50;

    /// <summary>The default view: the lifecycle's work queue (open, deadline not passed or unknown), by live priority.</summary>
    public const string DefaultView = "queue";

    /// <summary>
    /// The lifecycle's views (<see cref="Lifecycle.DenialViews.All"/>: work queue, my work, due this week, follow-ups due,
    /// SLA breaches, expired), then the worklist's own: high value, needs sign-off, and every open denial.
    /// </summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Views =
    [
        .. Lifecycle.DenialViews.All,
        ("high", "High value"),
        ("signoff", "Needs sign-off"),
        ("all", "All open"),
    ];

    /// <summary>Keys of earlier worklist URLs (bookmarks, shared links) and the view that replaced each.</summary>
    private static readonly IReadOnlyDictionary<string, string> FormerViews = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["past"] = "expired",
        ["due14"] = "due-week",
    };

    public static readonly IReadOnlyList<(string Key, string Label)> DeadlineWindows =
    [
        ("past", "Past due"),
        ("0-7", "0 to 7 days"),
        ("8-14", "8 to 14 days"),
        ("15-30", "15 to 30 days"),
        ("30+", "More than 30 days"),
        ("none", "No deadline"),
    ];

    public static readonly IReadOnlyList<(string Key, string Label)> Sorts =
    [
        ("priority", "Priority"),
        ("deadline", "Deadline"),
        ("amount", "Amount"),
        ("payer", "Payer"),
        ("age", "Age"),
    ];

    /// <summary>The value of <see cref="Assignee"/> that means "nobody".</summary>
    public const string Unassigned = "none";

    /// <summary>The value of <see cref="Scenario"/> that means "no specialty scenario".</summary>
    public const string NoScenario = "none";

    public string View { get; init; } = DefaultView;

    public string? Owner { get; init; }

    public string? Assignee { get; init; }

    public string? Payer { get; init; }

    public string? RootCause { get; init; }

    public string? Scenario { get; init; }

    public string? Severity { get; init; }

    public DenialStatus? Status { get; init; }

    public string? Deadline { get; init; }

    /// <summary>The amount bounds as typed, so a bad number is shown back to the user with its message.</summary>
    public string? MinText { get; init; }

    public string? MaxText { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public string? Text { get; init; }

    /// <summary>The opaque key (<c>s</c>) that stands for <see cref="Text"/> in the URL; never the text itself.</summary>
    public string? SearchKey { get; init; }

    public string Sort { get; init; } = "priority";

    public bool Descending { get; init; } = true;

    public int Page { get; init; } = 1;

    public IReadOnlyList<string> Errors { get; init; } = [];

    public bool HasFilters =>
        Owner is not null || Assignee is not null || Payer is not null || RootCause is not null || Scenario is not null ||
        Severity is not null || Status is not null || Deadline is not null || MinText is not null || MaxText is not null ||
        Text is not null;

    /// <summary>Deadline and payer read naturally ascending (soonest, A–Z); priority, amount and age descending.</summary>
    public static bool DefaultDescending(string sort) => sort is "priority" or "amount" or "age";

    /// <summary>The keys <see cref="Parse"/> reads and <see cref="ToUrl"/> writes (the page binds each to the query string).</summary>
    public static readonly IReadOnlyList<string> Keys =
        ["view", "owner", "assignee", "payer", "root", "scenario", "severity", "status", "deadline", "min", "max", "q", "s", "sort", "dir", "page"];

    /// <summary>Reads the query from URL values (<paramref name="value"/> gives the last value of a key, or null).</summary>
    public static WorklistQuery Parse(Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var errors = new List<string>();
        string? Get(string key) => Clean(value(key));
        string? OneOf(string key, IEnumerable<string> allowed) =>
            Get(key) is { } s && allowed.FirstOrDefault(a => string.Equals(a, s, StringComparison.OrdinalIgnoreCase)) is { } hit ? hit : null;
        decimal? Amount(string? text, string label)
        {
            if (text is null)
            {
                return null;
            }

            if (decimal.TryParse(text.TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0)
            {
                return value;
            }

            errors.Add($"{label} must be an amount in dollars, like 250 or 1200.50.");
            return null;
        }

        var sort = OneOf("sort", Sorts.Select(s => s.Key)) ?? "priority";
        var dir = Get("dir");
        var minText = Get("min");
        var maxText = Get("max");
        var min = Amount(minText, "Amount from");
        var max = Amount(maxText, "Amount to");
        if (min is { } lo && max is { } hi && lo > hi)
        {
            errors.Add("Amount from is more than amount to: nothing can match.");
        }

        return new WorklistQuery
        {
            View = (Get("view") is { } v && FormerViews.TryGetValue(v, out var former) ? former : OneOf("view", Views.Select(x => x.Key))) ?? DefaultView,
            Owner = OneOf("owner", VocabularyCodes.Codes<Owner>()),
            Assignee = Get("assignee") is { Length: <= 64 } a ? a : null,
            Payer = Get("payer") is { Length: <= 200 } p ? p : null,
            RootCause = OneOf("root", VocabularyCodes.Codes<RootCause>()),
            Scenario = OneOf("scenario", [.. VocabularyCodes.Codes<Scenario>(), NoScenario]),
            Severity = OneOf("severity", VocabularyCodes.Codes<Severity>()),
            Status = Enum.TryParse<DenialStatus>(Get("status"), ignoreCase: true, out var status) && Enum.IsDefined(status) &&
                !int.TryParse(Get("status"), CultureInfo.InvariantCulture, out _) ? status : null,
            Deadline = OneOf("deadline", DeadlineWindows.Select(w => w.Key)),
            MinText = minText,
            MaxText = maxText,
            Min = min,
            Max = max,
            Text = Get("q") is { } q ? (q.Length > 80 ? q[..80] : q) : null,
            SearchKey = Get("s") is { Length: <= 32 } s && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? s : null,
            Sort = sort,
            Descending = dir switch
            {
                "asc" => false,
                "desc" => true,
                _ => DefaultDescending(sort),
            },
            Page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1,
            Errors = errors,
        };
    }

    /// <summary>The canonical worklist URL of this query: only non-default values, always in the same order.</summary>
    public string ToUrl() => ToUrl("/worklist");

    public string ToUrl(string path)
    {
        var pairs = new List<(string, string?)>
        {
            ("view", View == DefaultView ? null : View),
            ("owner", Owner),
            ("assignee", Assignee),
            ("payer", Payer),
            ("root", RootCause),
            ("scenario", Scenario),
            ("severity", Severity),
            ("status", Status?.ToString()),
            ("deadline", Deadline),
            ("min", MinText),
            ("max", MaxText),
            ("s", SearchKey),
            ("sort", Sort == "priority" ? null : Sort),
            ("dir", Descending == DefaultDescending(Sort) ? null : Descending ? "desc" : "asc"),
            ("page", Page == 1 ? null : Page.ToString(CultureInfo.InvariantCulture)),
        };
        var query = string.Join("&", pairs.Where(p => p.Item2 is not null)
            .Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
        return query.Length == 0 ? path : path + "?" + query;
    }

    public WorklistQuery WithView(string view) => this with { View = view, Page = 1 };

    public WorklistQuery WithPage(int page) => this with { Page = page };

    /// <summary>Clicking the current sort column flips its direction; another column starts at its natural direction.</summary>
    public WorklistQuery WithSort(string sort) =>
        this with { Sort = sort, Descending = Sort == sort ? !Descending : DefaultDescending(sort), Page = 1 };

    public WorklistQuery Cleared() => new() { View = View, Sort = Sort, Descending = Descending };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static WorklistQuery Parse(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Parse(k => values.TryGetValue(k, out var v) ? v : null);
    }
}

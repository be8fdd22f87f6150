using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Core.Analytics;
using AppealStudio.Core.Denials;

namespace AppealStudio.Data.Reports;

/// <summary>
/// What the report pages call things: stored codes in words, CARCs with their meaning from the code dictionary,
/// letter templates by title and providers by name. One instance per request, because template titles and provider
/// names come from the database.
/// </summary>
public sealed class ReportLabels(IReadOnlyDictionary<string, string> templateTitles, IReadOnlyDictionary<string, string> providerNames)
{
    public static ReportLabels Plain { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>"authorization" reads "Authorization"; "(none)" reads "None".</summary>
    public static string Code(string? code) => code is null or "" or WinRateReport.None ? "None" : Display.Words(code);

    /// <summary>The meaning of a "CO-197" key from the CARC list; silent denials and underpayments carry no CARC.</summary>
    public static string CarcMeaning(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return key switch
            {
                "silent" => "Not paid, and no adjustment explains why",
                "underpayment" => "Paid less than the contracted rate",
                _ => Display.Words(key),
            };
        }

        return CodeDictionary.Default.CarcMeaning(key[(dash + 1)..]) ?? "Not in the CARC list";
    }

    /// <summary>A CARC key as people read it: "CO-197"; silent denials and underpayments in words.</summary>
    public static string CarcKey(string key) => key.Contains('-', StringComparison.Ordinal) ? key : Display.Words(key);

    public static string Bucket(string bucket) =>
        string.IsNullOrEmpty(bucket) ? Display.Nothing : char.ToUpperInvariant(bucket[0]) + bucket[1..];

    /// <summary>A template by its title; one no longer in the library (renamed, removed) by its id in words.</summary>
    public string Template(string id) => templateTitles.TryGetValue(id, out var title) ? title : Display.Words(id);

    public string Provider(string npi) =>
        npi is "" or UpstreamReport.None ? "None" : providerNames.TryGetValue(npi, out var name) ? $"{name} ({npi})" : npi;

    /// <summary>The key of a win-rate row in words, for the chosen grouping.</summary>
    public string WinRateKey(string by, string key) => by switch
    {
        ReportTables.ByCarc => CarcKey(key),
        ReportTables.ByTemplate => Template(key),
        _ => Code(key),
    };

    /// <summary>The value of an upstream row in words, for the chosen grouping.</summary>
    public string UpstreamValue(string by, string value) => by switch
    {
        "payer" => value is UpstreamReport.None or "" ? "None" : value,
        "provider" => Provider(value),
        "procedure" => value is UpstreamReport.None or "" ? "None" : Display.Procedure(value),
        _ => Code(value),
    };
}

/// <summary>A win rate of one group (a payer, a denial type) summed from the win-rate rows, for the plain tables and charts.</summary>
public sealed record RateGroup(string Label, int Overturned, int PartiallyOverturned, int Upheld, int NoResponse, int InFlight, decimal AtStake, decimal Recovered)
{
    public int Decided => Overturned + PartiallyOverturned + Upheld + NoResponse;

    public int Wins => Overturned + PartiallyOverturned;

    public ProportionInterval Interval => WilsonInterval.Compute(Wins, Decided);

    public bool SmallSample => Decided < WinRateRow.SmallSampleThreshold;

    public static IReadOnlyList<RateGroup> Sum(IEnumerable<WinRateRow> rows, Func<WinRateRow, string> label) =>
        rows.GroupBy(label, StringComparer.Ordinal)
            .Select(g => new RateGroup(g.Key, g.Sum(r => r.Overturned), g.Sum(r => r.PartiallyOverturned), g.Sum(r => r.Upheld), g.Sum(r => r.NoResponse),
                g.Sum(r => r.InFlight), g.Sum(r => r.AtStake), g.Sum(r => r.Recovered)))
            .OrderByDescending(g => g.Interval.Lower).ThenByDescending(g => g.Decided).ThenBy(g => g.Label, StringComparer.Ordinal)
            .ToList();
}

/// <summary>
/// Turns the typed results of the report queries into <see cref="ReportTable"/>s, one definition for the page and the
/// CSV export (<c>/reports/{id}.csv</c>), so that the export holds what the page shows, in the page's order.
/// </summary>
public static class ReportTables
{
    public const string ByRootCause = "root-cause";
    public const string ByCarc = "carc";
    public const string ByScenario = "scenario";
    public const string ByTemplate = "template";

    public static readonly IReadOnlyList<string> WinRateBy = [ByRootCause, ByCarc, ByScenario, ByTemplate];

    public static readonly IReadOnlyList<string> UpstreamBy = ["owner", "payer", "provider", "procedure"];

    public static readonly IReadOnlyList<string> Ids =
    [
        "win-rates", "win-rates-by-payer", "win-rates-by-type", "kpis", "recovered-by-month", "denials-by-month", "inventory-age",
        "inventory-deadline", "inventory-owner", "inventory-assignee", "upstream",
    ];

    public static WinRateDimension ToWinRateDimension(string by) => by switch
    {
        ByCarc => WinRateDimension.Carc,
        ByScenario => WinRateDimension.Scenario,
        ByTemplate => WinRateDimension.Template,
        _ => WinRateDimension.RootCause,
    };

    public static UpstreamDimension ToUpstreamDimension(string by) => by switch
    {
        "payer" => UpstreamDimension.Payer,
        "provider" => UpstreamDimension.Provider,
        "procedure" => UpstreamDimension.Procedure,
        _ => UpstreamDimension.Owner,
    };

    public static string WinRateKeyHeader(string by) => by switch
    {
        ByCarc => "CARC",
        ByScenario => "Specialty scenario",
        ByTemplate => "Letter template",
        _ => "Root cause",
    };

    public static string UpstreamValueHeader(string by) => by switch
    {
        "payer" => "Payer",
        "provider" => "Provider",
        "procedure" => "Procedure",
        _ => "Owner role",
    };

    public static ReportTable WinRates(IReadOnlyList<WinRateRow> rows, string by, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        var byPayer = by != ByTemplate;
        var byCarc = by == ByCarc;
        var columns = new List<ReportColumn>();
        if (byPayer)
        {
            columns.Add(new("payer", "Payer", ColumnKind.Text));
        }

        columns.Add(new("key", WinRateKeyHeader(by), ColumnKind.Text));
        if (byCarc)
        {
            columns.Add(new("meaning", "What the CARC means", ColumnKind.Text));
        }

        columns.AddRange(OutcomeColumns());
        return new ReportTable
        {
            Id = "win-rates",
            Title = byPayer ? $"Win rate by payer and {WinRateKeyHeader(by).ToLowerInvariant()}" : "Win rate by letter template",
            Columns = columns,
            FlagLabel = "Small sample",
            Rows = rows.Select(r =>
            {
                var cells = new List<object?>();
                if (byPayer)
                {
                    cells.Add(r.Payer);
                }

                cells.Add(labels.WinRateKey(by, r.Key));
                if (byCarc)
                {
                    cells.Add(ReportLabels.CarcMeaning(r.Key));
                }

                cells.AddRange(Outcomes(r.Overturned, r.PartiallyOverturned, r.Upheld, r.NoResponse, r.Interval, r.SmallSample, r.InFlight, r.AtStake, r.Recovered));
                return cells.ToArray();
            }).ToList(),
            Note = "Wins are overturned plus partially overturned decisions (partial wins are also shown alone); upheld and " +
                   "no-response decisions are losses. Appeals still in flight are counted apart and are in no rate. Rows " +
                   "are ordered by the lower end of the 95% range, so a large sample with a good rate ranks above a lucky small one.",
        };
    }

    /// <summary>
    /// The plain win rate of each group (every payer, or every denial type) with its interval: fewer columns than the
    /// cross-tab, which holds the outcome breakdown.
    /// </summary>
    public static ReportTable Rates(string id, string title, string keyHeader, IReadOnlyList<RateGroup> groups, string note)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return new ReportTable
        {
            Id = id,
            Title = title,
            Columns =
            [
                new("key", keyHeader, ColumnKind.Text),
                new("decided", "Decided", ColumnKind.Count, "Overturned + partially overturned + upheld + no response"),
                new("won", "Won", ColumnKind.Count, "Overturned + partially overturned"),
                new("rate", "Win rate", ColumnKind.Percent, "Won ÷ decided"),
                new("ci", "95% range", ColumnKind.Interval, "Wilson score interval: where the true rate lies with 95% confidence"),
                new("small", "Small sample", ColumnKind.Flag, $"Fewer than {WinRateRow.SmallSampleThreshold} decided appeals"),
                new("recovered", "Recovered", ColumnKind.Money, "Amount recovered by the decided appeals"),
            ],
            FlagLabel = "Small sample",
            Rows = groups.Select(g => new object?[]
            {
                g.Label, g.Decided, g.Wins, g.Interval.Rate is { } rate ? (decimal?)(decimal)rate : null, g.Interval, g.SmallSample, g.Recovered,
            }).ToList(),
            Note = note,
        };
    }

    private static IEnumerable<ReportColumn> OutcomeColumns() =>
    [
        new("decided", "Decided", ColumnKind.Count, "Overturned + partially overturned + upheld + no response"),
        new("overturned", "Overturned", ColumnKind.Count),
        new("partial", "Partially overturned", ColumnKind.Count),
        new("upheld", "Upheld", ColumnKind.Count),
        new("no-response", "No response", ColumnKind.Count),
        new("rate", "Win rate", ColumnKind.Percent, "(Overturned + partially overturned) ÷ decided"),
        new("ci", "95% range", ColumnKind.Interval, "Wilson score interval: where the true rate lies with 95% confidence"),
        new("small", "Small sample", ColumnKind.Flag, $"Fewer than {WinRateRow.SmallSampleThreshold} decided appeals"),
        new("in-flight", "In flight", ColumnKind.Count, "Submitted, no decision yet: in no rate"),
        new("at-stake", "At stake", ColumnKind.Money, "Denied amount of the decided appeals"),
        new("recovered", "Recovered", ColumnKind.Money, "Amount recovered by the decided appeals"),
    ];

    private static object?[] Outcomes(int overturned, int partial, int upheld, int noResponse, ProportionInterval ci, bool small, int inFlight,
        decimal atStake, decimal recovered) =>
    [
        overturned + partial + upheld + noResponse, overturned, partial, upheld, noResponse,
        ci.Rate is { } rate ? (decimal?)(decimal)rate : null, ci, small, inFlight, atStake, recovered,
    ];

    public static ReportTable Kpis(KpiSummary kpi)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        var c = kpi.Claims;
        var a = kpi.Appeals;
        var d = kpi.Denials;
        object?[] Row(string name, string value, string numerator, string denominator, string definition) =>
            [name, value, numerator, denominator, definition];
        return new ReportTable
        {
            Id = "kpis",
            Title = "Denial KPIs",
            Columns =
            [
                new("kpi", "KPI", ColumnKind.Text),
                new("value", "Value", ColumnKind.Text),
                new("numerator", "Numerator", ColumnKind.Text),
                new("denominator", "Denominator", ColumnKind.Text),
                new("definition", "Definition", ColumnKind.Text),
            ],
            Rows =
            [
                Row("Initial denial rate (claims)", Percent(c.RateByCount), Count(c.DeniedClaims), Count(c.ClaimsAdjudicated),
                    "Claims with at least one denial ÷ claims adjudicated in the period (835 payment date, reversals excluded). HFMA CITF KPI 1."),
                Row("Initial denial rate (dollars)", Percent(c.RateByDollars), Money(c.DeniedClaimCharges), Money(c.ChargesAdjudicated),
                    "Billed charges of those denied claims ÷ billed charges of the claims adjudicated in the period. HFMA CITF KPI 1."),
                Row("Overturn rate", Percent(a.OverturnRate.Rate is { } r ? (decimal)r : null) + Interval(a.OverturnRate), Count(a.Wins), Count(a.Decided),
                    "Appeals overturned in full or in part ÷ appeals decided, for the period's denials, with the 95% range. HFMA CITF KPI 6."),
                Row("Overturn rate (dollars)", Percent(a.OverturnRateByDollars), Money(a.WonAtStake), Money(a.AtStake),
                    "Denied dollars of the won appeals ÷ denied dollars of the decided appeals. HFMA CITF KPI 6 (by charges)."),
                Row("Denial write-offs", Money(d.WrittenOffAmount), Display.Count(d.WrittenOff, "denial"), "",
                    "Denied dollars of the period's denials now written off (all appeal efforts exhausted or not pursued). HFMA MAP Key AR-6 numerator."),
                Row("Final denial rate (dollars)", Percent(kpi.FinalDenialRate), Money(d.WrittenOffAmount), Money(c.ChargesAdjudicated),
                    "Denial write-offs ÷ charges adjudicated in the period (industry usage, not a MAP Key)."),
                Row("Days from denial to appeal", Days(a.AverageDaysDenialToAppeal), "", Display.Count(a.SubmittedCount, "appeal"),
                    "Average days from the remittance date of the denial to the appeal's submission date. HFMA CITF KPI 4."),
                Row("Days from appeal to decision", Days(a.AverageDaysAppealToDecision), "", Display.Count(a.DecidedWithDates, "decision"),
                    "Average days from the appeal's submission to the payer's decision."),
                Row("Recovered", Money(a.Recovered), "", Display.Count(a.Decided, "decision"),
                    "Amount recovered by the decided appeals of the period's denials."),
                Row("Appeals in flight", Count(a.InFlight), "", "",
                    "Appeals of the period's denials submitted and not decided yet (excluded from every rate)."),
                Row("Denials", Count(d.Denials), Money(d.DeniedAmount), "",
                    "Denials whose remittance date is in the period, with their denied amount."),
            ],
        };
    }

    public static ReportTable Buckets(string id, string title, string bucketHeader, IReadOnlyList<BucketRow> rows, string note) => new()
    {
        Id = id,
        Title = title,
        Columns = [new("bucket", bucketHeader, ColumnKind.Text), new("count", "Open denials", ColumnKind.Count), new("amount", "Dollars", ColumnKind.Money)],
        Rows = rows.Select(r => new object?[] { ReportLabels.Bucket(r.Bucket), r.Count, r.Amount }).ToList(),
        Note = note,
    };

    public static ReportTable Workload(string id, string title, string keyHeader, IReadOnlyList<WorkloadRow> rows, Func<WorkloadRow, string> name,
        int softDays, int hardDays) => new()
    {
        Id = id,
        Title = title,
        Columns =
        [
            new("name", keyHeader, ColumnKind.Text),
            new("open", "Open", ColumnKind.Count),
            new("amount", "Dollars", ColumnKind.Money),
            new("past-due", "Past due", ColumnKind.Count, "Appeal deadline before today"),
            new("soft-sla", "Soft SLA breaches", ColumnKind.Count, $"Soft denials still New {softDays} business days after import"),
            new("hard-sla", "Hard SLA breaches", ColumnKind.Count, $"Hard denials to appeal not submitted {hardDays} days after import"),
        ],
        Rows = rows.Select(r => new object?[] { name(r), r.Open, r.OpenAmount, r.PastDue, r.SoftSlaBreaches, r.HardSlaBreaches }).ToList(),
        DefaultSort = "open",
        Note = $"Soft SLA: a soft denial still New more than {softDays} business days (Monday to Friday) after import. Hard SLA: a " +
               $"hard denial whose recommended action is an appeal, still open (not submitted) more than {hardDays} days after import.",
    };

    public static ReportTable Upstream(IReadOnlyList<UpstreamRow> rows, string by, TrendMonths months, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(labels);
        return new ReportTable
        {
            Id = "upstream",
            Title = $"Top root causes by {UpstreamValueHeader(by).ToLowerInvariant()}",
            Columns =
            [
                new("cause", "Root cause", ColumnKind.Text),
                new("value", UpstreamValueHeader(by), ColumnKind.Text),
                new("count", "Denials", ColumnKind.Count),
                new("amount", "Dollars", ColumnKind.Money),
                new("this-month", "This month", ColumnKind.Count, $"{Display.Date(months.ThisMonthStart)} to {Display.Date(months.ThisMonthEnd)}"),
                new("last-month", "Last month", ColumnKind.Count, $"{Display.Date(months.LastMonthStart)} to {Display.Date(months.LastMonthEnd)}"),
                new("change", "Change", ColumnKind.Count, "This month − last month"),
                new("change-rate", "Relative change", ColumnKind.Percent, "Relative to last month (blank when last month had none)"),
                new("this-month-amount", "This month $", ColumnKind.Money),
                new("last-month-amount", "Last month $", ColumnKind.Money),
            ],
            Rows = rows.Select(r => new object?[]
            {
                ReportLabels.Code(r.RootCause), labels.UpstreamValue(by, r.Value), r.Count, r.Amount, r.ThisMonth, r.LastMonth, r.Change, r.ChangeRate,
                r.ThisMonthAmount, r.LastMonthAmount,
            }).ToList(),
            DefaultSort = "count",
            PageLimit = 25,
            Note = $"Denials and dollars in the period, and the month trend: this month ({Display.Date(months.ThisMonthStart)} to " +
                   $"{Display.Date(months.ThisMonthEnd)}, the month of the period's end so far) against the whole month before it.",
        };
    }

    public static ReportTable RecoveredByMonth(IReadOnlyList<MonthAmount> rows) => new()
    {
        Id = "recovered-by-month",
        Title = "Recovered dollars per month",
        Columns = [new("month", "Month", ColumnKind.Month), new("count", "Winning decisions", ColumnKind.Count), new("amount", "Recovered", ColumnKind.Money)],
        Rows = rows.Select(r => new object?[] { MonthLabel(r), r.Count, r.Amount }).ToList(),
        Note = "By the month of the payer's decision, for decisions made in the period whenever their denial arrived; the " +
               "Recovered KPI above follows the period's denials instead, so the two totals differ.",
    };

    public static ReportTable DeniedByMonth(IReadOnlyList<MonthAmount> rows) => new()
    {
        Id = "denials-by-month",
        Title = "Denials per month",
        Columns = [new("month", "Month", ColumnKind.Month), new("count", "Denials", ColumnKind.Count), new("amount", "Denied", ColumnKind.Money)],
        Rows = rows.Select(r => new object?[] { MonthLabel(r), r.Count, r.Amount }).ToList(),
        Note = "By the month of the remittance date.",
    };

    /// <summary>The month's first day: shown "Mar 2026" on the page and in charts, exported "2026-03".</summary>
    public static DateOnly MonthLabel(MonthAmount month)
    {
        ArgumentNullException.ThrowIfNull(month);
        return new DateOnly(month.Year, month.Month, 1);
    }

    public static ReportTable AgeBuckets(IReadOnlyList<BucketRow> rows) =>
        Buckets("inventory-age", "Open denials by age", "Age", rows, "Age: days since the remittance date of the denial.");

    public static ReportTable DeadlineBuckets(IReadOnlyList<BucketRow> rows) =>
        Buckets("inventory-deadline", "Open denials by days left to the appeal deadline", "Days left", rows,
            "Days left: appeal deadline minus today; past due when the deadline has passed.");

    public static ReportTable ByOwner(IReadOnlyList<WorkloadRow> rows, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Workload("inventory-owner", "Open denials by owner role", "Owner role", rows, r => ReportLabels.Code(r.Name),
            options.SoftSlaBusinessDays, options.HardSlaDays);
    }

    public static ReportTable ByAssignee(IReadOnlyList<WorkloadRow> rows, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Workload("inventory-assignee", "Open denials by assignee", "Assignee", rows,
            r => r.Name == InventoryReport.Unassigned ? "Unassigned" : r.Name, options.SoftSlaBusinessDays, options.HardSlaDays);
    }

    private static string Percent(decimal? value) => value is { } v ? ReportTable.Rate(v) : Display.Nothing;

    private static string Interval(ProportionInterval ci) => ci.Trials == 0 ? "" : $" (95% range {ReportTable.Interval(ci)})";

    private static string Count(int value) => Display.Number(value);

    private static string Money(decimal value) => Display.Money(value);

    private static string Days(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) + " days" : Display.Nothing;
}

using System.Globalization;
using AppealStudio.Data.Reports;

namespace AppealStudio.Web.Features.Reports;

/// <summary>
/// Turns the typed results of the report queries into <see cref="ReportTable"/>s, and finds a table by its id for the
/// CSV export (<c>/reports/{id}.csv</c>) so that the export runs the same query and the same sort as the page.
/// </summary>
public static class ReportTables
{
    public static readonly IReadOnlyList<string> WinRateBy = ["root-cause", "carc", "scenario", "template"];

    public static readonly IReadOnlyList<string> UpstreamBy = ["owner", "payer", "provider", "procedure"];

    public static readonly IReadOnlyList<string> Ids =
    [
        "win-rates", "kpis", "recovered-by-month", "denials-by-month", "inventory-age", "inventory-deadline", "inventory-owner",
        "inventory-assignee", "upstream",
    ];

    public static WinRateDimension ToWinRateDimension(string by) => by switch
    {
        "carc" => WinRateDimension.Carc,
        "scenario" => WinRateDimension.Scenario,
        "template" => WinRateDimension.Template,
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
        "carc" => "CARC",
        "scenario" => "Scenario",
        "template" => "Template",
        _ => "Root cause",
    };

    public static string UpstreamValueHeader(string by) => by switch
    {
        "payer" => "Payer",
        "provider" => "Provider NPI",
        "procedure" => "Procedure",
        _ => "Owner role",
    };

    public static ReportTable WinRates(IReadOnlyList<WinRateRow> rows, string by)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byPayer = by != "template";
        var columns = new List<ReportColumn>();
        if (byPayer)
        {
            columns.Add(new("payer", "Payer", ColumnKind.Text));
        }

        columns.AddRange(
        [
            new("key", WinRateKeyHeader(by), ColumnKind.Text),
            new("decided", "Decided", ColumnKind.Count, "Overturned + partially overturned + upheld + no response"),
            new("overturned", "Overturned", ColumnKind.Count),
            new("partial", "Partially overturned", ColumnKind.Count),
            new("upheld", "Upheld", ColumnKind.Count),
            new("no-response", "No response", ColumnKind.Count),
            new("rate", "Win rate", ColumnKind.Percent, "(Overturned + partially overturned) ÷ decided"),
            new("ci", "95% CI", ColumnKind.Interval, "Wilson score interval"),
            new("small", "Small sample", ColumnKind.Flag, $"Fewer than {WinRateRow.SmallSampleThreshold} decided appeals"),
            new("in-flight", "In flight", ColumnKind.Count, "Submitted, no decision yet: in no rate"),
            new("at-stake", "At stake", ColumnKind.Money, "Denied amount of the decided appeals"),
            new("recovered", "Recovered", ColumnKind.Money, "Amount recovered by the decided appeals"),
        ]);
        return new ReportTable
        {
            Id = "win-rates",
            Title = byPayer ? $"Win rate by payer × {WinRateKeyHeader(by).ToLowerInvariant()}" : "Win rate by letter template",
            Columns = columns,
            FlagLabel = $"n < {WinRateRow.SmallSampleThreshold}",
            Rows = rows.Select(r =>
            {
                var cells = new List<object?>();
                if (byPayer)
                {
                    cells.Add(r.Payer);
                }

                var ci = r.Interval;
                cells.AddRange([r.Key, r.Decided, r.Overturned, r.PartiallyOverturned, r.Upheld, r.NoResponse,
                    ci.Rate is { } rate ? (decimal?)(decimal)rate : null, ci, r.SmallSample, r.InFlight, r.AtStake, r.Recovered]);
                return cells.ToArray();
            }).ToList(),
            Note = "Wins are overturned plus partially overturned decisions (partial wins are also shown alone); upheld and " +
                   "no-response decisions are losses. Appeals still in flight are counted apart and are in no rate. Rows " +
                   "are ordered by the lower bound of the interval, so a large sample with a good rate ranks above a lucky small one.",
        };
    }

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
                    "Appeals overturned in full or in part ÷ appeals decided, for the period's denials; 95% Wilson interval. HFMA CITF KPI 6."),
                Row("Overturn rate (dollars)", Percent(a.OverturnRateByDollars), Money(a.WonAtStake), Money(a.AtStake),
                    "Denied dollars of the won appeals ÷ denied dollars of the decided appeals. HFMA CITF KPI 6 (by charges)."),
                Row("Denial write-offs", Money(d.WrittenOffAmount), Count(d.WrittenOff) + " denials", "",
                    "Denied dollars of the period's denials now written off (all appeal efforts exhausted or not pursued). HFMA MAP Key AR-6 numerator."),
                Row("Final denial rate (dollars)", Percent(kpi.FinalDenialRate), Money(d.WrittenOffAmount), Money(c.ChargesAdjudicated),
                    "Denial write-offs ÷ charges adjudicated in the period (industry usage, not a MAP Key)."),
                Row("Days from denial to appeal", Days(a.AverageDaysDenialToAppeal), "", Count(a.SubmittedCount) + " appeals",
                    "Average days from the remittance date of the denial to the appeal's submission date. HFMA CITF KPI 4."),
                Row("Days from appeal to decision", Days(a.AverageDaysAppealToDecision), "", Count(a.DecidedWithDates) + " decisions",
                    "Average days from the appeal's submission to the payer's decision."),
                Row("Recovered", Money(a.Recovered), "", Count(a.Decided) + " decisions",
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
        Rows = rows.Select(r => new object?[] { r.Bucket, r.Count, r.Amount }).ToList(),
        Note = note,
    };

    public static ReportTable Workload(string id, string title, string keyHeader, IReadOnlyList<WorkloadRow> rows, int softDays, int hardDays) => new()
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
        Rows = rows.Select(r => new object?[] { r.Name, r.Open, r.OpenAmount, r.PastDue, r.SoftSlaBreaches, r.HardSlaBreaches }).ToList(),
        DefaultSort = "open",
        Note = $"Soft SLA: a soft denial still New more than {softDays} business days (Monday to Friday) after import. Hard SLA: a " +
               $"hard denial whose recommended action is an appeal, still open (not submitted) more than {hardDays} days after import.",
    };

    public static ReportTable Upstream(IReadOnlyList<UpstreamRow> rows, string by, TrendMonths months) => new()
    {
        Id = "upstream",
        Title = $"Top root causes by {UpstreamValueHeader(by).ToLowerInvariant()}",
        Columns =
        [
            new("cause", "Root cause", ColumnKind.Text),
            new("value", UpstreamValueHeader(by), ColumnKind.Text),
            new("count", "Denials", ColumnKind.Count),
            new("amount", "Dollars", ColumnKind.Money),
            new("this-month", "This month", ColumnKind.Count, $"{months.ThisMonthStart:yyyy-MM-dd} to {months.ThisMonthEnd:yyyy-MM-dd}"),
            new("last-month", "Last month", ColumnKind.Count, $"{months.LastMonthStart:yyyy-MM-dd} to {months.LastMonthEnd:yyyy-MM-dd}"),
            new("change", "Change", ColumnKind.Count, "This month − last month"),
            new("change-rate", "Relative change", ColumnKind.Percent, "Relative to last month (blank when last month had none)"),
            new("this-month-amount", "This month $", ColumnKind.Money),
            new("last-month-amount", "Last month $", ColumnKind.Money),
        ],
        Rows = rows.Select(r => new object?[]
        {
            r.RootCause, r.Value, r.Count, r.Amount, r.ThisMonth, r.LastMonth, r.Change, r.ChangeRate, r.ThisMonthAmount, r.LastMonthAmount,
        }).ToList(),
        DefaultSort = "count",
        PageLimit = 25,
        Note = $"Denials and dollars in the period, and the month trend: this month ({months.ThisMonthStart:yyyy-MM-dd} to " +
               $"{months.ThisMonthEnd:yyyy-MM-dd}, the month of the period's end so far) against the whole month before it.",
    };

    /// <summary>The table with this id for the CSV export, or null when there is no such table.</summary>
    public static async Task<ReportTable?> BuildAsync(string id, ReportQuery query, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(services);
        var filter = query.Filter;
        switch (id)
        {
            case "win-rates":
            {
                var by = query.ByOr(WinRateBy);
                var rows = await services.GetRequiredService<WinRateReport>().GetAsync(filter, ToWinRateDimension(by), cancellationToken);
                return WinRates(rows, by);
            }

            case "kpis":
                return Kpis(await services.GetRequiredService<KpiReport>().GetAsync(filter, cancellationToken));
            case "recovered-by-month":
                return RecoveredByMonth(await services.GetRequiredService<KpiReport>().GetRecoveredByMonthAsync(filter, cancellationToken));
            case "denials-by-month":
                return DeniedByMonth(await services.GetRequiredService<KpiReport>().GetDeniedByMonthAsync(filter, cancellationToken));
            case "inventory-age":
                return AgeBuckets(await services.GetRequiredService<InventoryReport>().GetByAgeAsync(filter, cancellationToken));
            case "inventory-deadline":
                return DeadlineBuckets(await services.GetRequiredService<InventoryReport>().GetByDeadlineAsync(filter, cancellationToken));
            case "inventory-owner":
            {
                var inventory = services.GetRequiredService<InventoryReport>();
                return ByOwner(await inventory.GetByOwnerAsync(filter, cancellationToken), inventory.Options);
            }

            case "inventory-assignee":
            {
                var inventory = services.GetRequiredService<InventoryReport>();
                return ByAssignee(await inventory.GetByAssigneeAsync(filter, cancellationToken), inventory.Options);
            }

            case "upstream":
            {
                var by = query.ByOr(UpstreamBy);
                var rows = await services.GetRequiredService<UpstreamReport>().GetAsync(filter, ToUpstreamDimension(by), cancellationToken);
                return Upstream(rows, by, TrendMonths.For(filter.To));
            }

            default:
                return null;
        }
    }

    public static ReportTable RecoveredByMonth(IReadOnlyList<MonthAmount> rows) => new()
    {
        Id = "recovered-by-month",
        Title = "Recovered dollars per month",
        Columns = [new("month", "Month", ColumnKind.Text), new("count", "Winning decisions", ColumnKind.Count), new("amount", "Recovered", ColumnKind.Money)],
        Rows = rows.Select(r => new object?[] { r.Label, r.Count, r.Amount }).ToList(),
        Note = "By the month of the payer's decision, for decisions made in the period whenever their denial arrived; the " +
               "Recovered KPI above follows the period's denials instead, so the two totals differ.",
    };

    public static ReportTable DeniedByMonth(IReadOnlyList<MonthAmount> rows) => new()
    {
        Id = "denials-by-month",
        Title = "Denials per month",
        Columns = [new("month", "Month", ColumnKind.Text), new("count", "Denials", ColumnKind.Count), new("amount", "Denied", ColumnKind.Money)],
        Rows = rows.Select(r => new object?[] { r.Label, r.Count, r.Amount }).ToList(),
        Note = "By the month of the remittance date.",
    };

    public static ReportTable AgeBuckets(IReadOnlyList<BucketRow> rows) =>
        Buckets("inventory-age", "Open denials by age", "Age", rows, "Age: days since the remittance date of the denial.");

    public static ReportTable DeadlineBuckets(IReadOnlyList<BucketRow> rows) =>
        Buckets("inventory-deadline", "Open denials by days left to the appeal deadline", "Days left", rows,
            "Days left: appeal deadline minus today; past due when the deadline has passed.");

    public static ReportTable ByOwner(IReadOnlyList<WorkloadRow> rows, ReportOptions options) =>
        Workload("inventory-owner", "Open denials by owner role", "Owner role", rows, options.SoftSlaBusinessDays, options.HardSlaDays);

    public static ReportTable ByAssignee(IReadOnlyList<WorkloadRow> rows, ReportOptions options) =>
        Workload("inventory-assignee", "Open denials by assignee", "Assignee", rows, options.SoftSlaBusinessDays, options.HardSlaDays);

    private static string Percent(decimal? value) =>
        value is { } v ? (v * 100m).ToString("F1", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Interval(Core.Analytics.ProportionInterval ci) => ci.Trials == 0
        ? ""
        : $" (95% CI {(ci.Lower * 100).ToString("F1", CultureInfo.InvariantCulture)}–{(ci.Upper * 100).ToString("F1", CultureInfo.InvariantCulture)} %)";

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("C2", ReportTable.Usd);

    private static string Days(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) + " days" : "–";
}

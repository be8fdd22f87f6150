using AppealStudio.Core;
using AppealStudio.Data.Reports;

namespace AppealStudio.Web.Features.Reports;

/// <summary>How an axis' numbers read: counts, dollars or percentages (wwwroot/js/charts.js formats the ticks).</summary>
public static class AxisFormat
{
    public const string Count = "count";
    public const string Money = "money";
    public const string Percent = "percent";
}

/// <summary>One series of a bar chart.</summary>
/// <param name="Color">A theme colour name (primary, secondary, info, success, warning, error, tertiary) that charts.js reads from MudBlazor's palette.</param>
/// <param name="Axis">"y" (left or bottom) or "y2" (the second axis, at the right).</param>
/// <param name="Line">Drawn as a line with points instead of bars.</param>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal> Data, string Color, string Axis = "y", bool Line = false);

/// <summary>
/// What a report chart shows, as plain data for wwwroot/js/charts.js (no script in the page, so the CSP holds).
/// <see cref="Kind"/> "bars" draws <see cref="Series"/>; "interval" draws each row's 95% range as a floating bar with the
/// rate as a point (<see cref="Lower"/>, <see cref="Upper"/>, <see cref="Rates"/> in percent, <see cref="Decided"/> for the
/// tooltip).
/// </summary>
public sealed record ChartSpec
{
    public required string Kind { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public IReadOnlyList<ChartSeries> Series { get; init; } = [];

    public bool Horizontal { get; init; }

    public string? XTitle { get; init; }

    public string? YTitle { get; init; }

    public string YFormat { get; init; } = AxisFormat.Count;

    public string? Y2Title { get; init; }

    public string Y2Format { get; init; } = AxisFormat.Money;

    public IReadOnlyList<decimal> Lower { get; init; } = [];

    public IReadOnlyList<decimal> Upper { get; init; } = [];

    public IReadOnlyList<decimal> Rates { get; init; } = [];

    public IReadOnlyList<int> Decided { get; init; } = [];

    /// <summary>Pixels: bar charts with one row per group grow with the number of groups.</summary>
    public int Height { get; init; } = 280;

    public bool IsEmpty => Labels.Count == 0;
}

/// <summary>The charts of the report pages, built from the same rows as their tables.</summary>
public static class ReportCharts
{
    /// <summary>The most-decided groups with their win rate and 95% range (at most <paramref name="top"/>).</summary>
    public static ChartSpec Rates(IEnumerable<(string Label, int Decided, Core.Analytics.ProportionInterval Interval)> groups, int top = 12)
    {
        var shown = groups.Where(g => g.Decided > 0).OrderByDescending(g => g.Decided).Take(top).ToList();
        return new ChartSpec
        {
            Kind = "interval",
            Horizontal = true,
            Labels = shown.Select(g => g.Label).ToList(),
            Lower = shown.Select(g => Percent(g.Interval.Lower)).ToList(),
            Upper = shown.Select(g => Percent(g.Interval.Upper)).ToList(),
            Rates = shown.Select(g => Percent(g.Interval.Rate ?? 0)).ToList(),
            Decided = shown.Select(g => g.Decided).ToList(),
            XTitle = "Win rate (%), with its 95% range",
            YFormat = AxisFormat.Percent,
            Height = 70 + (32 * Math.Max(1, shown.Count)),
        };
    }

    public static ChartSpec Rates(IReadOnlyList<RateGroup> groups, int top = 12) =>
        Rates(groups.Select(g => (g.Label, g.Decided, g.Interval)), top);

    public static ChartSpec CrossTab(WinRateView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var byPayer = view.By != ReportTables.ByTemplate;
        return Rates(view.Rows.Select(r =>
            (byPayer ? $"{r.Payer} · {view.Labels.WinRateKey(view.By, r.Key)}" : view.Labels.WinRateKey(view.By, r.Key), r.Decided, r.Interval)), 15);
    }

    /// <summary>Denials per month (bars, left axis) and their dollars (line, right axis).</summary>
    public static ChartSpec DeniedByMonth(IReadOnlyList<MonthAmount> months) => new()
    {
        Kind = "bars",
        Labels = months.Select(Month).ToList(),
        Series =
        [
            new ChartSeries("Denials", months.Select(m => (decimal)m.Count).ToList(), "primary"),
            new ChartSeries("Denied dollars", months.Select(m => m.Amount).ToList(), "warning", Axis: "y2", Line: true),
        ],
        XTitle = "Month of the remittance",
        YTitle = "Denials",
        YFormat = AxisFormat.Count,
        Y2Title = "Denied dollars",
        Y2Format = AxisFormat.Money,
    };

    public static ChartSpec RecoveredByMonth(IReadOnlyList<MonthAmount> months) => new()
    {
        Kind = "bars",
        Labels = months.Select(Month).ToList(),
        Series = [new ChartSeries("Recovered dollars", months.Select(m => m.Amount).ToList(), "success")],
        XTitle = "Month of the payer's decision",
        YTitle = "Recovered dollars",
        YFormat = AxisFormat.Money,
    };

    public static ChartSpec Buckets(IReadOnlyList<BucketRow> buckets, string xTitle) => new()
    {
        Kind = "bars",
        Labels = buckets.Select(b => ReportLabels.Bucket(b.Bucket)).ToList(),
        Series =
        [
            new ChartSeries("Open denials", buckets.Select(b => (decimal)b.Count).ToList(), "primary"),
            new ChartSeries("Dollars", buckets.Select(b => b.Amount).ToList(), "warning", Axis: "y2", Line: true),
        ],
        XTitle = xTitle,
        YTitle = "Open denials",
        Y2Title = "Dollars",
        Y2Format = AxisFormat.Money,
    };

    /// <summary>The root causes with the most denials: this month against last month, as horizontal bars.</summary>
    public static ChartSpec RootCauses(IReadOnlyList<RootCauseCount> causes, int top = 10)
    {
        var shown = causes.Take(top).ToList();
        return new ChartSpec
        {
            Kind = "bars",
            Horizontal = true,
            Labels = shown.Select(c => c.Label).ToList(),
            Series =
            [
                new ChartSeries("Denials in the period", shown.Select(c => (decimal)c.Count).ToList(), "primary"),
                new ChartSeries("Last month", shown.Select(c => (decimal)c.LastMonth).ToList(), "secondary"),
                new ChartSeries("This month", shown.Select(c => (decimal)c.ThisMonth).ToList(), "info"),
            ],
            XTitle = "Denials",
            Height = 90 + (46 * Math.Max(1, shown.Count)),
        };
    }

    private static string Month(MonthAmount m) => ReportTable.Format(ColumnKind.Month, ReportTables.MonthLabel(m));

    private static decimal Percent(double fraction) => Math.Round((decimal)fraction * 100m, 1);
}

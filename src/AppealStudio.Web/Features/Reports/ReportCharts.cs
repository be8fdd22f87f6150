using AppealStudio.Data.Reports;

namespace AppealStudio.Web.Features.Reports;

/// <summary>Chart.js configurations (plain data, serialised into data-chart) for the report pages.</summary>
public static class ReportCharts
{
    private const string Blue = "rgba(13, 110, 253, 0.75)";
    private const string Grey = "rgba(108, 117, 125, 0.6)";
    private const string Green = "rgba(25, 135, 84, 0.8)";
    private const string Orange = "rgba(253, 126, 20, 0.8)";

    /// <summary>The interval of the most-decided groups as floating bars, the rate as a point on each.</summary>
    public static object WinRates(IReadOnlyList<WinRateRow> rows, bool byPayer)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var top = rows.Where(r => r.Decided > 0).OrderByDescending(r => r.Decided).Take(15).ToList();
        return new
        {
            type = "bar",
            data = new
            {
                labels = top.Select(r => byPayer ? $"{r.Payer} · {r.Key}" : r.Key).ToArray(),
                datasets = new object[]
                {
                    new
                    {
                        type = "bar", label = "95% interval (%)", backgroundColor = Blue,
                        data = top.Select(r => new[] { Math.Round(r.Interval.Lower * 100, 1), Math.Round(r.Interval.Upper * 100, 1) }).ToArray(),
                    },
                    new
                    {
                        type = "line", label = "Win rate (%)", showLine = false, pointRadius = 5, backgroundColor = Orange, borderColor = Orange,
                        data = top.Select(r => Math.Round((r.Interval.Rate ?? 0) * 100, 1)).ToArray(),
                    },
                },
            },
            options = new
            {
                indexAxis = "y", maintainAspectRatio = false, animation = false,
                scales = new { x = new { min = 0, max = 100, title = new { display = true, text = "%" } } },
            },
        };
    }

    public static object Months(IReadOnlyList<MonthAmount> rows, string label, bool green) => new
    {
        type = "bar",
        data = new
        {
            labels = rows.Select(r => r.Label).ToArray(),
            datasets = new[] { new { label, backgroundColor = green ? Green : Blue, data = rows.Select(r => r.Amount).ToArray() } },
        },
        options = new { maintainAspectRatio = false, animation = false, plugins = new { legend = new { display = false } } },
    };

    public static object Buckets(IReadOnlyList<BucketRow> rows, string label) => new
    {
        type = "bar",
        data = new
        {
            labels = rows.Select(r => r.Bucket).ToArray(),
            datasets = new[] { new { label, backgroundColor = Blue, data = rows.Select(r => r.Count).ToArray() } },
        },
        options = new { maintainAspectRatio = false, animation = false, plugins = new { legend = new { display = false } } },
    };

    /// <summary>Root causes this month against last month (summed over the table's second dimension).</summary>
    public static object Trend(IReadOnlyList<UpstreamRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var causes = rows.GroupBy(r => r.RootCause)
            .Select(g => (Cause: g.Key, This: g.Sum(r => r.ThisMonth), Last: g.Sum(r => r.LastMonth), Count: g.Sum(r => r.Count)))
            .OrderByDescending(c => c.Count).Take(12).ToList();
        return new
        {
            type = "bar",
            data = new
            {
                labels = causes.Select(c => c.Cause).ToArray(),
                datasets = new[]
                {
                    new { label = "Last month", backgroundColor = Grey, data = causes.Select(c => c.Last).ToArray() },
                    new { label = "This month", backgroundColor = Blue, data = causes.Select(c => c.This).ToArray() },
                },
            },
            options = new { maintainAspectRatio = false, animation = false },
        };
    }
}

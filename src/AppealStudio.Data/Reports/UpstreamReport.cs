using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Reports;

/// <summary>Who or what the root causes are counted against.</summary>
public enum UpstreamDimension
{
    Owner,
    Payer,
    Provider,
    Procedure,
}

/// <summary>
/// One root cause for one owner role, payer, provider or procedure: denials and dollars in the period, and the month
/// trend (the calendar month of the period's end so far, against the whole month before it).
/// </summary>
public sealed record UpstreamRow(
    string RootCause,
    string Value,
    int Count,
    decimal Amount,
    int ThisMonth,
    decimal ThisMonthAmount,
    int LastMonth,
    decimal LastMonthAmount)
{
    public int Change => ThisMonth - LastMonth;

    /// <summary>Relative change of the count; null when last month had none (any rise from zero is "new").</summary>
    public decimal? ChangeRate => LastMonth == 0 ? null : (decimal)Change / LastMonth;
}

/// <summary>The months the trend compares, derived from the filter's end date.</summary>
public sealed record TrendMonths(DateOnly ThisMonthStart, DateOnly ThisMonthEnd, DateOnly LastMonthStart, DateOnly LastMonthEnd)
{
    public static TrendMonths For(DateOnly to)
    {
        var thisStart = new DateOnly(to.Year, to.Month, 1);
        return new TrendMonths(thisStart, to, thisStart.AddMonths(-1), thisStart.AddDays(-1));
    }
}

/// <summary>Top root causes by owner role, payer, provider and procedure: the feedback list for upstream fixes.</summary>
public sealed class UpstreamReport(AppDbContext db)
{
    public const string None = "(none)";

    public async Task<IReadOnlyList<UpstreamRow>> GetAsync(ReportFilter filter, UpstreamDimension dimension, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var months = TrendMonths.For(filter.To);
        var from = filter.From;
        var thisStart = months.ThisMonthStart;
        var lastStart = months.LastMonthStart;
        var lastEnd = months.LastMonthEnd;

        // One scan covers the period and the two trend months, which may start before the period does.
        var window = filter with { From = from < lastStart ? from : lastStart };
        var denials = window.Apply(db.Denials);
        var keyed = dimension switch
        {
            UpstreamDimension.Owner => denials.Select(d => new Keyed { Cause = d.RootCause, Value = d.Owner, Date = d.RemittanceDate, Amount = d.Amount }),
            UpstreamDimension.Payer => denials.Select(d => new Keyed { Cause = d.RootCause, Value = d.PayerName, Date = d.RemittanceDate, Amount = d.Amount }),
            UpstreamDimension.Provider => denials.Select(d => new Keyed
            {
                Cause = d.RootCause, Value = d.RenderingProviderNpi ?? None, Date = d.RemittanceDate, Amount = d.Amount,
            }),
            UpstreamDimension.Procedure => denials.Select(d => new Keyed
            {
                Cause = d.RootCause, Value = d.ProcedureCode ?? None, Date = d.RemittanceDate, Amount = d.Amount,
            }),
        };

        var rows = await keyed
            .GroupBy(x => new { x.Cause, x.Value })
            .Select(g => new UpstreamRow(
                g.Key.Cause,
                g.Key.Value,
                g.Sum(x => x.Date >= from ? 1 : 0),
                g.Sum(x => x.Date >= from ? x.Amount : 0m),
                g.Sum(x => x.Date >= thisStart ? 1 : 0),
                g.Sum(x => x.Date >= thisStart ? x.Amount : 0m),
                g.Sum(x => x.Date >= lastStart && x.Date <= lastEnd ? 1 : 0),
                g.Sum(x => x.Date >= lastStart && x.Date <= lastEnd ? x.Amount : 0m)))
            .ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(r => r.Count).ThenByDescending(r => r.Amount)
            .ThenBy(r => r.RootCause, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Keyed
    {
        public string Cause { get; init; } = "";

        public string Value { get; init; } = "";

        public DateOnly? Date { get; init; }

        public decimal Amount { get; init; }
    }
}

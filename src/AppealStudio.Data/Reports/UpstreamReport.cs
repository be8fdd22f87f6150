using AppealStudio.Data.Reports.Rollups;
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
public sealed class UpstreamReport(AppDbContext db, ReportRollups rollups)
{
    public const string None = "(none)";

    public async Task<IReadOnlyList<UpstreamRow>> GetAsync(ReportFilter filter, UpstreamDimension dimension, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var months = TrendMonths.For(filter.To);

        // One scan covers the period and the two trend months, which may start before the period does.
        var window = filter with { From = filter.From < months.LastMonthStart ? filter.From : months.LastMonthStart };

        // The period's first day starts a bucket: a month it cuts is read raw. The procedure rollup has no provider.
        var plan = dimension == UpstreamDimension.Procedure && filter.ProviderNpi is not null
            ? RollupPlan.AllRaw(window.From, window.To)
            : await rollups.PlanAsync(RollupFamily.Denials, window.From, window.To, [filter.From], cancellationToken);
        var parts = new List<UpstreamRow>();
        foreach (var range in plan.Raw)
        {
            parts.AddRange(await RawAsync(window.With(range), filter.From, months, dimension, cancellationToken));
        }

        if (plan.UsesRollup)
        {
            parts.AddRange(await RolledUpAsync(filter, plan, months, dimension, cancellationToken));
        }

        return parts
            .GroupBy(r => (r.RootCause, r.Value))
            .Select(g => new UpstreamRow(g.Key.RootCause, g.Key.Value, g.Sum(r => r.Count), g.Sum(r => r.Amount), g.Sum(r => r.ThisMonth),
                g.Sum(r => r.ThisMonthAmount), g.Sum(r => r.LastMonth), g.Sum(r => r.LastMonthAmount)))
            .OrderByDescending(r => r.Count).ThenByDescending(r => r.Amount)
            .ThenBy(r => r.RootCause, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The denials of <paramref name="scan"/> (a part of the window) counted into the period and the trend months.</summary>
    private async Task<List<UpstreamRow>> RawAsync(ReportFilter scan, DateOnly from, TrendMonths months, UpstreamDimension dimension,
        CancellationToken cancellationToken)
    {
        var thisStart = months.ThisMonthStart;
        var lastStart = months.LastMonthStart;
        var lastEnd = months.LastMonthEnd;
        var denials = scan.Apply(db.Denials);
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

        return await keyed
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
    }

    /// <summary>
    /// Whole months from the rollup: a month is in the period when it starts on or after its first day (the plan
    /// reads a month the first day cuts raw), in a trend month when it is that month.
    /// </summary>
    private async Task<List<UpstreamRow>> RolledUpAsync(ReportFilter filter, RollupPlan plan, TrendMonths months, UpstreamDimension dimension,
        CancellationToken cancellationToken)
    {
        var from = filter.From;
        var thisStart = months.ThisMonthStart;
        var lastStart = months.LastMonthStart;
        IQueryable<Keyed> keyed;
        if (dimension == UpstreamDimension.Procedure)
        {
            var first = plan.FirstMonth;
            var last = plan.LastMonth;
            var rows = db.Set<DenialProcedureRollup>().Where(r => r.Month >= first && r.Month <= last);
            if (filter.Payer is { } payer)
            {
                rows = rows.Where(r => r.PayerName == payer);
            }

            if (filter.Specialty is { } specialty)
            {
                rows = rows.Where(r => r.Specialty == specialty);
            }

            keyed = rows.Select(r => new Keyed { Cause = r.RootCause, Value = r.ProcedureCode ?? None, Date = r.Month, Amount = r.Amount, Count = r.Count });
        }
        else
        {
            var rows = KpiReport.DenialRollupRows(db, filter, plan, byProvider: dimension == UpstreamDimension.Provider);
            keyed = dimension switch
            {
                UpstreamDimension.Owner => rows.Select(r => new Keyed { Cause = r.RootCause, Value = r.Owner, Date = r.Month, Amount = r.Amount, Count = r.Count }),
                UpstreamDimension.Payer => rows.Select(r => new Keyed { Cause = r.RootCause, Value = r.PayerName, Date = r.Month, Amount = r.Amount, Count = r.Count }),
                UpstreamDimension.Provider => rows.Select(r => new Keyed
                {
                    Cause = r.RootCause, Value = r.RenderingProviderNpi ?? None, Date = r.Month, Amount = r.Amount, Count = r.Count,
                }),
                _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
            };
        }

        return await keyed
            .GroupBy(x => new { x.Cause, x.Value })
            .Select(g => new UpstreamRow(
                g.Key.Cause,
                g.Key.Value,
                g.Sum(x => x.Date >= from ? x.Count : 0),
                g.Sum(x => x.Date >= from ? x.Amount : 0m),
                g.Sum(x => x.Date == thisStart ? x.Count : 0),
                g.Sum(x => x.Date == thisStart ? x.Amount : 0m),
                g.Sum(x => x.Date == lastStart ? x.Count : 0),
                g.Sum(x => x.Date == lastStart ? x.Amount : 0m)))
            .ToListAsync(cancellationToken);
    }

    private sealed class Keyed
    {
        public string Cause { get; init; } = "";

        public string Value { get; init; } = "";

        public DateOnly? Date { get; init; }

        public decimal Amount { get; init; }

        public int Count { get; init; }
    }
}

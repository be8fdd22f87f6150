using AppealStudio.Core.Analytics;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Reports;

/// <summary>Initial denial rate (REFERENCE.md §8, HFMA CITF KPI 1) over the claims adjudicated in the period.</summary>
public sealed record ClaimRates(int ClaimsAdjudicated, decimal ChargesAdjudicated, int DeniedClaims, decimal DeniedClaimCharges)
{
    public decimal? RateByCount => DenialKpis.InitialDenialRateByCount(DeniedClaims, ClaimsAdjudicated);

    public decimal? RateByDollars => DenialKpis.InitialDenialRateByDollars(DeniedClaimCharges, ChargesAdjudicated);
}

/// <summary>The denials of the period: how many, how much, and what was written off.</summary>
public sealed record DenialTotals(int Denials, decimal DeniedAmount, int WrittenOff, decimal WrittenOffAmount);

/// <summary>Appeals of the period's denials: outcomes and the two CITF clocks (KPI 4 and the appeal's own turnaround).</summary>
public sealed record AppealTotals(
    int Decided,
    int Wins,
    int InFlight,
    decimal AtStake,
    decimal WonAtStake,
    decimal Recovered,
    int SubmittedCount,
    double? AverageDaysDenialToAppeal,
    int DecidedWithDates,
    double? AverageDaysAppealToDecision)
{
    public ProportionInterval OverturnRate => WilsonInterval.Compute(Wins, Decided);

    /// <summary>Denied dollars of won appeals ÷ denied dollars of decided appeals (CITF KPI 6 "by charges").</summary>
    public decimal? OverturnRateByDollars => DenialKpis.OverturnRateByDollars(WonAtStake, AtStake);
}

/// <summary>One calendar month of a trend.</summary>
public sealed record MonthAmount(int Year, int Month, int Count, decimal Amount)
{
    public string Label => $"{Year:D4}-{Month:D2}";
}

public sealed record KpiSummary(ClaimRates Claims, DenialTotals Denials, AppealTotals Appeals, IReadOnlyList<MonthAmount> RecoveredByMonth,
    IReadOnlyList<MonthAmount> DeniedByMonth)
{
    /// <summary>Written-off denial dollars ÷ charges adjudicated (the final denial rate of REFERENCE.md §8).</summary>
    public decimal? FinalDenialRate => DenialKpis.FinalDenialRate(Denials.WrittenOffAmount, Claims.ChargesAdjudicated);
}

/// <summary>The denial KPIs of REFERENCE.md §8 for a filter, each computed by one aggregate query.</summary>
public sealed class KpiReport(AppDbContext db)
{
    public async Task<KpiSummary> GetAsync(ReportFilter filter, CancellationToken cancellationToken = default) => new(
        await GetClaimRatesAsync(filter, cancellationToken),
        await GetDenialTotalsAsync(filter, cancellationToken),
        await GetAppealTotalsAsync(filter, cancellationToken),
        await GetRecoveredByMonthAsync(filter, cancellationToken),
        await GetDeniedByMonthAsync(filter, cancellationToken));

    /// <summary>
    /// Denominator: claims adjudicated in the period (835 payment date), reversals excluded. Numerator: those of them
    /// with at least one denial. Dollars are the claims' billed charges.
    /// </summary>
    public async Task<ClaimRates> GetClaimRatesAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var claims = filter.ApplyToClaims(db.Claims, db.ServiceLines);
        var all = await claims.GroupBy(c => 1)
            .Select(g => new { Count = g.Count(), Charges = g.Sum(c => c.ChargeAmount) })
            .SingleOrDefaultAsync(cancellationToken);
        var denied = await claims.Where(c => db.Denials.Any(d => d.ClaimId == c.Id)).GroupBy(c => 1)
            .Select(g => new { Count = g.Count(), Charges = g.Sum(c => c.ChargeAmount) })
            .SingleOrDefaultAsync(cancellationToken);
        return new ClaimRates(all?.Count ?? 0, all?.Charges ?? 0m, denied?.Count ?? 0, denied?.Charges ?? 0m);
    }

    public async Task<DenialTotals> GetDenialTotalsAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var totals = await filter.Apply(db.Denials).GroupBy(d => 1)
            .Select(g => new DenialTotals(
                g.Count(),
                g.Sum(d => d.Amount),
                g.Sum(d => d.Status == DenialStatus.WrittenOff ? 1 : 0),
                g.Sum(d => d.Status == DenialStatus.WrittenOff ? d.Amount : 0m)))
            .SingleOrDefaultAsync(cancellationToken);
        return totals ?? new DenialTotals(0, 0m, 0, 0m);
    }

    /// <summary>
    /// Appeals of the period's denials. Days from denial to appeal run from the remittance date (the denial's date in
    /// the 835) to the submission date; days to decision from submission to decision.
    /// </summary>
    public async Task<AppealTotals> GetAppealTotalsAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var appeals =
            from a in db.Appeals
            join d in filter.Apply(db.Denials) on a.DenialId equals d.Id
            where a.SubmittedOn != null || a.Decision != null
            select new { a.Decision, a.SubmittedOn, a.DecidedOn, a.AmountRecovered, d.Amount, d.RemittanceDate };
        var decided = AppealDecisions.All.ToList();
        var totals = await appeals.GroupBy(x => 1)
            .Select(g => new
            {
                Decided = g.Sum(x => x.Decision != null && decided.Contains(x.Decision) ? 1 : 0),
                Wins = g.Sum(x => x.Decision == AppealDecisions.Overturned || x.Decision == AppealDecisions.PartiallyOverturned ? 1 : 0),
                InFlight = g.Sum(x => x.Decision == null ? 1 : 0),
                AtStake = g.Sum(x => x.Decision != null && decided.Contains(x.Decision) ? x.Amount : 0m),
                WonAtStake = g.Sum(x => x.Decision == AppealDecisions.Overturned || x.Decision == AppealDecisions.PartiallyOverturned ? x.Amount : 0m),
                Recovered = g.Sum(x => x.AmountRecovered ?? 0m),
                Submitted = g.Sum(x => x.SubmittedOn != null ? 1 : 0),
                DaysToAppeal = g.Average(x => x.SubmittedOn == null ? null : (double?)(x.SubmittedOn.Value.DayNumber - x.RemittanceDate!.Value.DayNumber)),
                DecidedWithDates = g.Sum(x => x.SubmittedOn != null && x.DecidedOn != null ? 1 : 0),
                DaysToDecision = g.Average(x => x.SubmittedOn == null || x.DecidedOn == null
                    ? null
                    : (double?)(x.DecidedOn.Value.DayNumber - x.SubmittedOn.Value.DayNumber)),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return totals is null
            ? new AppealTotals(0, 0, 0, 0m, 0m, 0m, 0, null, 0, null)
            : new AppealTotals(totals.Decided, totals.Wins, totals.InFlight, totals.AtStake, totals.WonAtStake, totals.Recovered,
                totals.Submitted, totals.DaysToAppeal, totals.DecidedWithDates, totals.DaysToDecision);
    }

    /// <summary>
    /// Dollars recovered per calendar month of the decision, for decisions made in the period (the trend of money
    /// coming back, whenever its denial arrived). Count = winning decisions of the month.
    /// </summary>
    public async Task<IReadOnlyList<MonthAmount>> GetRecoveredByMonthAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var start = filter.From;
        var end = filter.To;
        var appeals = db.Appeals.Where(a => a.DecidedOn >= start && a.DecidedOn <= end &&
            (a.Decision == AppealDecisions.Overturned || a.Decision == AppealDecisions.PartiallyOverturned));
        if (filter.Payer is not null || filter.ProviderNpi is not null || filter.Specialty is not null)
        {
            var denials = filter.ApplyDimensions(db.Denials);
            appeals = appeals.Where(a => denials.Any(d => d.Id == a.DenialId));
        }

        var days = await appeals
            .GroupBy(a => a.DecidedOn!.Value)
            .Select(g => new DayAmount(g.Key, g.Count(), g.Sum(a => a.AmountRecovered ?? 0m)))
            .ToListAsync(cancellationToken);
        return ByMonth(days, start, end);
    }

    /// <summary>Denials per calendar month of the remittance date.</summary>
    public async Task<IReadOnlyList<MonthAmount>> GetDeniedByMonthAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var days = await filter.Apply(db.Denials)
            .GroupBy(d => d.RemittanceDate!.Value)
            .Select(g => new DayAmount(g.Key, g.Count(), g.Sum(d => d.Amount)))
            .ToListAsync(cancellationToken);
        return ByMonth(days, filter.From, filter.To);
    }

    // The database sums per day (in index order, no per-row date function, at most one row per day of the range);
    // the few hundred day rows are then added up per calendar month here. A month without activity is a zero in the
    // trend, not a gap that makes the chart skip it.
    private static List<MonthAmount> ByMonth(List<DayAmount> days, DateOnly from, DateOnly to)
    {
        var result = new List<MonthAmount>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var inMonth = days.Where(d => d.Day.Year == month.Year && d.Day.Month == month.Month).ToList();
            result.Add(new MonthAmount(month.Year, month.Month, inMonth.Sum(d => d.Count), inMonth.Sum(d => d.Amount)));
        }

        return result;
    }

    private sealed record DayAmount(DateOnly Day, int Count, decimal Amount);
}

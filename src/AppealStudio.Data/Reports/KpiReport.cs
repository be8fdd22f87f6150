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

        // Summed per payment day, the order the index delivers them in (see PerDay), then added up here.
        var claims = filter.ApplyToClaims(db.Claims, db.ServiceLines);
        var all = await claims.GroupBy(c => c.Payment.PaymentDate)
            .Select(g => new { Count = g.Count(), Charges = g.Sum(c => c.ChargeAmount) })
            .ToListAsync(cancellationToken);

        // The denial check is one probe of IX_Denials_ClaimId per claim. Restricting it to denials remitted around the
        // period, or reading the claim ids from the date index, measured no faster on SQLite (docs/benchmarks.md, section 3).
        var denied = await claims.Where(c => db.Denials.Any(d => d.ClaimId == c.Id)).GroupBy(c => c.Payment.PaymentDate)
            .Select(g => new { Count = g.Count(), Charges = g.Sum(c => c.ChargeAmount) })
            .ToListAsync(cancellationToken);
        return new ClaimRates(all.Sum(x => x.Count), all.Sum(x => x.Charges), denied.Sum(x => x.Count), denied.Sum(x => x.Charges));
    }

    public async Task<DenialTotals> GetDenialTotalsAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var days = await filter.Apply(db.Denials).GroupBy(d => d.RemittanceDate)
            .Select(g => new DenialTotals(
                g.Count(),
                g.Sum(d => d.Amount),
                g.Sum(d => d.Status == DenialStatus.WrittenOff ? 1 : 0),
                g.Sum(d => d.Status == DenialStatus.WrittenOff ? d.Amount : 0m)))
            .ToListAsync(cancellationToken);
        return new DenialTotals(days.Sum(d => d.Denials), days.Sum(d => d.DeniedAmount), days.Sum(d => d.WrittenOff), days.Sum(d => d.WrittenOffAmount));
    }

    /// <summary>
    /// Appeals of the period's denials. Days from denial to appeal run from the remittance date (the denial's date in
    /// the 835) to the submission date; days to decision from submission to decision. Averages are total days ÷ count,
    /// from per-day sums.
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
        var days = await appeals.GroupBy(x => x.RemittanceDate)
            .Select(g => new
            {
                Decided = g.Sum(x => x.Decision != null && decided.Contains(x.Decision) ? 1 : 0),
                Wins = g.Sum(x => x.Decision == AppealDecisions.Overturned || x.Decision == AppealDecisions.PartiallyOverturned ? 1 : 0),
                InFlight = g.Sum(x => x.Decision == null ? 1 : 0),
                AtStake = g.Sum(x => x.Decision != null && decided.Contains(x.Decision) ? x.Amount : 0m),
                WonAtStake = g.Sum(x => x.Decision == AppealDecisions.Overturned || x.Decision == AppealDecisions.PartiallyOverturned ? x.Amount : 0m),
                Recovered = g.Sum(x => x.AmountRecovered ?? 0m),
                Submitted = g.Sum(x => x.SubmittedOn != null ? 1 : 0),
                DaysToAppeal = g.Sum(x => x.SubmittedOn == null ? 0 : x.SubmittedOn.Value.DayNumber - x.RemittanceDate!.Value.DayNumber),
                DecidedWithDates = g.Sum(x => x.SubmittedOn != null && x.DecidedOn != null ? 1 : 0),
                DaysToDecision = g.Sum(x => x.SubmittedOn == null || x.DecidedOn == null ? 0 : x.DecidedOn.Value.DayNumber - x.SubmittedOn.Value.DayNumber),
            })
            .ToListAsync(cancellationToken);
        var submitted = days.Sum(x => x.Submitted);
        var decidedWithDates = days.Sum(x => x.DecidedWithDates);
        return new AppealTotals(
            days.Sum(x => x.Decided),
            days.Sum(x => x.Wins),
            days.Sum(x => x.InFlight),
            days.Sum(x => x.AtStake),
            days.Sum(x => x.WonAtStake),
            days.Sum(x => x.Recovered),
            submitted,
            submitted == 0 ? null : (double)days.Sum(x => (long)x.DaysToAppeal) / submitted,
            decidedWithDates,
            decidedWithDates == 0 ? null : (double)days.Sum(x => (long)x.DaysToDecision) / decidedWithDates);
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

    // PerDay: the database sums per day of the range (the order the date-first indexes deliver rows in, so SQLite
    // streams the groups instead of sorting the rows, and no date function runs per row); the at most a few thousand
    // day rows are then added up here. A month without activity is a zero in the trend, not a gap in the chart.
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

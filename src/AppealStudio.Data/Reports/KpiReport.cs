using AppealStudio.Core.Analytics;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Reports.Rollups;
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
public sealed class KpiReport(AppDbContext db, ReportRollups rollups)
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
        // Without a provider filter the partial months at the edges come from the daily rollup (ADR 95): on PostgreSQL
        // each raw range cost a scan of every claim. The daily rollup has no provider column, so a provider filter
        // reads those days raw (one provider's claims are few).
        var plan = filter.ProviderNpi is null
            ? await rollups.PlanWithDaysAsync(RollupFamily.Claims, filter.From, filter.To, cancellationToken)
            : await rollups.PlanAsync(RollupFamily.Claims, filter.From, filter.To, cancellationToken: cancellationToken);
        var parts = new List<ClaimRates>();
        foreach (var range in plan.Raw)
        {
            parts.Add(await RawClaimRatesAsync(filter with { From = range.From, To = range.To }, cancellationToken));
        }

        foreach (var range in plan.Days)
        {
            var (dayFrom, dayTo) = (range.From, range.To);
            var days = db.Set<ClaimDayRollup>().Where(r => r.Day >= dayFrom && r.Day <= dayTo);
            if (filter.Payer is { } dayPayer)
            {
                days = days.Where(r => r.PayerName == dayPayer);
            }

            if (filter.Specialty is { } daySpecialty)
            {
                var bit = 1 << (int)daySpecialty;
                days = daySpecialty == Specialty.Other ? days.Where(r => r.Specialties == 0) : days.Where(r => (r.Specialties & bit) != 0);
            }

            // Summed per day and added up here, like the other rollup reads (one total over everything makes SQLite sort).
            parts.AddRange(await days.GroupBy(r => r.Day)
                .Select(g => new ClaimRates(g.Sum(r => r.Count), g.Sum(r => r.Charges), g.Sum(r => r.Denied ? r.Count : 0), g.Sum(r => r.Denied ? r.Charges : 0m)))
                .ToListAsync(cancellationToken));
        }

        if (plan.UsesRollup)
        {
            var first = plan.FirstMonth;
            var last = plan.LastMonth;
            var rows = db.Set<ClaimRollup>().Where(r => r.Month >= first && r.Month <= last);
            if (filter.Payer is { } payer)
            {
                rows = rows.Where(r => r.PayerName == payer);
            }

            if (filter.ProviderNpi is { } npi)
            {
                rows = rows.Where(r => r.RenderingProviderNpi == npi);
            }

            if (filter.Specialty is { } specialty)
            {
                // Bit n = a line in specialty n's ranges; "other" = no line in any named range.
                var bit = 1 << (int)specialty;
                rows = specialty == Specialty.Other ? rows.Where(r => r.Specialties == 0) : rows.Where(r => (r.Specialties & bit) != 0);
            }

            var months = await rows.GroupBy(r => r.Month)
                .Select(g => new ClaimRates(g.Sum(r => r.Count), g.Sum(r => r.Charges), g.Sum(r => r.Denied ? r.Count : 0), g.Sum(r => r.Denied ? r.Charges : 0m)))
                .ToListAsync(cancellationToken);
            parts.AddRange(months);
        }

        return new ClaimRates(parts.Sum(x => x.ClaimsAdjudicated), parts.Sum(x => x.ChargesAdjudicated), parts.Sum(x => x.DeniedClaims),
            parts.Sum(x => x.DeniedClaimCharges));
    }

    private async Task<ClaimRates> RawClaimRatesAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
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
        var plan = await rollups.PlanAsync(RollupFamily.Denials, filter.From, filter.To, cancellationToken: cancellationToken);
        var parts = new List<DenialTotals>();
        foreach (var range in plan.Raw)
        {
            parts.AddRange(await filter.With(range).Apply(db.Denials).GroupBy(d => d.RemittanceDate)
                .Select(g => new DenialTotals(
                    g.Count(),
                    g.Sum(d => d.Amount),
                    g.Sum(d => d.Status == DenialStatus.WrittenOff ? 1 : 0),
                    g.Sum(d => d.Status == DenialStatus.WrittenOff ? d.Amount : 0m)))
                .ToListAsync(cancellationToken));
        }

        if (plan.UsesRollup)
        {
            parts.AddRange(await DenialRollups(filter, plan).GroupBy(r => r.Month)
                .Select(g => new DenialTotals(g.Sum(r => r.Count), g.Sum(r => r.Amount), g.Sum(r => r.WrittenOff), g.Sum(r => r.WrittenOffAmount)))
                .ToListAsync(cancellationToken));
        }

        return new DenialTotals(parts.Sum(d => d.Denials), parts.Sum(d => d.DeniedAmount), parts.Sum(d => d.WrittenOff), parts.Sum(d => d.WrittenOffAmount));
    }

    /// <summary>
    /// The denial rollup rows of the plan's months that match the filter's payer, provider and specialty: from the
    /// small table without providers unless a provider filter (or the caller) needs them.
    /// </summary>
    internal static IQueryable<DenialRollupRow> DenialRollupRows(AppDbContext db, ReportFilter filter, RollupPlan plan, bool byProvider = false)
    {
        var first = plan.FirstMonth;
        var last = plan.LastMonth;
        IQueryable<DenialRollupRow> rows;
        if (byProvider || filter.ProviderNpi is not null)
        {
            var providerRows = db.Set<DenialProviderRollup>().Where(r => r.Month >= first && r.Month <= last);
            if (filter.ProviderNpi is { } npi)
            {
                providerRows = providerRows.Where(r => r.RenderingProviderNpi == npi);
            }

            rows = providerRows.Select(r => new DenialRollupRow
            {
                Month = r.Month, PayerName = r.PayerName, RenderingProviderNpi = r.RenderingProviderNpi, Specialty = r.Specialty, RootCause = r.RootCause,
                Owner = r.Owner, Count = r.Count, Amount = r.Amount, WrittenOff = r.WrittenOff, WrittenOffAmount = r.WrittenOffAmount,
            });
        }
        else
        {
            rows = db.Set<DenialRollup>().Where(r => r.Month >= first && r.Month <= last).Select(r => new DenialRollupRow
            {
                Month = r.Month, PayerName = r.PayerName, Specialty = r.Specialty, RootCause = r.RootCause, Owner = r.Owner, Count = r.Count,
                Amount = r.Amount, WrittenOff = r.WrittenOff, WrittenOffAmount = r.WrittenOffAmount,
            });
        }

        if (filter.Payer is { } payer)
        {
            rows = rows.Where(r => r.PayerName == payer);
        }

        if (filter.Specialty is { } specialty)
        {
            rows = rows.Where(r => r.Specialty == specialty);
        }

        return rows;
    }

    private IQueryable<DenialRollupRow> DenialRollups(ReportFilter filter, RollupPlan plan) => DenialRollupRows(db, filter, plan);

    /// <summary>A row of either denial rollup (the small one has no provider).</summary>
    internal sealed class DenialRollupRow
    {
        public DateOnly Month { get; init; }

        public string PayerName { get; init; } = "";

        public string? RenderingProviderNpi { get; init; }

        public Specialty Specialty { get; init; }

        public string RootCause { get; init; } = "";

        public string Owner { get; init; } = "";

        public int Count { get; init; }

        public decimal Amount { get; init; }

        public int WrittenOff { get; init; }

        public decimal WrittenOffAmount { get; init; }
    }

    /// <summary>
    /// Appeals of the period's denials. Days from denial to appeal run from the remittance date (the denial's date in
    /// the 835) to the submission date; days to decision from submission to decision. Averages are total days ÷ count,
    /// from per-day sums.
    /// </summary>
    public async Task<AppealTotals> GetAppealTotalsAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);

        // The appeal rollup has no provider column: a provider filter reads raw rows.
        var plan = filter.ProviderNpi is null
            ? await rollups.PlanAsync(RollupFamily.Appeals, filter.From, filter.To, cancellationToken: cancellationToken)
            : RollupPlan.AllRaw(filter.From, filter.To);
        var decided = AppealDecisions.All.ToList();
        var parts = new List<AppealSums>();
        foreach (var range in plan.Raw)
        {
            var appeals =
                from a in db.Appeals
                join d in filter.With(range).Apply(db.Denials) on a.DenialId equals d.Id
                where a.SubmittedOn != null || a.Decision != null
                select new { a.Decision, a.SubmittedOn, a.DecidedOn, a.AmountRecovered, d.Amount, d.RemittanceDate };
            parts.AddRange(await appeals.GroupBy(x => x.RemittanceDate)
                .Select(g => new AppealSums
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
                .ToListAsync(cancellationToken));
        }

        if (plan.UsesRollup)
        {
            // Every appeal is in the rollup once per dimension: the root-cause rows count each once.
            var first = plan.FirstMonth;
            var last = plan.LastMonth;
            var rows = db.Set<AppealRollup>().Where(r => r.Dimension == WinRateDimension.RootCause && r.Month >= first && r.Month <= last);
            if (filter.Payer is { } payer)
            {
                rows = rows.Where(r => r.PayerName == payer);
            }

            if (filter.Specialty is { } specialty)
            {
                rows = rows.Where(r => r.Specialty == specialty);
            }

            parts.AddRange(await rows.GroupBy(r => r.Month)
                .Select(g => new AppealSums
                {
                    Decided = g.Sum(r => r.Decision != null && decided.Contains(r.Decision) ? r.Count : 0),
                    Wins = g.Sum(r => r.Decision == AppealDecisions.Overturned || r.Decision == AppealDecisions.PartiallyOverturned ? r.Count : 0),
                    InFlight = g.Sum(r => r.Decision == null ? r.Count : 0),
                    AtStake = g.Sum(r => r.Decision != null && decided.Contains(r.Decision) ? r.Amount : 0m),
                    WonAtStake = g.Sum(r => r.Decision == AppealDecisions.Overturned || r.Decision == AppealDecisions.PartiallyOverturned ? r.Amount : 0m),
                    Recovered = g.Sum(r => r.Recovered),
                    Submitted = g.Sum(r => r.Submitted),
                    DaysToAppeal = g.Sum(r => r.DaysToAppeal),
                    DecidedWithDates = g.Sum(r => r.DecidedWithDates),
                    DaysToDecision = g.Sum(r => r.DaysToDecision),
                })
                .ToListAsync(cancellationToken));
        }

        var submitted = parts.Sum(x => x.Submitted);
        var decidedWithDates = parts.Sum(x => x.DecidedWithDates);
        return new AppealTotals(
            parts.Sum(x => x.Decided),
            parts.Sum(x => x.Wins),
            parts.Sum(x => x.InFlight),
            parts.Sum(x => x.AtStake),
            parts.Sum(x => x.WonAtStake),
            parts.Sum(x => x.Recovered),
            submitted,
            submitted == 0 ? null : (double)parts.Sum(x => x.DaysToAppeal) / submitted,
            decidedWithDates,
            decidedWithDates == 0 ? null : (double)parts.Sum(x => x.DaysToDecision) / decidedWithDates);
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
        var plan = await rollups.PlanAsync(RollupFamily.Denials, filter.From, filter.To, cancellationToken: cancellationToken);
        var days = new List<DayAmount>();
        foreach (var range in plan.Raw)
        {
            days.AddRange(await filter.With(range).Apply(db.Denials)
                .GroupBy(d => d.RemittanceDate!.Value)
                .Select(g => new DayAmount(g.Key, g.Count(), g.Sum(d => d.Amount)))
                .ToListAsync(cancellationToken));
        }

        if (plan.UsesRollup)
        {
            // A month's first day stands for the month: ByMonth only looks at the year and month.
            days.AddRange(await DenialRollups(filter, plan).GroupBy(r => r.Month)
                .Select(g => new DayAmount(g.Key, g.Sum(r => r.Count), g.Sum(r => r.Amount)))
                .ToListAsync(cancellationToken));
        }

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

    // A class with settable members: EF translates member-init projections (and Sum over long) on both providers.
    private sealed class AppealSums
    {
        public int Decided { get; init; }

        public int Wins { get; init; }

        public int InFlight { get; init; }

        public decimal AtStake { get; init; }

        public decimal WonAtStake { get; init; }

        public decimal Recovered { get; init; }

        public int Submitted { get; init; }

        public long DaysToAppeal { get; init; }

        public int DecidedWithDates { get; init; }

        public long DaysToDecision { get; init; }
    }
}

using System.Linq.Expressions;
using AppealStudio.Core.Analytics;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Reports.Rollups;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Reports;

/// <summary>What the win-rate table groups appeals by (besides the payer, except for templates).</summary>
public enum WinRateDimension
{
    RootCause,
    Carc,
    Scenario,
    Template,
}

/// <summary>
/// One group of appeals. Decided = overturned + partially overturned + upheld + no response; wins = overturned +
/// partially overturned. In-flight appeals (submitted, no decision yet) are counted apart and are in no rate.
/// </summary>
public sealed record WinRateRow(
    string Payer,
    string Key,
    int Overturned,
    int PartiallyOverturned,
    int Upheld,
    int NoResponse,
    int InFlight,
    decimal AtStake,
    decimal Recovered)
{
    /// <summary>Fewer decided appeals than this and the rate is flagged as a small sample.</summary>
    public const int SmallSampleThreshold = 10;

    public int Decided => Overturned + PartiallyOverturned + Upheld + NoResponse;

    public int Wins => Overturned + PartiallyOverturned;

    public ProportionInterval Interval => WilsonInterval.Compute(Wins, Decided);

    public bool SmallSample => Decided < SmallSampleThreshold;
}

/// <summary>Win rate by payer × denial type (root cause, CARC or scenario) and by letter template.</summary>
public sealed class WinRateReport(AppDbContext db, ReportRollups rollups)
{
    /// <summary>Key shown for appeals whose group value is missing (no scenario, no CARC).</summary>
    public const string None = "(none)";

    public async Task<IReadOnlyList<WinRateRow>> GetAsync(ReportFilter filter, WinRateDimension dimension, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);

        // The appeal rollup has no provider column: a provider filter reads raw rows (a small share of them).
        var plan = filter.ProviderNpi is null
            ? await rollups.PlanAsync(RollupFamily.Appeals, filter.From, filter.To, cancellationToken: cancellationToken)
            : RollupPlan.AllRaw(filter.From, filter.To);
        var parts = new List<WinRateRow>();
        foreach (var range in plan.Raw)
        {
            parts.AddRange(await RawAsync(filter with { From = range.From, To = range.To }, dimension, cancellationToken));
        }

        if (plan.UsesRollup)
        {
            parts.AddRange(await RolledUpAsync(filter, plan, dimension, cancellationToken));
        }

        var rows = parts
            .GroupBy(r => (r.Payer, r.Key))
            .Select(g => new WinRateRow(g.Key.Payer, g.Key.Key, g.Sum(r => r.Overturned), g.Sum(r => r.PartiallyOverturned), g.Sum(r => r.Upheld),
                g.Sum(r => r.NoResponse), g.Sum(r => r.InFlight), g.Sum(r => r.AtStake), g.Sum(r => r.Recovered)))
            .ToList();

        // Unknown decision texts would be neither win nor loss; they are ignored here rather than miscounted.
        return rows.Where(r => r.Decided > 0 || r.InFlight > 0)
            .OrderByDescending(r => r.Interval.Lower).ThenByDescending(r => r.Decided).ThenBy(r => r.Payer, StringComparer.Ordinal)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<List<WinRateRow>> RawAsync(ReportFilter filter, WinRateDimension dimension, CancellationToken cancellationToken)
    {
        // One projection per dimension keeps each GROUP BY a plain column list that both providers translate.
        var keyed = Pairs(db, filter.Apply(db.Denials)).Select(KeyedBy(dimension));
        return await keyed
            .GroupBy(x => new { x.Payer, x.Key })
            .Select(g => new WinRateRow(
                g.Key.Payer,
                g.Key.Key,
                g.Sum(x => x.Decision == AppealDecisions.Overturned ? 1 : 0),
                g.Sum(x => x.Decision == AppealDecisions.PartiallyOverturned ? 1 : 0),
                g.Sum(x => x.Decision == AppealDecisions.Upheld ? 1 : 0),
                g.Sum(x => x.Decision == AppealDecisions.NoResponse ? 1 : 0),
                g.Sum(x => x.Decision == null ? 1 : 0),
                g.Sum(x => x.Decision != null ? x.Amount : 0m),
                g.Sum(x => x.Decision != null ? x.Recovered ?? 0m : 0m)))
            .ToListAsync(cancellationToken);
    }

    private async Task<List<WinRateRow>> RolledUpAsync(ReportFilter filter, RollupPlan plan, WinRateDimension dimension, CancellationToken cancellationToken)
    {
        var first = plan.FirstMonth;
        var last = plan.LastMonth;
        var rows = db.Set<AppealRollup>().Where(r => r.Dimension == dimension && r.Month >= first && r.Month <= last);
        if (filter.Payer is { } payer)
        {
            rows = rows.Where(r => r.PayerName == payer);
        }

        if (filter.Specialty is { } specialty)
        {
            rows = rows.Where(r => r.Specialty == specialty);
        }

        var groups = await rows
            .GroupBy(r => new { r.PayerName, r.Key })
            .Select(g => new WinRateRow(
                g.Key.PayerName,
                g.Key.Key,
                g.Sum(r => r.Decision == AppealDecisions.Overturned ? r.Count : 0),
                g.Sum(r => r.Decision == AppealDecisions.PartiallyOverturned ? r.Count : 0),
                g.Sum(r => r.Decision == AppealDecisions.Upheld ? r.Count : 0),
                g.Sum(r => r.Decision == AppealDecisions.NoResponse ? r.Count : 0),
                g.Sum(r => r.Decision == null ? r.Count : 0),
                g.Sum(r => r.Decision != null ? r.Amount : 0m),
                g.Sum(r => r.Decision != null ? r.Recovered : 0m)))
            .ToListAsync(cancellationToken);

        // Template rows are not split by payer (the letter is the same whoever denied).
        return dimension == WinRateDimension.Template ? groups.Select(r => r with { Payer = "" }).ToList() : groups;
    }

    /// <summary>Submitted or decided appeals (drafts are in no report) with their denial.</summary>
    internal static IQueryable<AppealWithDenial> Pairs(AppDbContext db, IQueryable<Denial> denials) =>
        from a in db.Appeals
        join d in denials on a.DenialId equals d.Id
        where a.SubmittedOn != null || a.Decision != null
        select new AppealWithDenial { A = a, D = d };

    /// <summary>What a win-rate row is keyed by, besides the payer. Shared by the raw query and the rollup build.</summary>
    internal static Expression<Func<AppealWithDenial, string>> KeyOf(WinRateDimension dimension) => dimension switch
    {
        WinRateDimension.RootCause => x => x.D.RootCause,

        // Silent denials and underpayments carry no CARC: their kind stands in for it.
        WinRateDimension.Carc => x => x.D.ReasonCode == null ? x.D.Kind : (x.D.GroupCode ?? "") + "-" + x.D.ReasonCode,
        WinRateDimension.Scenario => x => x.D.Scenario ?? None,
        WinRateDimension.Template => x => x.A.TemplateId,
    };

    private static Expression<Func<AppealWithDenial, Keyed>> KeyedBy(WinRateDimension dimension)
    {
        Expression<Func<AppealWithDenial, string, Keyed>> template = dimension == WinRateDimension.Template
            ? (x, key) => new Keyed { Payer = "", Key = key, Decision = x.A.Decision, Amount = x.D.Amount, Recovered = x.A.AmountRecovered }
            : (x, key) => new Keyed { Payer = x.D.PayerName, Key = key, Decision = x.A.Decision, Amount = x.D.Amount, Recovered = x.A.AmountRecovered };
        return ExpressionInline.Bind(template, KeyOf(dimension));
    }

    /// <summary>The rollup build's projection: the key plus everything the appeal KPIs sum.</summary>
    internal static Expression<Func<AppealWithDenial, AppealFact>> Facts(WinRateDimension dimension, Expression<Func<Denial, Specialty>> specialty)
    {
        Expression<Func<AppealWithDenial, string, AppealFact>> template = (x, key) => new AppealFact
        {
            PayerName = x.D.PayerName,
            Specialty = Specialty.Other,
            Key = key,
            Decision = x.A.Decision,
            Amount = x.D.Amount,
            Recovered = x.A.AmountRecovered,
            SubmittedOn = x.A.SubmittedOn,
            DecidedOn = x.A.DecidedOn,
            RemittanceDate = x.D.RemittanceDate,
        };
        var keyed = ExpressionInline.Bind(template, KeyOf(dimension));

        // Replace the placeholder specialty with the CASE over the denial.
        var init = (MemberInitExpression)keyed.Body;
        var x = keyed.Parameters[0];
        var bindings = init.Bindings.Cast<MemberAssignment>().Select(b => b.Member.Name == nameof(AppealFact.Specialty)
            ? Expression.Bind(b.Member, ExpressionInline.Apply(specialty, Expression.Property(x, nameof(AppealWithDenial.D))))
            : b);
        return Expression.Lambda<Func<AppealWithDenial, AppealFact>>(Expression.MemberInit(init.NewExpression, bindings), x);
    }

    internal sealed class AppealWithDenial
    {
        public Appeal A { get; init; } = default!;

        public Denial D { get; init; } = default!;
    }

    // A class with settable members (not a positional record): EF translates member access only through member-init.
    private sealed class Keyed
    {
        public string Payer { get; init; } = "";

        public string Key { get; init; } = "";

        public string? Decision { get; init; }

        public decimal Amount { get; init; }

        public decimal? Recovered { get; init; }
    }

    internal sealed class AppealFact
    {
        public string PayerName { get; init; } = "";

        public Specialty Specialty { get; init; }

        public string Key { get; init; } = "";

        public string? Decision { get; init; }

        public decimal Amount { get; init; }

        public decimal? Recovered { get; init; }

        public DateOnly? SubmittedOn { get; init; }

        public DateOnly? DecidedOn { get; init; }

        public DateOnly? RemittanceDate { get; init; }
    }
}

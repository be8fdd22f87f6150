using AppealStudio.Core.Analytics;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
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
public sealed class WinRateReport(AppDbContext db)
{
    /// <summary>Key shown for appeals whose group value is missing (no scenario, no CARC).</summary>
    public const string None = "(none)";

    public async Task<IReadOnlyList<WinRateRow>> GetAsync(ReportFilter filter, WinRateDimension dimension, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var appeals =
            from a in db.Appeals
            join d in filter.Apply(db.Denials) on a.DenialId equals d.Id
            where a.SubmittedOn != null || a.Decision != null
            select new { a, d };

        // One projection per dimension keeps each GROUP BY a plain column list that both providers translate.
        var keyed = dimension switch
        {
            WinRateDimension.RootCause => appeals.Select(x => new Keyed
            {
                Payer = x.d.PayerName, Key = x.d.RootCause, Decision = x.a.Decision, Amount = x.d.Amount, Recovered = x.a.AmountRecovered,
            }),
            WinRateDimension.Carc => appeals.Select(x => new Keyed
            {
                // Silent denials and underpayments carry no CARC: their kind stands in for it.
                Payer = x.d.PayerName,
                Key = x.d.ReasonCode == null ? x.d.Kind : (x.d.GroupCode ?? "") + "-" + x.d.ReasonCode,
                Decision = x.a.Decision,
                Amount = x.d.Amount,
                Recovered = x.a.AmountRecovered,
            }),
            WinRateDimension.Scenario => appeals.Select(x => new Keyed
            {
                Payer = x.d.PayerName, Key = x.d.Scenario ?? None, Decision = x.a.Decision, Amount = x.d.Amount, Recovered = x.a.AmountRecovered,
            }),
            WinRateDimension.Template => appeals.Select(x => new Keyed
            {
                Payer = "", Key = x.a.TemplateId, Decision = x.a.Decision, Amount = x.d.Amount, Recovered = x.a.AmountRecovered,
            }),
        };

        var rows = await keyed
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

        // Unknown decision texts would be neither win nor loss; they are ignored here rather than miscounted.
        return rows.Where(r => r.Decided > 0 || r.InFlight > 0)
            .OrderByDescending(r => r.Interval.Lower).ThenByDescending(r => r.Decided).ThenBy(r => r.Payer, StringComparer.Ordinal)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
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
}

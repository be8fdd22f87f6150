using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Lifecycle;

/// <summary>
/// The successive appeal levels of a denial (issue 13): the ladder a denial page renders (done, current, next, expired,
/// each with its deadline and basis), the level an upheld decision offers (<see cref="OfferedAsync"/>, which the
/// workspace's "start the letter" uses to open the next level's appeal), and the practice's rows of the level table,
/// laid after the shipped <c>appeal-levels.csv</c>. ADR 0044.
/// </summary>
public sealed class AppealLevels(AppDbContext db, DenialRules rules, ICurrentActor actor, TimeProvider clock)
{
    private AppealLevelTable? table;
    private PayerDirectory? payers;

    /// <summary>The shipped level table with the practice's rows after it.</summary>
    public async Task<AppealLevelTable> TableAsync(CancellationToken cancellationToken = default)
    {
        if (table is null)
        {
            var rows = await db.AppealLevelRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
            table = AppealLevelTable.Default.With(rows.Select(ToRule));
        }

        return table;
    }

    /// <summary>The ladder of a denial on <paramref name="asOf"/> (today when null); null when the denial does not exist.</summary>
    public async Task<AppealLadderResult?> LadderAsync(long denialId, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "The appeal ladder");
        var denial = await db.Denials.AsNoTracking().FirstOrDefaultAsync(d => d.Id == denialId, cancellationToken);
        return denial is null ? null : await LadderForAsync(denial, asOf ?? DenialWorkflow.Today(clock), cancellationToken);
    }

    /// <summary>
    /// The next level an upheld (or partly upheld) decision offers, with its deadline counted from the decision's receipt;
    /// null when the latest appeal is not decided, was won in full, or no level is left (or its deadline passed).
    /// </summary>
    public async Task<LadderStep?> OfferedAsync(Denial denial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denial);
        var ladder = await LadderForAsync(denial, DenialWorkflow.Today(clock), cancellationToken);
        return ladder.Offered;
    }

    private async Task<AppealLadderResult> LadderForAsync(Denial denial, DateOnly today, CancellationToken cancellationToken)
    {
        payers ??= (await rules.BuildAssessorAsync(cancellationToken)).Payers;
        var payer = payers.Resolve(denial.PayerIdentifier, denial.PayerName).Rule;
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.DenialId == denial.Id).OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        var rungs = new List<LadderAppeal>();
        foreach (var appeal in appeals)
        {
            // A first letter not sent yet has no level recorded: it is the first level. A reopening is no appeal level.
            AppealLevel level;
            if (appeal.Level is null)
            {
                level = appeal.Sequence == 1 ? AppealLevel.FirstLevel : AppealLevel.Reopening;
            }
            else if (!VocabularyCodes.TryParse(appeal.Level, out level))
            {
                continue;
            }

            if (level != AppealLevel.Reopening)
            {
                rungs.Add(new LadderAppeal(level, appeal.SubmittedOn, appeal.Decision, appeal.DecidedOn, appeal.AmountRecovered, appeal.Id));
            }
        }

        var notice = denial.RemittanceDate ?? DateOnly.FromDateTime(denial.CreatedAt.UtcDateTime);
        return AppealLadder.Build(payer, await TableAsync(cancellationToken), notice, denial.Amount, rungs, today);
    }

    /// <summary>Forgets the table read in this scope, after Settings changed a row.</summary>
    internal void Forget() => table = null;

    /// <summary>
    /// Open denials at a later level keep the deadline their ladder gave them when that level started (ADR 0044): after a
    /// level row changes, each is counted again from its table, and the ones whose deadline moved are updated.
    /// </summary>
    internal async Task<int> RefreshLaterLevelDeadlinesAsync(CancellationToken cancellationToken)
    {
        Forget();
        var today = DenialWorkflow.Today(clock);
        var ids = await DenialReassessment.Open(db.Denials.AsNoTracking())
            .Where(d => db.Appeals.Any(a => a.DenialId == d.Id && a.Sequence > 1))
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var id in ids)
        {
            var denial = await db.Denials.AsNoTracking().FirstAsync(d => d.Id == id, cancellationToken);
            var current = (await LadderForAsync(denial, today, cancellationToken)).Current;
            if (current?.Deadline is not { } deadline || deadline == denial.AppealDeadline)
            {
                continue;
            }

            var basis = Truncate(current.Basis, 500);
            moved += await db.Denials.Where(d => d.Id == id && d.Version == denial.Version)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.AppealDeadline, deadline).SetProperty(d => d.DeadlineBasis, basis), cancellationToken);
        }

        return moved;
    }

    public static AppealLevelRule ToRule(AppealLevelRuleRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new AppealLevelRule(VocabularyCodes.Parse<PayerType>(row.PayerType), row.Payer, VocabularyCodes.Parse<AppealLevel>(row.Level), row.WindowDays,
            row.ReceiptPresumptionDays, row.AmountInControversy, row.EffectiveFrom, row.EffectiveTo, row.Source);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

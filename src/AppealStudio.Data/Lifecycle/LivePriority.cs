using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Lifecycle;

/// <summary>What a rescoring run did.</summary>
/// <param name="Examined">Open denials looked at.</param>
/// <param name="Changed">Denials whose stored score, probability or expected recovery moved.</param>
/// <param name="AsOf">The date the scores were evaluated for.</param>
public sealed record RescoreResult(int Examined, int Changed, DateOnly AsOf);

/// <summary>
/// Priority evaluated for a date, never frozen at import: the same calculator and outcome history as the import
/// (<see cref="DenialRules"/>), applied to the classification and deadline stored on the denial. A read (the denial
/// page, <c>denials list --as-of</c>) computes it for its date; the daily job (<see cref="RescoreOpenAsync"/>) writes
/// today's score back so that the worklist can sort by it in SQL.
/// </summary>
public sealed class LivePriority(AppDbContext db, DenialRules rules, AuditLog audit)
{
    private const int BatchSize = 500;
    private const int MaxAttempts = 3;

    private DenialAssessor? assessor;

    /// <summary>The practice's assessor, built once per scope (its outcome history is one query).</summary>
    public async Task<DenialAssessor> AssessorAsync(CancellationToken cancellationToken = default) =>
        assessor ??= await rules.BuildAssessorAsync(cancellationToken);

    /// <summary>
    /// The priority of <paramref name="denial"/> on <paramref name="asOf"/>, with every component. A denial no longer
    /// being worked (submitted, decided, written off) scores 0 with <see cref="PriorityFlags.NoActionNeeded"/>: it is
    /// waiting on the payer or finished.
    /// </summary>
    public static PriorityBreakdown Evaluate(DenialAssessor assessor, Denial denial, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        ArgumentNullException.ThrowIfNull(denial);
        var severity = VocabularyCodes.TryParse<Severity>(denial.Severity, out var s) ? s : Severity.Hard;
        var rootCause = VocabularyCodes.TryParse<RootCause>(denial.RootCause, out var r) ? r : RootCause.Other;
        var action = VocabularyCodes.TryParse<RecommendedAction>(denial.Action, out var a) ? a : RecommendedAction.None;
        var breakdown = assessor.Priority(denial.Amount, severity, rootCause, action, denial.PayerIdentifier, denial.PayerName,
            denial.AppealDeadline, asOf, DenialClassification.IsFallbackRuleId(denial.RuleId));
        return DenialWorkflow.IsOpen(denial.Status)
            ? breakdown
            : breakdown with { Score = 0m, Flags = breakdown.Flags | PriorityFlags.NoActionNeeded };
    }

    /// <summary>The priority of each denial on <paramref name="asOf"/>, by id.</summary>
    public async Task<IReadOnlyDictionary<long, PriorityBreakdown>> ForAsync(IEnumerable<Denial> denials, DateOnly asOf,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denials);
        var built = await AssessorAsync(cancellationToken);
        return denials.ToDictionary(d => d.Id, d => Evaluate(built, d, asOf));
    }

    /// <summary>
    /// Writes the priority of every open denial for <paramref name="asOf"/> (the daily job; also after outcomes change
    /// the probabilities). Like a settings reassessment it checks the concurrency token without raising it: a
    /// recomputation is no edit and must not make a specialist's open form stale; a batch that meets a concurrent
    /// edit is read again.
    /// </summary>
    public async Task<RescoreResult> RescoreOpenAsync(DateOnly asOf, string actorName, CancellationToken cancellationToken = default)
    {
        var built = await AssessorAsync(cancellationToken);
        var ids = await db.Denials.AsNoTracking().Open().OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var batch in ids.Chunk(BatchSize))
        {
            changed += await RescoreBatchAsync(batch, built, asOf, cancellationToken);
        }

        await audit.RecordAsAsync(null, actorName, "denial.rescore", "Denial", null,
            $"as-of={Core.Invariant.Date(asOf)} examined={ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} changed={changed.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            cancellationToken);
        return new RescoreResult(ids.Count, changed, asOf);
    }

    private async Task<int> RescoreBatchAsync(long[] ids, DenialAssessor built, DateOnly asOf, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var denials = await db.Denials.Open().Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
            var changed = 0;
            foreach (var denial in denials)
            {
                var p = Evaluate(built, denial, asOf);
                var probability = decimal.Round(p.Probability, 4);
                var expected = decimal.Round(p.ExpectedRecovery, 2);
                var score = decimal.Round(p.Score, 2);
                if (denial.Probability == probability && denial.ExpectedRecovery == expected && denial.PriorityScore == score)
                {
                    continue;
                }

                denial.Probability = probability;
                denial.ExpectedRecovery = expected;
                denial.PriorityScore = score;
                changed++;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return changed;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // A specialist changed one of these rows meanwhile: read the batch again, their change included.
            }
        }
    }
}

using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Practice;

/// <summary>Which open denials a settings change can affect.</summary>
/// <param name="Trigger">What changed, for the audit trail: <c>payer:12</c>, <c>classification-override:7</c>.</param>
/// <param name="PayerFilter">Keeps the (payer name, payer id) pairs to look at; null = every payer.</param>
/// <param name="ReasonCodes">CARCs (or the silent/underpayment pseudo codes) to look at; null = every code.</param>
/// <param name="Reclassify">
/// Re-run the classification too. A payer change only moves deadlines and priorities, so it leaves the
/// classification of every denial as stored.
/// </param>
public sealed record ReassessmentScope(
    string Trigger,
    Func<string, string?, bool>? PayerFilter,
    IReadOnlyCollection<string>? ReasonCodes,
    bool Reclassify)
{
    /// <summary>
    /// The actor the audit row names when no person triggered the reassessment (start-up after an upgrade); null =
    /// the current user.
    /// </summary>
    public string? SystemActor { get; init; }
}

/// <summary>What a reassessment did.</summary>
/// <param name="Examined">Open denials looked at.</param>
/// <param name="Changed">Denials whose stored assessment changed in any way.</param>
/// <param name="Reclassified">Denials whose classification (severity, action, category, root cause, owner, rule) changed.</param>
/// <param name="DeadlinesChanged">Denials whose appeal deadline changed.</param>
/// <param name="HandOverriddenKept">Denials a specialist classified by hand that a classification change left untouched.</param>
public sealed record ReassessmentResult(int Examined, int Changed, int Reclassified, int DeadlinesChanged, int HandOverriddenKept)
{
    public static readonly ReassessmentResult None = new(0, 0, 0, 0, 0);
}

/// <summary>
/// Recomputes the stored assessment of open denials after an Admin changes a payer's windows or a classification
/// rule: the assessor is rebuilt from the current settings (<see cref="DenialRules"/>) and every affected denial is
/// assessed again from the facts stored with it (denial, claim and service line rows), as the import did.
/// </summary>
/// <remarks>
/// Closed denials (submitted, decided, written off) keep what they were worked with: changing a rule must not rewrite
/// history. A denial a specialist classified by hand (<see cref="HandOverridePrefix"/>) keeps that classification; its
/// deadline and priority still follow the payer's windows, because a stale deadline is the costly mistake. The
/// concurrency token (<see cref="Denial.Version"/>) is checked but not raised: a recomputation is no edit, so it must
/// not make a specialist's open form stale, and a specialist's change made meanwhile wins (the batch is redone).
/// </remarks>
public sealed class DenialReassessment(AppDbContext db, DenialRules rules, AuditLog audit, TimeProvider clock)
{
    /// <summary>The <see cref="Denial.RuleId"/> prefix of a specialist's hand classification.</summary>
    public const string HandOverridePrefix = "override:";

    private const int BatchSize = 200;
    private const int MaxAttempts = 3;

    /// <summary>Denials still being worked, whose deadline and priority matter.</summary>
    public static IQueryable<Denial> Open(IQueryable<Denial> denials) =>
        denials.Where(d => d.Status != DenialStatus.Submitted && d.Status != DenialStatus.Decided && d.Status != DenialStatus.WrittenOff);

    public async Task<ReassessmentResult> ReassessAsync(ReassessmentScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        // A denial at a later appeal level keeps the deadline its ladder gave it (counted from the last decision, ADR
        // 0044): re-assessing it from the remittance would put the first level's deadline back.
        var query = Open(db.Denials.AsNoTracking()).Where(d => !db.Appeals.Any(a => a.DenialId == d.Id && a.Sequence > 1));
        if (scope.ReasonCodes is { } codes)
        {
            var carcs = codes.Where(c => c is not (ClassificationRule.SilentCarc or ClassificationRule.UnderpaymentCarc)).ToList();
            var silent = codes.Contains(ClassificationRule.SilentCarc);
            var under = codes.Contains(ClassificationRule.UnderpaymentCarc);
            query = query.Where(d => (d.Kind == "coded" && d.ReasonCode != null && carcs.Contains(d.ReasonCode))
                                     || (silent && d.Kind == "silent") || (under && d.Kind == "underpayment"));
        }

        HashSet<(string, string?)>? payers = null;
        if (scope.PayerFilter is { } filter)
        {
            // Payers are matched by id and by name words, which SQL cannot do: decide per distinct payer, then filter.
            var pairs = await query.Select(d => new { d.PayerName, d.PayerIdentifier }).Distinct().ToListAsync(cancellationToken);
            payers = pairs.Where(p => filter(p.PayerName, p.PayerIdentifier)).Select(p => (p.PayerName, p.PayerIdentifier)).ToHashSet();
            if (payers.Count == 0)
            {
                return ReassessmentResult.None;
            }

            var names = payers.Select(p => p.Item1).Distinct().ToList();
            query = query.Where(d => names.Contains(d.PayerName));
        }

        var ids = await query.OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.PayerName, d.PayerIdentifier })
            .ToListAsync(cancellationToken);
        var selected = ids.Where(d => payers is null || payers.Contains((d.PayerName, d.PayerIdentifier))).Select(d => d.Id).ToList();
        if (selected.Count == 0)
        {
            return ReassessmentResult.None;
        }

        var assessor = await rules.BuildAssessorAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var total = ReassessmentResult.None;
        foreach (var batch in selected.Chunk(BatchSize))
        {
            var result = await ReassessBatchAsync(batch, scope, assessor, today, cancellationToken);
            total = new ReassessmentResult(
                total.Examined + result.Examined,
                total.Changed + result.Changed,
                total.Reclassified + result.Reclassified,
                total.DeadlinesChanged + result.DeadlinesChanged,
                total.HandOverriddenKept + result.HandOverriddenKept);
        }

        var details = string.Create(CultureInfo.InvariantCulture,
            $"trigger={scope.Trigger} examined={total.Examined} changed={total.Changed} reclassified={total.Reclassified} deadlines={total.DeadlinesChanged} hand-overridden-kept={total.HandOverriddenKept}");
        if (scope.SystemActor is { } system)
        {
            await audit.RecordAsAsync(null, system, "denial.reassess", "Denial", null, details, cancellationToken);
        }
        else
        {
            await audit.RecordAsync("denial.reassess", "Denial", null, details, cancellationToken);
        }
        return total;
    }

    private async Task<ReassessmentResult> ReassessBatchAsync(long[] ids, ReassessmentScope scope, DenialAssessor assessor,
        DateOnly today, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            // Status is checked again: a denial submitted since the ids were read is closed now.
            var denials = await Open(db.Denials)
                .Where(d => ids.Contains(d.Id))
                .Include(d => d.Claim)
                .Include(d => d.ServiceLine)
                .OrderBy(d => d.Id)
                .ToListAsync(cancellationToken);
            var claimIds = denials.Select(d => d.ClaimId).Distinct().ToList();
            var lines = (await db.ServiceLines.AsNoTracking()
                    .Where(l => claimIds.Contains(l.ClaimId))
                    .Select(l => new { l.ClaimId, l.Id, l.ProcedureCode, l.Modifiers, l.SubmittedModifiers, l.ServiceDate, ClaimDate = l.Claim.StatementFrom })
                    .ToListAsync(cancellationToken))
                .ToLookup(l => l.ClaimId);

            var changed = 0;
            var reclassified = 0;
            var deadlines = 0;
            var kept = 0;
            var now = clock.GetUtcNow();
            foreach (var denial in denials)
            {
                var otherLines = lines[denial.ClaimId]
                    .Where(l => l.Id != denial.ServiceLineId && !string.IsNullOrEmpty(l.ProcedureCode))
                    .Select(l => new ClaimLine(l.ProcedureCode, [.. Split(l.Modifiers), .. Split(l.SubmittedModifiers)], l.ServiceDate ?? l.ClaimDate))
                    .ToList();
                var others = otherLines.Select(l => l.ProcedureCode!).Distinct(StringComparer.Ordinal).ToList();
                var facts = FactsOf(denial, others) with { OtherLines = otherLines };
                var before = Snapshot.Of(denial);
                if (!scope.Reclassify)
                {
                    if (!ApplyKeepingClassification(denial, facts, assessor, today))
                    {
                        continue;
                    }
                }
                else if (denial.RuleId.StartsWith(HandOverridePrefix, StringComparison.Ordinal))
                {
                    // The specialist's judgement is not the table's to overrule. A hand classification made before
                    // liability was recorded gets the one the group code gives, which no judgement contradicts.
                    kept++;
                    if (denial.Liability is null)
                    {
                        denial.Liability = LiabilityRules.FromGroup(denial.GroupCode, facts.Kind).ToCode();
                        denial.UpdatedAt = now;
                    }
                    else
                    {
                        db.Entry(denial).State = EntityState.Unchanged;
                    }

                    continue;
                }
                else
                {
                    Apply(denial, assessor.Assess(facts, today));
                }

                var after = Snapshot.Of(denial);
                if (after == before)
                {
                    db.Entry(denial).State = EntityState.Unchanged;
                    continue;
                }

                denial.UpdatedAt = now;
                changed++;
                reclassified += after.Classification == before.Classification ? 0 : 1;
                deadlines += after.Deadline == before.Deadline ? 0 : 1;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new ReassessmentResult(denials.Count, changed, reclassified, deadlines, kept);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Someone changed one of these denials meanwhile: read the batch again, their change included.
            }
        }
    }

    /// <summary>The classifier's input rebuilt from the stored rows, as the importer's detector built it from the 835.</summary>
    public static DenialFacts FactsOf(Denial denial, IReadOnlyList<string> otherProcedureCodesOnClaim)
    {
        ArgumentNullException.ThrowIfNull(denial);
        var line = denial.ServiceLine;
        var claim = denial.Claim;
        return new DenialFacts(
            denial.Kind switch
            {
                "silent" => DenialKind.Silent,
                "underpayment" => DenialKind.Underpayment,
                _ => DenialKind.Coded,
            },
            denial.GroupCode,
            denial.ReasonCode,
            Split(denial.RemarkCodes),
            line?.ProcedureCode,
            Split(line?.Modifiers),
            line?.SubmittedProcedureCode is { } submitted && !string.Equals(submitted, line.ProcedureCode, StringComparison.Ordinal) ? submitted : null,
            Split(line?.SubmittedModifiers),
            line?.Units,
            line?.SubmittedUnits,
            denial.Amount,
            line?.ChargeAmount ?? claim.ChargeAmount,
            line?.PaidAmount ?? claim.PaidAmount,
            claim.StatusCode,
            otherProcedureCodesOnClaim,
            denial.PayerIdentifier,
            denial.PayerName,
            denial.ServiceDate,
            denial.RemittanceDate);
    }

    private static void Apply(Denial denial, DenialAssessment assessment)
    {
        var c = assessment.Classification;
        denial.Severity = c.Severity.ToCode();
        denial.Action = c.Action.ToCode();
        denial.Category = c.Category.ToCode();
        denial.RootCause = c.RootCause.ToCode();
        denial.Owner = c.Owner.ToCode();
        denial.Liability = c.Liability.ToCode();
        denial.RuleId = Truncate(c.RuleId, 200);
        denial.Explanation = Truncate(c.Explanation, 1000);
        denial.Scenario = assessment.Scenario?.ToCode();
        SetDeadlineAndPriority(denial, assessment.Deadline, assessment.Priority);
    }

    /// <summary>
    /// Deadline and priority for the classification stored with the denial (a payer change moves windows, not
    /// classifications; a hand classification stays). False when the stored codes are not vocabulary codes.
    /// </summary>
    private static bool ApplyKeepingClassification(Denial denial, DenialFacts facts, DenialAssessor assessor, DateOnly today)
    {
        if (!TryStoredClassification(denial, out var severity, out var action, out var rootCause))
        {
            return false;
        }

        var payer = assessor.Payers.Resolve(facts);
        var deadline = DenialAssessor.DeadlineFor(action, payer.Rule, facts, today);
        var priority = assessor.Priority(denial.Amount, severity, rootCause, action, facts.PayerId, facts.PayerName, deadline.Date, today,
            DenialClassification.IsFallbackRuleId(denial.RuleId));
        SetDeadlineAndPriority(denial, deadline, priority);
        return true;
    }

    private static bool TryStoredClassification(Denial denial, out Severity severity, out RecommendedAction action, out RootCause rootCause)
    {
        action = default;
        rootCause = default;
        return VocabularyCodes.TryParse(denial.Severity, out severity)
            & VocabularyCodes.TryParse(denial.Action, out action)
            & VocabularyCodes.TryParse(denial.RootCause, out rootCause);
    }

    private static void SetDeadlineAndPriority(Denial denial, AppealDeadline deadline, PriorityBreakdown priority)
    {
        denial.AppealDeadline = deadline.Date;
        denial.DeadlineBasis = Truncate(deadline.Basis, 500);
        denial.DeadlineIsDefault = deadline.IsDefaultRule;
        denial.Probability = decimal.Round(priority.Probability, 4);
        denial.ExpectedRecovery = decimal.Round(priority.ExpectedRecovery, 2);
        denial.PriorityScore = decimal.Round(priority.Score, 2);
    }

    /// <summary>Decided appeals by payer and root cause, counted as <see cref="DenialRules"/> counts them for the assessor.</summary>
    private static IReadOnlyList<string> Split(string? csv) =>
        string.IsNullOrEmpty(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private readonly record struct Snapshot(string Classification, DateOnly? Deadline, string? Basis, bool IsDefault,
        decimal Probability, decimal ExpectedRecovery, decimal Score)
    {
        public static Snapshot Of(Denial d) => new(
            string.Join('|', d.Severity, d.Action, d.Category, d.RootCause, d.Owner, d.Liability, d.RuleId, d.Explanation, d.Scenario),
            d.AppealDeadline, d.DeadlineBasis, d.DeadlineIsDefault, d.Probability, d.ExpectedRecovery, d.PriorityScore);
    }
}

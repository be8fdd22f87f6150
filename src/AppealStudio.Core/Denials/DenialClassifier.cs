using System.Collections.Frozen;

namespace AppealStudio.Core.Denials;

/// <summary>What the classifier concluded about one denial, and which rule decided.</summary>
/// <param name="Severity">Soft (fixable without a formal appeal) or hard.</param>
/// <param name="Action">What to do next.</param>
/// <param name="Category">Clinical, administrative or technical.</param>
/// <param name="RootCause">The upstream cause to fix.</param>
/// <param name="Owner">Who owns the fix.</param>
/// <param name="RuleId">Which row or rule decided, e.g. <c>*-97 + modifier 59 present</c>; shown to the specialist and stored with the denial.</param>
/// <param name="Explanation">Plain sentences for the specialist: who owes the money, then what happened and what to do.</param>
/// <param name="Rule">The table row that decided (the fallback row when <see cref="IsFallback"/>).</param>
/// <param name="IsFallback">No reviewed rule covered this denial.</param>
public sealed record DenialClassification(
    Severity Severity,
    RecommendedAction Action,
    DenialCategory Category,
    RootCause RootCause,
    Owner Owner,
    string RuleId,
    string Explanation,
    ClassificationRule Rule,
    bool IsFallback)
{
    /// <summary>The <see cref="RuleId"/> of a denial no reviewed rule covered starts with this.</summary>
    public const string FallbackRulePrefix = "fallback";

    /// <summary>Who owes the denied amount (the group code, refined by the row).</summary>
    public Liability Liability { get; init; }

    /// <summary>The judgement on the line's modifiers, for bundling denials; null for every other denial.</summary>
    public ModifierVerdict? ModifierVerdict { get; init; }

    /// <summary>
    /// No reviewed rule decided: a person must read the codes and choose the action. The worklist keeps such a denial
    /// ranked (it is not "nothing to do") even though its action is <see cref="RecommendedAction.None"/>.
    /// </summary>
    public bool NeedsReview => IsFallback;

    /// <summary>True for a stored rule id that came from the fallback (a denial classified before this was stored as a flag).</summary>
    public static bool IsFallbackRuleId(string? ruleId) =>
        ruleId is not null && ruleId.StartsWith(FallbackRulePrefix, StringComparison.Ordinal);
}

/// <summary>
/// Classifies a denial with a <see cref="ClassificationTable"/>. The table carries the reviewed judgement; this class
/// turns the facts into a lookup and applies the few rules that no table row may override, because they are facts of
/// the code sets rather than editorial choices:
/// <list type="bullet">
/// <item>a modifier on a bundled line counts only when <see cref="ModifierJudgement"/> says it bypasses the edit, and an
/// edit that no modifier bypasses (NCCI indicator 0, packaged) is a write-off;</item>
/// <item>a group-blind row never writes off an amount the payer put on the patient (PR);</item>
/// <item>a payer's statement that there are no appeal rights (MA130, N211, N704) never yields an appeal, and never a
/// resubmission of the unchanged claim.</item>
/// </list>
/// </summary>
public sealed class DenialClassifier
{
    /// <summary>
    /// Remark codes saying the decision cannot be appealed (REFERENCE §3): MA130 (unprocessable claim, submit a new
    /// one), N211 (you may not appeal) and N704 (you may not appeal, but may resubmit corrected information). An
    /// appeal or reopening would be dismissed, so what is left is a corrected claim when something on the claim was
    /// wrong, otherwise a write-off.
    /// </summary>
    public static readonly FrozenSet<string> NoAppealRightsRemarks =
        FrozenSet.ToFrozenSet(["MA130", "N211", "N704"], StringComparer.Ordinal);

    private static readonly Lazy<DenialClassifier> DefaultClassifier = new(() => new(ClassificationTable.Default));

    public DenialClassifier(ClassificationTable table, ModifierJudgement? modifierJudgement = null)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        ModifierJudgement = modifierJudgement ?? ModifierJudgement.Default;
    }

    /// <summary>A classifier over the shipped default table.</summary>
    public static DenialClassifier Default => DefaultClassifier.Value;

    public ClassificationTable Table { get; }

    public ModifierJudgement ModifierJudgement { get; }

    public DenialClassification Classify(DenialFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var carc = facts.Kind switch
        {
            DenialKind.Coded => string.IsNullOrWhiteSpace(facts.ReasonCode) ? null : facts.ReasonCode.Trim().ToUpperInvariant(),
            DenialKind.Silent => ClassificationRule.SilentCarc,
            DenialKind.Underpayment => ClassificationRule.UnderpaymentCarc,
        };
        var group = facts.Kind == DenialKind.Coded ? facts.GroupCode : null;
        var lineModifiers = facts.Modifiers.Concat(facts.SubmittedModifiers)
            .Select(ProcedureCodes.Normalize).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

        var verdict = JudgeModifiers(facts, carc);
        // On a bundled line only a modifier the judgement accepts may select a modifier row: 59 on an E/M, or LT on
        // the same knee as the column-1 code, must not turn a write-off or a corrected claim into an appeal.
        IReadOnlyList<string> matchModifiers = verdict is null
            ? lineModifiers
            : verdict.Bypasses
                ? [verdict.Modifier!]
                : lineModifiers.Where(m => !ModifierJudgement.NcciAssociatedModifiers.Contains(m)).ToArray();

        var match = carc is null
            ? new ClassificationMatch(Table.Fallback, null, null, IsFallback: true)
            : Table.Match(group, carc, facts.RemarkCodes, matchModifiers);
        var rule = match.Rule;
        var liability = match.IsFallback ? LiabilityRules.FromGroup(group, facts.Kind) : rule.Liability ?? LiabilityRules.FromGroup(group, facts.Kind);

        var ruleId = match.IsFallback
            ? $"{DenialClassification.FallbackRulePrefix} (no rule for {Subject(facts)})"
            : rule.Describe(match.MatchedModifier);
        var said = rule.Explanation
            .Replace("{modifier}", match.MatchedModifier ?? "a distinct-service modifier", StringComparison.Ordinal)
            .Replace("{rarc}", match.MatchedRarc ?? "the remark code", StringComparison.Ordinal);
        var classification = new DenialClassification(
            rule.Severity, rule.Action, rule.Category, rule.RootCause, rule.Owner, ruleId, said, rule, match.IsFallback)
        {
            Liability = liability,
            ModifierVerdict = verdict,
        };

        classification = ApplyModifierVerdict(classification, verdict, lineModifiers.Length > 0);
        classification = ApplyNoAppealRights(classification, facts);
        classification = KeepPatientShare(classification, group);
        return classification with
        {
            Explanation = LiabilityRules.Sentence(classification.Liability) + " " + classification.Explanation,
        };
    }

    private ModifierVerdict? JudgeModifiers(DenialFacts facts, string? carc)
    {
        if (facts.Kind != DenialKind.Coded || carc is null || (facts.ProcedureCode ?? facts.SubmittedProcedureCode) is null)
        {
            return null;
        }

        // N111 says the line is a duplicate of a service already adjudicated, not a bundling question: a modifier
        // cannot answer it, so it is left to the table's N111 rows.
        if (facts.RemarkCodes.Any(r => string.Equals(r?.Trim(), "N111", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return ModifierJudgement.EditFor(carc, facts.RemarkCodes) is { } edit
            ? ModifierJudgement.Judge(ClaimLine.Of(facts), facts.OtherLinesOrCodes, edit)
            : null;
    }

    /// <summary>
    /// An edit no modifier bypasses is a write-off whatever the row said (a corrected claim with 59 would be denied
    /// again, an appeal would fail); otherwise the verdict's reason is added so the specialist sees why the modifier
    /// on the line did or did not count.
    /// </summary>
    private static DenialClassification ApplyModifierVerdict(DenialClassification c, ModifierVerdict? verdict, bool lineHasModifiers)
    {
        if (verdict is null)
        {
            return c;
        }

        if (verdict.NeverBypassable && !c.IsFallback && c.Action is not (RecommendedAction.WriteOff or RecommendedAction.None))
        {
            return c with
            {
                Severity = Severity.Hard,
                Action = RecommendedAction.WriteOff,
                RootCause = RootCause.Coding,
                Owner = Owner.Coder,
                RuleId = $"{c.RuleId} + no modifier bypasses the edit",
                Explanation = $"{verdict.Reason} Write it off; dispute it only if the edit was applied wrongly (the codes "
                    + "were on different dates or sites the edit does not cover). Source: " + verdict.Source + ".",
            };
        }

        return verdict.Kind == ModifierVerdictKind.NoModifier && !lineHasModifiers
            ? c
            : c with { Explanation = $"{c.Explanation} {verdict.Reason}" };
    }

    /// <summary>
    /// No appeal rights: an appeal or a reopening would be dismissed. A silent denial (no reason given) becomes a new
    /// corrected claim, because the remark itself says the claim came back unprocessed. Any other appeal or reopening
    /// becomes a write-off that names the one exception (something on the claim was wrong: send a corrected claim).
    /// A row that already said "correct and resubmit" keeps that, with the reminder that the claim must change.
    /// </summary>
    private static DenialClassification ApplyNoAppealRights(DenialClassification c, DenialFacts facts)
    {
        var remark = facts.RemarkCodes
            .Where(r => !string.IsNullOrWhiteSpace(r))
            .Select(r => r.Trim().ToUpperInvariant())
            .Where(NoAppealRightsRemarks.Contains)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (remark is null)
        {
            return c;
        }

        var suffix = $" + {remark} (no appeal rights)";
        switch (c.Action)
        {
            case RecommendedAction.Appeal or RecommendedAction.Reopen when facts.Kind == DenialKind.Silent:
                return c with
                {
                    Severity = Severity.Soft,
                    Action = RecommendedAction.Resubmit,
                    RuleId = c.RuleId + suffix,
                    Explanation = $"{c.Explanation} Remark {remark}: this decision has no appeal rights, so do not ask "
                        + "for a reopening; find what the other remark codes say is missing or wrong and send a corrected "
                        + "claim, never the unchanged one.",
                };
            case RecommendedAction.Appeal or RecommendedAction.Reopen:
                return c with
                {
                    Severity = Severity.Hard,
                    Action = RecommendedAction.WriteOff,
                    RuleId = c.RuleId + suffix,
                    Explanation = $"{c.Explanation} However, remark {remark} says this decision has no appeal rights: "
                        + "an appeal or reopening would be dismissed. If something on the claim was wrong (codes, "
                        + "modifiers, diagnosis, provider data), send a corrected claim; otherwise write it off. Never "
                        + "send the unchanged claim again.",
                };
            case RecommendedAction.Resubmit:
                return c with
                {
                    RuleId = c.RuleId + suffix,
                    Explanation = $"{c.Explanation} Remark {remark}: no appeal rights, so the only route is a new claim "
                        + "with the correction; the unchanged claim would be denied again.",
                };
            default:
                return c;
        }
    }

    /// <summary>
    /// PR means the patient owes it. A group-blind row that says "write it off" (written for the CO case) must not make
    /// the practice forgive what the patient owes; a row written for PR may (the practice decided so explicitly).
    /// </summary>
    private static DenialClassification KeepPatientShare(DenialClassification c, string? group)
    {
        var isPr = string.Equals(group?.Trim(), "PR", StringComparison.OrdinalIgnoreCase);
        if (!isPr || c.Liability != Liability.Patient || c.Action != RecommendedAction.WriteOff
            || (c.Rule.Group == "PR" && c.Rule.Action == RecommendedAction.WriteOff))
        {
            return c;
        }

        return c with
        {
            Action = RecommendedAction.None,
            RuleId = c.RuleId + " + PR (patient owes it)",
            Explanation = c.Explanation + " The payer put this amount on the patient (PR), so it is not written off: bill "
                + "the patient (or their secondary plan).",
        };
    }

    private static string Subject(DenialFacts facts) => facts.Kind switch
    {
        DenialKind.Coded => $"{facts.GroupCode ?? "?"}-{facts.ReasonCode ?? "?"}",
        DenialKind.Silent => "silent denial",
        DenialKind.Underpayment => "underpayment",
    };
}

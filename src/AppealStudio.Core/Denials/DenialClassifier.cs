using System.Collections.Frozen;

namespace AppealStudio.Core.Denials;

/// <summary>What the classifier concluded about one denial, and which rule decided.</summary>
/// <param name="Severity">Soft (fixable without a formal appeal) or hard.</param>
/// <param name="Action">What to do next.</param>
/// <param name="Category">Clinical, administrative or technical.</param>
/// <param name="RootCause">The upstream cause to fix.</param>
/// <param name="Owner">Who owns the fix.</param>
/// <param name="RuleId">Which row or rule decided, e.g. <c>*-97 + modifier 59 present</c>; shown to the specialist and stored with the denial.</param>
/// <param name="Explanation">A plain sentence for the specialist.</param>
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
    bool IsFallback);

/// <summary>
/// Classifies a denial with a <see cref="ClassificationTable"/>. The table carries the reviewed judgement; this class
/// only turns the facts into a lookup and applies the one rule that no table row may override: a payer's statement
/// that there are no appeal rights.
/// </summary>
public sealed class DenialClassifier(ClassificationTable table)
{
    /// <summary>
    /// Remark codes saying the decision cannot be appealed (REFERENCE §3): MA130 (unprocessable claim, submit a new
    /// one), N211 (you may not appeal) and N704 (you may not appeal, but may resubmit corrected information). An
    /// appeal or reopening would be dismissed, so the only route left is a corrected or new claim.
    /// </summary>
    public static readonly FrozenSet<string> NoAppealRightsRemarks =
        FrozenSet.ToFrozenSet(["MA130", "N211", "N704"], StringComparer.Ordinal);

    private static readonly Lazy<DenialClassifier> DefaultClassifier = new(() => new(ClassificationTable.Default));

    /// <summary>A classifier over the shipped default table.</summary>
    public static DenialClassifier Default => DefaultClassifier.Value;

    public ClassificationTable Table { get; } = table ?? throw new ArgumentNullException(nameof(table));

    public DenialClassification Classify(DenialFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var carc = facts.Kind switch
        {
            DenialKind.Coded => string.IsNullOrWhiteSpace(facts.ReasonCode) ? null : facts.ReasonCode,
            DenialKind.Silent => ClassificationRule.SilentCarc,
            DenialKind.Underpayment => ClassificationRule.UnderpaymentCarc,
        };
        var group = facts.Kind == DenialKind.Coded ? facts.GroupCode : null;
        var modifiers = facts.Modifiers.Concat(facts.SubmittedModifiers).ToArray();

        var match = carc is null
            ? new ClassificationMatch(Table.Fallback, null, null, IsFallback: true)
            : Table.Match(group, carc, facts.RemarkCodes, modifiers);
        var rule = match.Rule;

        var ruleId = match.IsFallback
            ? $"fallback (no rule for {Subject(facts)})"
            : rule.Describe(match.MatchedModifier);
        var explanation = rule.Explanation
            .Replace("{modifier}", match.MatchedModifier ?? "a distinct-service modifier", StringComparison.Ordinal)
            .Replace("{rarc}", match.MatchedRarc ?? "the remark code", StringComparison.Ordinal);
        var classification = new DenialClassification(
            rule.Severity, rule.Action, rule.Category, rule.RootCause, rule.Owner, ruleId, explanation, rule, match.IsFallback);

        return ApplyNoAppealRights(classification, facts.RemarkCodes);
    }

    private static DenialClassification ApplyNoAppealRights(DenialClassification classification, IReadOnlyList<string> remarks)
    {
        if (classification.Action is not (RecommendedAction.Appeal or RecommendedAction.Reopen))
        {
            return classification;
        }

        var remark = remarks
            .Select(r => r.Trim().ToUpperInvariant())
            .FirstOrDefault(NoAppealRightsRemarks.Contains);
        if (remark is null)
        {
            return classification;
        }

        return classification with
        {
            Severity = Severity.Soft,
            Action = RecommendedAction.Resubmit,
            RuleId = $"{classification.RuleId} + {remark} (no appeal rights)",
            Explanation = $"{classification.Explanation} However, remark {remark} says this decision has no appeal "
                + "rights: correct the claim and submit it again, or write the amount off if nothing on the claim "
                + "was wrong.",
        };
    }

    private static string Subject(DenialFacts facts) => facts.Kind switch
    {
        DenialKind.Coded => $"{facts.GroupCode ?? "?"}-{facts.ReasonCode ?? "?"}",
        DenialKind.Silent => "silent denial",
        DenialKind.Underpayment => "underpayment",
    };
}

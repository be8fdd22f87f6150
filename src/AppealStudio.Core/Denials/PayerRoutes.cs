using System.Collections.Frozen;

namespace AppealStudio.Core.Denials;

/// <summary>The payer's own name for the recommended step, and why the step is the one that fits that payer.</summary>
/// <param name="PayerType">The payer's program (Settings &gt; Payers).</param>
/// <param name="Action">The recommended action after routing.</param>
/// <param name="Step">What the payer calls the step: "clerical reopening", "redetermination", "corrected claim" ...</param>
/// <param name="Explanation">One sentence on the route, or empty when the step needs no explaining.</param>
public sealed record PayerRoute(PayerType PayerType, RecommendedAction Action, string Step, string Explanation);

/// <summary>
/// Turns the classification's generic action into the step the payer's process accepts. Original Medicare fixes a
/// processed claim by reopening (clerical errors, 42 CFR 405.980) or redetermination, never by a second claim, which
/// would be denied as a duplicate: there "resubmit" becomes "reopen", unless the claim came back unprocessable
/// (MA130) or the payer said to resubmit (N704), when a new claim is the only route. Medicare Advantage, Medicaid and
/// commercial plans take corrected claims (frequency code 7 or the state's replacement process).
/// </summary>
public static class PayerRoutes
{
    /// <summary>Remarks that make a new claim the route even for Original Medicare.</summary>
    public static readonly FrozenSet<string> NewClaimRemarks = FrozenSet.ToFrozenSet(["MA130", "N704"], StringComparer.Ordinal);

    /// <summary>The classification routed for <paramref name="rule"/>'s payer type, and the route to show.</summary>
    public static (DenialClassification Classification, PayerRoute Route) Apply(DenialClassification classification, PayerRule rule, DenialFacts facts)
    {
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(facts);
        var newClaim = facts.RemarkCodes.Any(r => r is not null && NewClaimRemarks.Contains(r.Trim().ToUpperInvariant()));
        if (rule.Type == PayerType.Medicare && classification.Action == RecommendedAction.Resubmit && !newClaim)
        {
            const string why = "At Original Medicare the correction goes in as a reopening, not a new claim: the MAC corrects "
                + "a processed claim by reopening it (clerical error, 42 CFR 405.980) or by redetermination, and a corrected "
                + "claim sent again would be denied as a duplicate. Ask the MAC to reopen the claim with the correction.";
            var routed = classification with
            {
                Action = RecommendedAction.Reopen,
                RuleId = classification.RuleId + " + Medicare reopening",
                Explanation = classification.Explanation + " " + why,
            };
            return (routed, new PayerRoute(rule.Type, RecommendedAction.Reopen, "clerical reopening (42 CFR 405.980)", why));
        }

        return (classification, new PayerRoute(rule.Type, classification.Action, Step(rule, classification.Action, newClaim), string.Empty));
    }

    /// <summary>What the payer calls the step for an action.</summary>
    public static string Step(PayerRule rule, RecommendedAction action, bool newClaim = false)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return (rule.Type, action) switch
        {
            (PayerType.Medicare, RecommendedAction.Resubmit) => newClaim
                ? "new claim (an unprocessable claim has no appeal rights)"
                : "clerical reopening (42 CFR 405.980)",
            (PayerType.Medicare, RecommendedAction.Reopen) => "reopening (42 CFR 405.980)",
            (PayerType.Medicaid, RecommendedAction.Resubmit) => "corrected or replacement claim (the state's process)",
            (_, RecommendedAction.Resubmit) => "corrected claim (frequency code 7)",
            (_, RecommendedAction.Reopen) => "reprocessing request",
            (_, RecommendedAction.Appeal) => rule.LevelName(AppealLevel.FirstLevel),
            (_, RecommendedAction.Redirect) => "claim to the liable payer",
            (_, RecommendedAction.WriteOff) => "write-off (the appeal window still runs)",
            (_, RecommendedAction.None) => "no claim action",
        };
    }

    /// <summary>A label for the payer types as Settings shows them.</summary>
    public static string Label(this PayerType type) => type switch
    {
        PayerType.Medicare => "Original Medicare (Part B / Part A)",
        PayerType.MedicareAdvantage => "Medicare Advantage",
        PayerType.Medicaid => "Medicaid",
        PayerType.Commercial => "Commercial",
    };
}

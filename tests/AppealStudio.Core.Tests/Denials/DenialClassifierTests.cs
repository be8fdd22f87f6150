using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

public class DenialClassifierTests
{
    private static readonly DenialClassifier Classifier = DenialClassifier.Default;

    [Theory]
    [InlineData("59")]
    [InlineData("XE")]
    [InlineData("XS")]
    [InlineData("XP")]
    [InlineData("XU")]
    public void Classify_Co97OnLineWithDistinctModifier_IsHardAppealWithDocumentation(string modifier)
    {
        var result = Classifier.Classify(Facts.Coded("CO", "97", "29877", modifiers: ["RT", modifier]));

        Assert.Equal(Severity.Hard, result.Severity);
        Assert.Equal(RecommendedAction.Appeal, result.Action);
        Assert.Equal(RootCause.Documentation, result.RootCause);
        Assert.Equal($"*-97 + modifier {modifier} present", result.RuleId);
        Assert.Contains($"modifier {modifier}", result.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("{", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_Co97WithoutDistinctModifier_IsSoftCorrectedClaim()
    {
        var result = Classifier.Classify(Facts.Coded("CO", "97", "29877", modifiers: ["RT"]));

        Assert.Equal(Severity.Soft, result.Severity);
        Assert.Equal(RecommendedAction.Resubmit, result.Action);
        Assert.Equal(RootCause.Coding, result.RootCause);
        Assert.Equal(Owner.Coder, result.Owner);
        Assert.Equal("*-97", result.RuleId);
    }

    [Fact]
    public void Classify_ModifierSubmittedButDroppedByPayer_CountsAsCarried()
    {
        var result = Classifier.Classify(
            Facts.Coded("CO", "97", "29877", modifiers: [], submittedProcedure: "29877", submittedModifiers: ["59"]));

        Assert.Equal(Severity.Hard, result.Severity);
        Assert.Equal("*-97 + modifier 59 present", result.RuleId);
    }

    [Theory]
    [InlineData("231")]
    [InlineData("236")]
    public void Classify_BundlingKin_ModifierDecidesBetweenFixAndAppeal(string carc)
    {
        var without = Classifier.Classify(Facts.Coded("CO", carc, "29877"));
        var with = Classifier.Classify(Facts.Coded("CO", carc, "29877", modifiers: ["XS"]));

        Assert.Equal(RecommendedAction.Resubmit, without.Action);
        Assert.Equal(Severity.Hard, with.Severity);
        Assert.Equal(RecommendedAction.Appeal, with.Action);
    }

    [Fact]
    public void Classify_Co234PackagedWithModifier_StaysWriteOff()
    {
        // Corrected by issue 15: the old table turned 234 with XS into an appeal, but a packaged service is never
        // paid separately, whatever the modifier.
        var result = Classifier.Classify(Facts.Coded("CO", "234", "29877", modifiers: ["XS"]));

        Assert.Equal((Severity.Hard, RecommendedAction.WriteOff, Liability.Provider), (result.Severity, result.Action, result.Liability));
        Assert.Equal(ModifierVerdictKind.EditNotBypassable, result.ModifierVerdict?.Kind);
    }

    [Fact]
    public void Classify_GlobalPeriodRemark_OnlyGlobalModifiersMakeItAnAppeal()
    {
        // N525: 59 does not bypass a global period; 24/79 do.
        var with59 = Classifier.Classify(Facts.Coded("CO", "97", "99213", modifiers: ["59"], remarks: ["N525"]));
        var with24 = Classifier.Classify(Facts.Coded("CO", "97", "99213", modifiers: ["24"], remarks: ["N525"]));

        Assert.Equal(RecommendedAction.Resubmit, with59.Action);
        Assert.Equal("*-97 + N525", with59.RuleId);
        Assert.Equal(RecommendedAction.Appeal, with24.Action);
        Assert.Equal("*-97 + N525 + modifier 24 present", with24.RuleId);
    }

    [Fact]
    public void Classify_Ma130OnAppealableDenial_BecomesWriteOffNotAnUnchangedResubmission()
    {
        // Corrected by issue 15: the old rule said "resubmit", which for a medical-necessity denial meant sending the
        // unchanged claim again. Without appeal rights, a corrected claim is the route only when something on the
        // claim was wrong; otherwise it is a write-off.
        var plain = Classifier.Classify(Facts.Coded("CO", "50", "99214"));
        var result = Classifier.Classify(Facts.Coded("CO", "50", "99214", remarks: ["MA130"]));

        Assert.Equal(RecommendedAction.Appeal, plain.Action);
        Assert.Equal(RecommendedAction.WriteOff, result.Action);
        Assert.Equal(Severity.Hard, result.Severity);
        Assert.Equal("*-50 + MA130 (no appeal rights)", result.RuleId);
        Assert.Contains("no appeal rights", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("corrected claim", result.Explanation, StringComparison.Ordinal);
        Assert.Equal(RootCause.MedicalNecessity, result.RootCause);
    }

    [Fact]
    public void Classify_Co16WithMa130_IsSoftResubmit()
    {
        var result = Classifier.Classify(Facts.Coded("CO", "16", "99214", remarks: ["MA130"]));

        Assert.Equal(Severity.Soft, result.Severity);
        Assert.Equal(RecommendedAction.Resubmit, result.Action);
    }

    [Theory]
    [InlineData("N211")]
    [InlineData("N704")]
    public void Classify_NoAppealRemarkOnSilentDenial_TurnsReopenIntoResubmit(string remark)
    {
        var result = Classifier.Classify(Facts.Silent() with { RemarkCodes = [remark] });

        Assert.Equal(RecommendedAction.Resubmit, result.Action);
        Assert.EndsWith($"{remark} (no appeal rights)", result.RuleId, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_NoAppealRemarkOnWriteOff_StaysWriteOff()
    {
        var result = Classifier.Classify(Facts.Coded("CO", "29", remarks: ["N211"]));

        Assert.Equal(RecommendedAction.WriteOff, result.Action);
        Assert.Equal(RootCause.TimelyFiling, result.RootCause);
        Assert.Equal("*-29", result.RuleId);
    }

    [Fact]
    public void Classify_Pr50_IsPatientLiabilityNotAnAppeal()
    {
        var co = Classifier.Classify(Facts.Coded("CO", "50"));
        var pr = Classifier.Classify(Facts.Coded("PR", "50"));

        Assert.Equal(RecommendedAction.Appeal, co.Action);
        Assert.Equal(Owner.Clinician, co.Owner);
        Assert.Equal(RecommendedAction.None, pr.Action);
        Assert.Equal("PR-50", pr.RuleId);
    }

    [Fact]
    public void Classify_RemarkRefinement_ChangesOutcome()
    {
        var coding = Classifier.Classify(Facts.Coded("CO", "11"));
        var lcd = Classifier.Classify(Facts.Coded("CO", "11", remarks: ["N115"]));

        Assert.Equal((Severity.Soft, RecommendedAction.Resubmit, Owner.Coder), (coding.Severity, coding.Action, coding.Owner));
        Assert.Equal((Severity.Hard, RecommendedAction.Appeal, Owner.Clinician), (lcd.Severity, lcd.Action, lcd.Owner));
        Assert.Equal("*-11 + N115", lcd.RuleId);
    }

    [Fact]
    public void Classify_CobDenialWithMissingEobRemark_IsResubmitNotRedirect()
    {
        Assert.Equal(RecommendedAction.Redirect, Classifier.Classify(Facts.Coded("CO", "22")).Action);
        Assert.Equal(RecommendedAction.Resubmit, Classifier.Classify(Facts.Coded("CO", "22", remarks: ["MA04"])).Action);
    }

    [Fact]
    public void Classify_DuplicateWithRepeatServiceModifier_IsReopening()
    {
        var duplicate = Classifier.Classify(Facts.Coded("OA", "18", "71046"));
        var repeat = Classifier.Classify(Facts.Coded("OA", "18", "71046", modifiers: ["76"]));

        // Corrected by issue 15: a plain duplicate was a blind write-off; it is worked against the original claim.
        Assert.Equal(RecommendedAction.None, duplicate.Action);
        Assert.Equal(RecommendedAction.Reopen, repeat.Action);
        Assert.Equal(Severity.Soft, repeat.Severity);
        Assert.Equal(RootCause.Duplicate, repeat.RootCause);
    }

    [Fact]
    public void Classify_SilentDenial_IsSoftReopenOwnedByBiller()
    {
        var result = Classifier.Classify(Facts.Silent());

        Assert.Equal(Severity.Soft, result.Severity);
        Assert.Equal(RecommendedAction.Reopen, result.Action);
        Assert.Equal(Owner.Biller, result.Owner);
        Assert.Equal("silent denial", result.RuleId);
        Assert.False(result.IsFallback);
    }

    [Fact]
    public void Classify_Underpayment_IsHardContractualAppeal()
    {
        var result = Classifier.Classify(Facts.Underpayment());

        Assert.Equal(Severity.Hard, result.Severity);
        Assert.Equal(RecommendedAction.Appeal, result.Action);
        Assert.Equal(RootCause.Contractual, result.RootCause);
        Assert.Equal(Owner.Biller, result.Owner);
        Assert.Equal("underpayment", result.RuleId);
    }

    [Fact]
    public void Classify_UnknownCarc_UsesFallbackAndSaysSo()
    {
        var result = Classifier.Classify(Facts.Coded("CO", "Z99"));

        Assert.True(result.IsFallback);
        Assert.True(result.NeedsReview);
        Assert.Equal("fallback (no rule for CO-Z99)", result.RuleId);
        Assert.Equal(Severity.Hard, result.Severity);
        // Corrected by issue 15: an unknown code sends a person to look; it is not an appeal.
        Assert.Equal(RecommendedAction.None, result.Action);
        Assert.Equal(Liability.Provider, result.Liability);
    }

    [Fact]
    public void Classify_CodedDenialWithoutCarc_UsesFallback()
    {
        var result = Classifier.Classify(Facts.Coded("CO", "97") with { ReasonCode = null });

        Assert.True(result.IsFallback);
        Assert.Equal("fallback (no rule for CO-?)", result.RuleId);
    }

    [Fact]
    public void Classify_WithOverriddenTable_UsesPracticeRule()
    {
        var table = ClassificationTable.Default.WithOverrides(
        [
            new ClassificationRule(
                "CO", "97", null, [], Severity.Hard, RecommendedAction.WriteOff, DenialCategory.Technical,
                RootCause.Coding, Owner.Coder, "This practice writes off plain CO-97."),
        ]);

        var result = new DenialClassifier(table).Classify(Facts.Coded("CO", "97", "29877"));

        Assert.Equal(RecommendedAction.WriteOff, result.Action);
        Assert.Equal("CO-97", result.RuleId);
    }

    [Fact]
    public void Classify_EveryDefaultRow_IsReachableAndFillsItsPlaceholders()
    {
        var table = ClassificationTable.Default;
        foreach (var rule in table.Rules)
        {
            // A group-blind row is reached through a group no group row of the same code claims.
            var group = rule.Group != "*" ? rule.Group
                : new[] { "CO", "OA", "PI", "PR" }.First(g => !table.Rules.Any(r => r.Group == g && r.Carc == rule.Carc));
            var modifier = rule.Modifiers.Count == 0 ? null : rule.Modifiers[^1];
            // The line's code must fit the modifier, or the modifier judgement rightly ignores it.
            var procedure = modifier is "24" or "25" or "27" or "57" ? "99213" : modifier == "91" ? "85025" : modifier is null ? "99213" : "11042";
            var facts = rule.Carc switch
            {
                ClassificationRule.SilentCarc => Facts.Silent(),
                ClassificationRule.UnderpaymentCarc => Facts.Underpayment(),
                _ => Facts.Coded(group, rule.Carc, procedure),
            };
            facts = facts with
            {
                RemarkCodes = rule.Rarc is null ? [] : [rule.Rarc],
                Modifiers = modifier is null ? [] : [modifier],
            };

            var result = Classifier.Classify(facts);

            Assert.True(ReferenceEquals(rule, result.Rule), $"row {rule.Id} was shadowed by {result.Rule.Id}");
            Assert.DoesNotContain("{", result.Explanation, StringComparison.Ordinal);
        }
    }
}

using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

public class ModifierJudgementTests
{
    private static readonly DateOnly Day = new(2026, 3, 1);

    private static readonly ModifierJudgement Judgement = ModifierJudgement.Default;

    private static ClaimLine Line(string code, params string[] modifiers) => new(code, modifiers, Day);

    [Fact]
    public void Judge_AnatomicModifierForTheOtherKnee_BypassesTheKnownEdit()
    {
        var verdict = Judgement.Judge(Line("29877", "LT"), [Line("29881", "RT")]);

        Assert.Equal(ModifierVerdictKind.Bypasses, verdict.Kind);
        Assert.Equal("LT", verdict.Modifier);
        Assert.Equal(("29881", "29877", 1), (verdict.Pair?.Column1, verdict.Pair?.Column2, verdict.Pair?.ModifierIndicator));
        Assert.Equal("29881", verdict.ColumnOneLine?.Code);
        Assert.Contains("ncci-pairs.csv", verdict.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_SameSideOnBothLines_IsNotDistinct()
    {
        var verdict = Judgement.Judge(Line("29877", "LT"), [Line("29881", "LT")]);

        Assert.Equal(ModifierVerdictKind.SiteNotDistinct, verdict.Kind);
        Assert.Contains("same side", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_SideOnlyOnTheDeniedLine_DoesNotShowTwoSites()
    {
        var verdict = Judgement.Judge(Line("29877", "LT"), [Line("29881")]);

        Assert.Equal(ModifierVerdictKind.SiteNotDistinct, verdict.Kind);
        Assert.False(verdict.Bypasses);
    }

    [Fact]
    public void Judge_FingerModifiersOnDifferentDigits_BypassWithoutAKnownPair()
    {
        var verdict = Judgement.Judge(Line("26055", "F2"), [Line("26160", "F3")]);

        Assert.Equal(ModifierVerdictKind.Bypasses, verdict.Kind);
        Assert.Null(verdict.Pair);
        Assert.Contains("not in the loaded NCCI table", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99213", "59")]
    [InlineData("99214", "XS")]
    [InlineData("11042", "25")]
    [InlineData("11042", "57")]
    [InlineData("99213", "79")]
    [InlineData("11042", "91")]
    [InlineData("99213", "RT")]
    public void Judge_ModifierThatDoesNotBelongOnTheCode_DoesNotCount(string code, string modifier)
    {
        var verdict = Judgement.Judge(Line(code, modifier), [Line("20610")]);

        Assert.Equal(ModifierVerdictKind.DoesNotFitCode, verdict.Kind);
        Assert.Equal(modifier, verdict.Modifier);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Source));
    }

    [Theory]
    [InlineData("99213", "25")]
    [InlineData("11042", "59")]
    [InlineData("11042", "XU")]
    [InlineData("85025", "91")]
    [InlineData("11042", "79")]
    public void Judge_AssociatedModifierThatFits_Bypasses(string code, string modifier)
    {
        var verdict = Judgement.Judge(Line(code, modifier), [Line("20610")]);

        Assert.Equal(ModifierVerdictKind.Bypasses, verdict.Kind);
        Assert.Equal(modifier, verdict.Modifier);
    }

    [Fact]
    public void Judge_ModifierIndicator0_NoModifierBypasses()
    {
        var judgement = new ModifierJudgement(NcciPairTable.FromCsv("column1,column2,modifier_indicator,note\n29881,29877,0,test\n"));

        var verdict = judgement.Judge(Line("29877", "59", "LT"), [Line("29881", "RT")]);

        Assert.Equal(ModifierVerdictKind.EditNotBypassable, verdict.Kind);
        Assert.True(verdict.NeverBypassable);
        Assert.Contains("modifier indicator 0", verdict.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_PackagedService_NoModifierBypasses()
    {
        var verdict = Judgement.Judge(Line("36415", "XS"), [Line("99213")], BundlingEdit.Packaged);

        Assert.Equal(ModifierVerdictKind.EditNotBypassable, verdict.Kind);
    }

    [Fact]
    public void Judge_ModifierThatIsNotNcciAssociated_IsNoModifier()
    {
        var verdict = Judgement.Judge(Line("71046", "76", "26"), [Line("71045")]);

        Assert.Equal(ModifierVerdictKind.NoModifier, verdict.Kind);
        Assert.Contains("76, 26", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_GlobalPeriod_OnlyGlobalModifiersCount()
    {
        var with24 = Judgement.Judge(Line("99213", "24"), [], BundlingEdit.GlobalSurgery);
        var with59 = Judgement.Judge(Line("20610", "59"), [], BundlingEdit.GlobalSurgery);

        Assert.Equal(ModifierVerdictKind.Bypasses, with24.Kind);
        Assert.Equal(ModifierVerdictKind.NoModifier, with59.Kind);
        Assert.Contains("24, 25, 57, 58, 78 or 79", with59.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ColumnOneCodeOnAnotherDate_IsNotThePairThatApplies()
    {
        var verdict = Judgement.Judge(Line("29877", "LT"), [new ClaimLine("29881", ["RT"], Day.AddDays(1))]);

        Assert.Null(verdict.Pair);
        Assert.Equal(ModifierVerdictKind.SiteNotDistinct, verdict.Kind);
    }

    [Fact]
    public void Judge_FitFailureIsReportedEvenWhenAnotherModifierAlsoFails()
    {
        var verdict = Judgement.Judge(Line("99213", "59", "LT"), [Line("29881", "RT")]);

        Assert.Equal(ModifierVerdictKind.DoesNotFitCode, verdict.Kind);
        Assert.Equal("59", verdict.Modifier);
    }

    [Theory]
    [InlineData("97", new string[0], BundlingEdit.ProcedureToProcedure)]
    [InlineData("236", new[] { "M15" }, BundlingEdit.ProcedureToProcedure)]
    [InlineData("97", new[] { "M15", "N525" }, BundlingEdit.GlobalSurgery)]
    [InlineData("234", new[] { "N20" }, BundlingEdit.Packaged)]
    [InlineData("P14", new string[0], BundlingEdit.ProcedureToProcedure)]
    public void EditFor_BundlingCarcs_NameTheEdit(string carc, string[] remarks, BundlingEdit expected)
    {
        Assert.Equal(expected, ModifierJudgement.EditFor(carc, remarks));
    }

    [Theory]
    [InlineData("50")]
    [InlineData("18")]
    [InlineData(null)]
    public void EditFor_OtherCarcs_IsNull(string? carc)
    {
        Assert.Null(ModifierJudgement.EditFor(carc, []));
    }

    [Fact]
    public void Judge_NullInput_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Judgement.Judge(null!, []));
        Assert.Throws<ArgumentNullException>(() => Judgement.Judge(Line("11042"), null!));
        Assert.Throws<ArgumentNullException>(() => new ModifierJudgement(null!));
    }

    [Fact]
    public void ClaimLineOf_TakesAdjudicatedAndSubmittedModifiers()
    {
        var line = ClaimLine.Of(Facts.Coded("CO", "97", "29877", modifiers: ["lt"], submittedModifiers: ["59", "LT"]));

        Assert.Equal(["LT", "59"], line.NormalizedModifiers);
        Assert.Equal("29877", line.Code);
    }
}

using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

public class VocabularyCodesTests
{
    [Fact]
    public void ToCode_EveryValueOfEveryVocabulary_ParsesBackToItself()
    {
        AssertRoundTrip<Severity>();
        AssertRoundTrip<RecommendedAction>();
        AssertRoundTrip<DenialCategory>();
        AssertRoundTrip<RootCause>();
        AssertRoundTrip<Owner>();
        AssertRoundTrip<Scenario>();
        AssertRoundTrip<PayerType>();
        AssertRoundTrip<AppealLevel>();
    }

    [Theory]
    [InlineData("write-off", RecommendedAction.WriteOff)]
    [InlineData("reopen", RecommendedAction.Reopen)]
    [InlineData("none", RecommendedAction.None)]
    public void Parse_KebabCaseAction_ReturnsAction(string code, RecommendedAction expected) =>
        Assert.Equal(expected, VocabularyCodes.Parse<RecommendedAction>(code));

    [Fact]
    public void ToCode_MultiWordMembers_AreKebabCase()
    {
        Assert.Equal("medical-necessity", RootCause.MedicalNecessity.ToCode());
        Assert.Equal("coordination-of-benefits", RootCause.CoordinationOfBenefits.ToCode());
        Assert.Equal("non-covered", RootCause.NonCovered.ToCode());
        Assert.Equal("timely-filing", RootCause.TimelyFiling.ToCode());
        Assert.Equal("front-desk", Owner.FrontDesk.ToCode());
        Assert.Equal("modifier-59", Scenario.Modifier59.ToCode());
        Assert.Equal("physical-status", Scenario.PhysicalStatus.ToCode());
        Assert.Equal("medicare-advantage", PayerType.MedicareAdvantage.ToCode());
        Assert.Equal("external-review", AppealLevel.ExternalReview.ToCode());
    }

    [Fact]
    public void TryParse_UpperCaseWithBlanks_IsAccepted()
    {
        Assert.True(VocabularyCodes.TryParse<Owner>("  Front-Desk ", out var owner));
        Assert.Equal(Owner.FrontDesk, owner);
    }

    [Fact]
    public void Parse_UnknownCode_ThrowsNamingTheAllowedCodes()
    {
        var ex = Assert.Throws<FormatException>(() => VocabularyCodes.Parse<Severity>("medium"));
        Assert.Contains("medium", ex.Message, StringComparison.Ordinal);
        Assert.Contains("soft, hard", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_MemberNameInsteadOfCode_IsRejected()
    {
        // Stored data uses codes; accepting enum names too would let two spellings of one value into the database.
        Assert.False(VocabularyCodes.TryParse<RecommendedAction>("WriteOff", out _));
        Assert.False(VocabularyCodes.TryParse<RootCause>(null, out _));
    }

    private static void AssertRoundTrip<T>()
        where T : struct, Enum
    {
        var codes = VocabularyCodes.Codes<T>();
        Assert.Equal(Enum.GetValues<T>().Length, codes.Distinct(StringComparer.Ordinal).Count());
        foreach (var value in Enum.GetValues<T>())
        {
            var code = VocabularyCodes.ToCode(value);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", code);
            Assert.Equal(value, VocabularyCodes.Parse<T>(code));
        }
    }
}

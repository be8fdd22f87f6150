using System.Text.RegularExpressions;
using AppealStudio.Core.Denials;
using AppealStudio.Tests.Shared;

namespace AppealStudio.Core.Tests.Denials;

public class PayerDirectoryTests
{
    private static readonly PayerDirectory Directory = PayerDirectory.Default;

    [Fact]
    public void Default_ShipsOneRulePerPayerType()
    {
        var types = Directory.Rules.Select(r => r.Type).ToHashSet();

        Assert.Equal(Enum.GetValues<PayerType>().Length, types.Count);
        var medicare = Assert.Single(Directory.Rules, r => r.Type == PayerType.Medicare);
        Assert.Equal(120, medicare.FirstLevelDays);
        Assert.Equal(5, medicare.ReceiptPresumptionDays);
        Assert.Equal(365, medicare.ReopeningDays);
        Assert.False(medicare.VerifyWithContract);
        Assert.All(Directory.Rules.Where(r => r.Type != PayerType.Medicare), r => Assert.True(r.VerifyWithContract));
    }

    [Fact]
    public void Default_MedicaidAppealWindows_AreNotGuessed()
    {
        var medicaid = Directory.Find(null, "State Medicaid Program");

        Assert.Equal(PayerType.Medicaid, medicaid.Type);
        Assert.Null(medicaid.FirstLevelDays);
        Assert.Equal(365, medicaid.TimelyFilingDays);
    }

    [Fact]
    public void Resolve_KnownPayerId_WinsOverName()
    {
        var match = Directory.Resolve("87726", "Some Other Name");

        Assert.Equal("UnitedHealthcare", match.Rule.Name);
        Assert.Equal("payer id 87726", match.MatchedBy);
        Assert.False(match.IsDefaultRule);
    }

    [Theory]
    [InlineData("UNITED HEALTHCARE INSURANCE COMPANY", "UnitedHealthcare")]
    [InlineData("UnitedHealthcare of Texas, Inc.", "UnitedHealthcare")]
    [InlineData("CIGNA HEALTHCARE", "Cigna")]
    [InlineData("Cigna Medicare Advantage", "Cigna Medicare Advantage")]
    [InlineData("NORIDIAN JF PART B", "Medicare (Original Parts A/B)")]
    [InlineData("AETNA LIFE INSURANCE COMPANY", "Aetna")]
    public void Resolve_UnknownIdWithKnownName_MatchesByNormalizedName(string name, string expected)
    {
        var match = Directory.Resolve("99999", name);

        Assert.Equal(expected, match.Rule.Name);
        Assert.StartsWith("name ", match.MatchedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownPayer_ReturnsDefaultRuleFlagged()
    {
        var match = Directory.Resolve("56144", "BLUE CROSS AND BLUE SHIELD OF NORTH CAROLINA");

        Assert.True(match.IsDefaultRule);
        Assert.True(match.Rule.IsDefaultRule);
        Assert.Equal(60, match.Rule.FirstLevelDays);
        Assert.Contains("default rule", match.MatchedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NameMatchingTwoPayersEqually_IsAmbiguousAndUsesDefault()
    {
        var match = Directory.Resolve(null, "AETNA MEDICARE");

        Assert.True(match.IsDefaultRule);
        Assert.Contains("Aetna", match.MatchedBy, StringComparison.Ordinal);
        Assert.Contains("Medicare", match.MatchedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DenialFacts_UsesTheirPayerFields()
    {
        var facts = Facts.Coded("CO", "97", payerId: "60054", payerName: "AETNA");

        Assert.Equal("Aetna", Directory.Resolve(facts).Rule.Name);
    }

    [SharedTheory]
    [InlineData("edi-835-parser__united_healthcare_legacy_sample.txt")]
    [InlineData("TigerShark__835-example.txt")]
    public void Resolve_PayerOfRealRemittance_FindsUnitedHealthcareByIdAndByName(string file)
    {
        var text = File.ReadAllText(Path.Combine(SharedFolder.CorpusDirectory, file));
        var name = Regex.Match(text, @"N1(?<sep>[*|])PR\k<sep>(?<name>[^*|~\r\n]+)").Groups["name"].Value;
        var id = Regex.Match(text, @"REF(?<sep>[*|])2U\k<sep>(?<id>[^*|~\r\n]+)").Groups["id"].Value;

        Assert.Equal("UnitedHealthcare", Directory.Find(null, name).Name);
        Assert.Equal("UnitedHealthcare", Directory.Find(id, null).Name);
    }

    [Fact]
    public void NormalizeName_DropsPunctuationCaseAndNoiseWords()
    {
        Assert.Equal("UNITEDHEALTHCARE", PayerDirectory.NormalizeName("UnitedHealthcare Insurance Co."));
        Assert.Equal("BLUE CROSS BLUE SHIELD NORTH CAROLINA", PayerDirectory.NormalizeName("Blue Cross and Blue Shield of North Carolina"));
        Assert.Equal(string.Empty, PayerDirectory.NormalizeName("  "));
    }

    [Fact]
    public void Constructor_CustomDefaultRule_IsReturnedForUnknownPayersFlagged()
    {
        var custom = PayerDirectory.UnknownPayerRule with { Name = "Practice default", FirstLevelDays = 90, IsDefaultRule = false };
        var directory = new PayerDirectory(Directory.Rules, custom);

        var rule = directory.Find(null, "Unheard Of Health Plan");

        Assert.Equal("Practice default", rule.Name);
        Assert.Equal(90, rule.FirstLevelDays);
        Assert.True(rule.IsDefaultRule);
    }

    [Fact]
    public void FromCsv_BadType_ThrowsNamingLine()
    {
        var csv = string.Join(',', PayerDirectory.Columns) + "\n"
            + "1,Good,,commercial,,30,,,,0,no,\n"
            + "2,Bad,,private,,30,,,,0,no,\n";

        var ex = Assert.Throws<DataFileException>(() => PayerDirectory.FromCsv(csv));

        Assert.Equal(3, ex.Line);
        Assert.Contains("medicare-advantage", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2,Other,,commercial,,thirty,,,,0,no,", "whole number")]
    [InlineData("2,Other,,commercial,,0,,,,0,no,", "positive")]
    [InlineData("2,Other,,commercial,,-5,,,,0,no,", "whole number")]
    [InlineData("2,Other,,commercial,,30,,,,0,maybe,", "yes or no")]
    [InlineData("1,Other,,commercial,,30,,,,0,no,", "Payer id 1")]
    [InlineData("2,Other,GOOD,commercial,,30,,,,0,no,", "GOOD")]
    public void FromCsv_InvalidSecondRow_ThrowsNamingLineTwoOfData(string row, string expected)
    {
        var csv = string.Join(',', PayerDirectory.Columns) + "\n"
            + "1,Good,,commercial,,30,,,,0,no,\n"
            + row + "\n";

        var ex = Assert.Throws<DataFileException>(() => PayerDirectory.FromCsv(csv));

        Assert.Equal(3, ex.Line);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}

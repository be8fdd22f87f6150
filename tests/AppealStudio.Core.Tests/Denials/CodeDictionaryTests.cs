using AppealStudio.Core.Denials;
using AppealStudio.Tests.Shared;

namespace AppealStudio.Core.Tests.Denials;

public class CodeDictionaryTests
{
    private static readonly CodeDictionary Codes = CodeDictionary.Default;

    [Fact]
    public void Describe_Co97_NamesGroupCodeAndMeaning()
    {
        Assert.Equal(
            "Contractual Obligations (CO): 97 — Benefit included in payment/allowance for another service already adjudicated.",
            Codes.Describe("CO", "97"));
    }

    [Fact]
    public void Describe_LowerCaseInput_IsNormalized()
    {
        Assert.Equal("Patient Responsibility (PR): 1 — Deductible amount.", Codes.Describe("pr", " 1 "));
    }

    [Fact]
    public void Describe_UnknownGroupAndCode_SaysSoInsteadOfFailing()
    {
        var text = Codes.Describe("ZZ", "Z99");

        Assert.StartsWith("Group ZZ: Z99 — ", text, StringComparison.Ordinal);
        Assert.Contains("not in AppealStudio's code list", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeRemark_KnownRemark_GivesItsMeaning()
    {
        Assert.Equal("Remark N19 — Procedure code incidental to the primary procedure.", Codes.DescribeRemark("n19"));
    }

    [Fact]
    public void Describe_Facts_AppendsEveryRemark()
    {
        var text = Codes.Describe(Facts.Coded("CO", "16", remarks: ["M51", "MA130"]));

        Assert.StartsWith("Contractual Obligations (CO): 16 — ", text, StringComparison.Ordinal);
        Assert.Contains("Remark M51 — Missing/incomplete/invalid procedure code(s).", text, StringComparison.Ordinal);
        Assert.Contains("Remark MA130 — ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_SilentAndUnderpaymentFacts_ExplainTheAmount()
    {
        Assert.Equal(
            "Silent denial: 200.00 was not paid and the payer's adjustments do not explain why.",
            Codes.Describe(Facts.Silent(charge: 200m)));
        Assert.StartsWith("Underpayment: paid 20.00 less", Codes.Describe(Facts.Underpayment()), StringComparison.Ordinal);
    }

    [Fact]
    public void GroupTexts_AllFiveGroups()
    {
        Assert.Equal("Payer Initiated Reductions", CodeDictionary.GroupName("PI"));
        Assert.Equal("Other Adjustments", CodeDictionary.GroupName("OA"));
        Assert.Equal("Corrections and Reversals", CodeDictionary.GroupName("CR"));
        Assert.Contains("write", CodeDictionary.GroupMeaning("CO"), StringComparison.Ordinal);
        Assert.Null(CodeDictionary.GroupName("XX"));
    }

    [Fact]
    public void Default_HasTextForEveryCodeTheClassificationTableUses()
    {
        var rules = ClassificationTable.Default.Rules.Where(r => !r.Carc.StartsWith('(')).ToList();

        Assert.All(rules, r => Assert.NotNull(Codes.CarcMeaning(r.Carc)));
        Assert.All(rules.Where(r => r.Rarc is not null), r => Assert.NotNull(Codes.RarcMeaning(r.Rarc)));
        Assert.All(DenialClassifier.NoAppealRightsRemarks, r => Assert.NotNull(Codes.RarcMeaning(r)));
    }

    [Fact]
    public void Default_KeepsDeactivatedCodesForOldRemittances()
    {
        Assert.Contains("226", Codes.CarcMeaning("17"), StringComparison.Ordinal);
        Assert.Contains("deactivated", Codes.CarcMeaning("15"), StringComparison.Ordinal);
        Assert.Contains("N705", Codes.RarcMeaning("N225"), StringComparison.Ordinal);
    }

    [SharedFact]
    public void Default_CoversEveryCodeInTheReferenceTables()
    {
        var carcs = File.ReadAllLines(Path.Combine(SharedFolder.DomainDirectory, "carc_classification.csv"))
            .Skip(1).Select(l => l.Split(',')[0]).Where(c => c.Length > 0).ToList();
        var rarcs = File.ReadAllLines(Path.Combine(SharedFolder.DomainDirectory, "rarc_reference.csv"))
            .Skip(1).Select(l => l.Split(',')[0].Trim('"')).Where(c => c.Length > 0)
            .SelectMany(c => c.Split([' ', '/', ','], StringSplitOptions.RemoveEmptyEntries))
            .Where(c => char.IsAsciiLetterUpper(c[0]) && c.Any(char.IsAsciiDigit))
            .ToList();

        Assert.All(carcs, c => Assert.NotNull(Codes.CarcMeaning(c)));
        Assert.All(rarcs, r => Assert.NotNull(Codes.RarcMeaning(r)));
        Assert.Contains("N265", rarcs);
    }

    [Fact]
    public void FromCsv_DuplicateCode_ThrowsNamingLine()
    {
        var ex = Assert.Throws<DataFileException>(() => CodeDictionary.FromCsv(
            "code,meaning\n97,Bundled\n97,Again\n", "code,meaning\nN19,Incidental\n"));

        Assert.Equal("carc.csv", ex.SourceName);
        Assert.Equal(3, ex.Line);
    }
}

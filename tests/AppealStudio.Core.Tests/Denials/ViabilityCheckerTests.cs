using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

public class ViabilityCheckerTests
{
    private static readonly PayerRule Medicare = PayerDirectory.Default.Rules.Single(r => r.Type == PayerType.Medicare);
    private static readonly PayerRule Aetna = PayerDirectory.Default.Find("60054", null);
    private static readonly DateOnly Today = new(2026, 2, 1);
    private static readonly DateOnly Dos = new(2026, 1, 2);

    private static IReadOnlyList<ViabilityWarning> Check(DenialFacts facts, PayerRule? payer = null, Scenario? scenario = null,
        DateOnly? deadline = null, DateOnly? today = null, ViabilityChecker? checker = null) =>
        (checker ?? ViabilityChecker.Default).Check(new ViabilityInput(facts, payer ?? Aetna, scenario, deadline ?? new DateOnly(2026, 7, 1), today ?? Today));

    private static DenialFacts Bundled(string code, string[] modifiers, params ClaimLine[] others) =>
        Facts.Coded("CO", "97", code, modifiers, otherCodes: others.Select(o => o.ProcedureCode!).ToArray()) with { OtherLines = others };

    [Fact]
    public void Check_ChondroplastyWithMeniscectomySameKnee_WarnsColumnOneInclusionWithoutAnyNcciFile()
    {
        var facts = Bundled("29877", ["59", "RT"], new ClaimLine("29881", ["RT"], Dos));

        var warning = Assert.Single(Check(facts));

        Assert.Equal(ViabilityChecker.ColumnOneInclusion, warning.Code);
        Assert.Contains("29881-RT on the same date and side", warning.Message, StringComparison.Ordinal);
        Assert.Contains("CPT 2012", warning.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ChondroplastyOtherKnee_NoWarning()
    {
        var facts = Bundled("29877", ["LT"], new ClaimLine("29881", ["RT"], Dos));

        Assert.Empty(Check(facts));
    }

    [Fact]
    public void Check_ExtensiveShoulderDebridementWithRotatorCuffRepair_IsTheExceptionAndDoesNotWarn()
    {
        Assert.Empty(Check(Bundled("29823", ["59"], new ClaimLine("29827", ["RT"], Dos))));
        var warning = Assert.Single(Check(Bundled("29823", ["59"], new ClaimLine("29826", [], Dos))));
        Assert.Equal(ViabilityChecker.ColumnOneInclusion, warning.Code);
    }

    [Fact]
    public void Check_PracticeOverrideSwitchesShippedInclusionOff()
    {
        var row = ColumnOneInclusions.Default.Rules.First(r => r.Column2 == "29877");
        var inclusions = ColumnOneInclusions.Default.WithOverrides([row with { Active = false }]);
        var checker = new ViabilityChecker(ModifierJudgement.Default, inclusions, PhysicalStatusUnits.Default);

        Assert.Empty(Check(Bundled("29877", ["59"], new ClaimLine(row.Column1, [], Dos)), checker: checker));
    }

    [Fact]
    public void Check_NcciIndicatorZeroFromLoadedFile_WarnsAndCitesTheFileVersion()
    {
        var pair = new NcciPair("20610", "99213", 0, "") { Source = "CMS NCCI PTP ccipra v321r0 (ccipra-f1)" };
        var checker = new ViabilityChecker(new ModifierJudgement(new NcciPairTable([pair])), ColumnOneInclusions.Default, PhysicalStatusUnits.Default);

        var warnings = Check(Bundled("99213", ["25"], new ClaimLine("20610", [], Dos)), checker: checker);

        var warning = Assert.Single(warnings, w => w.Code == ViabilityChecker.NcciIndicatorZero);
        Assert.Contains("false claim", warning.Message, StringComparison.Ordinal);
        Assert.Contains("ccipra v321r0", warning.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Modifier59OnEm_AndTwentyFiveOnProcedure_WarnModifierClass()
    {
        var em = Assert.Single(Check(Bundled("99213", ["59"], new ClaimLine("20610", [], Dos))));
        var procedure = Assert.Single(Check(Facts.Coded("CO", "4", "20610", ["25"])));

        Assert.Equal(ViabilityChecker.ModifierClass, em.Code);
        Assert.Contains("E/M takes 25", em.Message, StringComparison.Ordinal);
        Assert.Equal(ViabilityChecker.ModifierClass, procedure.Code);
        Assert.Contains("CPT modifiers 24, 25", procedure.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PhysicalStatusUnitsToMedicare_WarnsButNotForCommercial()
    {
        var facts = Facts.Coded("CO", "B13", "01402", ["P3"], units: 8m, submittedUnits: 9m);

        var medicare = Assert.Single(Check(facts, Medicare, Scenario.PhysicalStatus), w => w.Code == ViabilityChecker.PhysicalStatusUnitsCode);
        Assert.StartsWith("Traditional Medicare pays no units for P3", medicare.Message, StringComparison.Ordinal);
        Assert.Contains("WPS", medicare.Source, StringComparison.Ordinal);
        Assert.DoesNotContain(Check(facts, Aetna, Scenario.PhysicalStatus), w => w.Code == ViabilityChecker.PhysicalStatusUnitsCode);
    }

    [Fact]
    public void Check_Ma130_NoAppealRights()
    {
        var warning = Assert.Single(Check(Facts.Coded("CO", "16", "99213", remarks: ["MA130"])));

        Assert.Equal(ViabilityChecker.NoAppealRights, warning.Code);
        Assert.Contains("new, corrected claim", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MedicareMoreThanTwelveMonthsAfterService_WarnsTimelyFilingOnlyForMedicare()
    {
        var later = new DateOnly(2027, 1, 3);

        var warning = Assert.Single(Check(Facts.Coded("CO", "50", "72148"), Medicare, today: later, deadline: new DateOnly(2027, 6, 1)));

        Assert.Equal(ViabilityChecker.MedicareTimelyFiling, warning.Code);
        Assert.Contains("ended 2027-01-02", warning.Message, StringComparison.Ordinal);
        Assert.Empty(Check(Facts.Coded("CO", "50", "72148"), Medicare, today: new DateOnly(2027, 1, 2), deadline: new DateOnly(2027, 6, 1)));
        Assert.Empty(Check(Facts.Coded("CO", "50", "72148"), Aetna, today: later, deadline: new DateOnly(2027, 6, 1)));
    }

    [Fact]
    public void Check_DeadlinePassed_SaysHowLongAgo()
    {
        var warning = Assert.Single(Check(Facts.Coded("CO", "50", "72148"), deadline: Today.AddDays(-3)));

        Assert.Equal(ViabilityChecker.DeadlinePassed, warning.Code);
        Assert.Contains("3 days ago", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InForceOn_DeletionDateExcluded_AndIndicatorNineRetroactiveDeletionNeverInForce()
    {
        var pair = new NcciPair("1", "2", 1, "") { EffectiveFrom = new DateOnly(2024, 1, 1), DeletedOn = new DateOnly(2025, 7, 1) };

        Assert.False(pair.InForceOn(new DateOnly(2023, 12, 31)));
        Assert.True(pair.InForceOn(new DateOnly(2025, 6, 30)));
        Assert.False(pair.InForceOn(new DateOnly(2025, 7, 1)));
        Assert.True(pair.InForceOn(null));
    }
}

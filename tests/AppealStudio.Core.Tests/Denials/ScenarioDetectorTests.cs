using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

public class ScenarioDetectorTests
{
    private static readonly ScenarioDetector Detector = ScenarioDetector.Default;

    // --- modifier-59 ---

    [Theory]
    [InlineData("97", "59")]
    [InlineData("236", "XS")]
    [InlineData("231", "XU")]
    [InlineData("234", "XE")]
    public void Detect_BundlingDenialOfLineWithDistinctModifier_IsModifier59(string carc, string modifier)
    {
        var facts = Facts.Coded("CO", carc, "11042", modifiers: [modifier]);

        Assert.Equal(Scenario.Modifier59, Detector.Detect(facts));
    }

    [Fact]
    public void Detect_ColumnTwoCodeBilledWithColumnOne_IsModifier59EvenWithoutModifier()
    {
        var facts = Facts.Coded("CO", "97", "29877", modifiers: ["RT"], otherCodes: ["29881"]);

        Assert.Equal(Scenario.Modifier59, Detector.Detect(facts));
    }

    [Fact]
    public void Detect_ColumnTwoCodeOnSilentDenial_IsModifier59()
    {
        var facts = Facts.Silent("29822", otherCodes: ["29827"]);

        Assert.Equal(Scenario.Modifier59, Detector.Detect(facts));
    }

    [Fact]
    public void Detect_ColumnOneCodeDenied_IsNotModifier59()
    {
        // 29881 is the comprehensive code of the pair; its own denial is not an NCCI bundling of it.
        var facts = Facts.Coded("CO", "97", "29881", otherCodes: ["29877"]);

        Assert.Null(Detector.Detect(facts));
    }

    [Fact]
    public void Detect_BundlingDenialWithoutModifierOrKnownPair_IsNone()
    {
        Assert.Null(Detector.Detect(Facts.Coded("CO", "97", "11042", otherCodes: ["11043"])));
    }

    [Fact]
    public void Detect_NonBundlingDenialOfLineWith59_IsNone()
    {
        Assert.Null(Detector.Detect(Facts.Coded("CO", "50", "11042", modifiers: ["59"])));
    }

    [Fact]
    public void Detect_PairWithNeverBypassableEdit_IsNone()
    {
        var detector = new ScenarioDetector(NcciPairTable.FromCsv(
            "column1,column2,modifier_indicator,note\n29881,29877,0,never bypassable in this test\n"));

        Assert.Null(detector.Detect(Facts.Coded("CO", "97", "29877", otherCodes: ["29881"])));
    }

    // --- modifier-25 ---

    [Theory]
    [InlineData("99213")]
    [InlineData("99204")]
    [InlineData("99284")]
    [InlineData("99232")]
    public void Detect_EmWith25DeniedAsBundled_IsModifier25(string em)
    {
        var facts = Facts.Coded("CO", "97", em, modifiers: ["25"], otherCodes: ["11042"]);

        Assert.Equal(Scenario.Modifier25, Detector.Detect(facts));
    }

    [Fact]
    public void Detect_EmWith25RejectedForModifierBesideProcedure_IsModifier25()
    {
        var facts = Facts.Coded("CO", "4", "99214", modifiers: ["25"], otherCodes: ["93306"]);

        Assert.Equal(Scenario.Modifier25, Detector.Detect(facts));
    }

    [Fact]
    public void Detect_EmWith25SilentlyUnpaidBesideProcedure_IsModifier25()
    {
        var facts = Facts.Silent("99213", modifiers: ["25"], otherCodes: ["20610"]);

        Assert.Equal(Scenario.Modifier25, Detector.Detect(facts));
    }

    [Fact]
    public void Detect_EmWith25RejectedWithoutProcedureOnClaim_IsNone()
    {
        Assert.Null(Detector.Detect(Facts.Coded("CO", "4", "99214", modifiers: ["25"], otherCodes: ["99214"])));
    }

    [Fact]
    public void Detect_EmWithout25DeniedAsBundled_IsNone()
    {
        Assert.Null(Detector.Detect(Facts.Coded("CO", "97", "99213", otherCodes: ["11042"])));
    }

    [Fact]
    public void Detect_EmWith25DeniedForMedicalNecessity_IsNone()
    {
        Assert.Null(Detector.Detect(Facts.Coded("CO", "50", "99213", modifiers: ["25"], otherCodes: ["11042"])));
    }

    // --- physical-status ---

    [Fact]
    public void Detect_AnesthesiaWithPStatusAndUnitsCut_IsPhysicalStatus()
    {
        var facts = Facts.Coded("CO", "45", "00790", modifiers: ["P3"], charge: 900m, paid: 900m, units: 8m, submittedUnits: 9m);

        Assert.Equal(Scenario.PhysicalStatus, Detector.Detect(facts));
    }

    [Fact]
    public void Detect_AnesthesiaWithPStatusDeniedAndUnderpaid_IsPhysicalStatus()
    {
        var facts = Facts.Coded("CO", "4", "01402", modifiers: ["P4"], charge: 1200m, paid: 1000m);

        Assert.Equal(Scenario.PhysicalStatus, Detector.Detect(facts));
    }

    [Fact]
    public void Detect_AnesthesiaLevelChangedByPayer_IsPhysicalStatus()
    {
        var facts = Facts.Coded("CO", "45", "00790", modifiers: ["P1"], charge: 900m, paid: 900m,
            submittedProcedure: "00790", submittedModifiers: ["P3"]);

        Assert.Equal(Scenario.PhysicalStatus, Detector.Detect(facts));
    }

    [Fact]
    public void Detect_AnesthesiaWithoutPStatus_IsNone()
    {
        Assert.Null(Detector.Detect(Facts.Coded("CO", "151", "00790", modifiers: ["QK"], units: 8m, submittedUnits: 9m)));
    }

    [Fact]
    public void Detect_PStatusOnNonAnesthesiaCode_IsNone()
    {
        Assert.Null(Detector.Detect(Facts.Coded("CO", "4", "64450", modifiers: ["P3"], charge: 300m, paid: 100m)));
    }

    [Fact]
    public void Detect_AnesthesiaWithPStatusSilentlyUnpaid_IsNone()
    {
        // A silent zero-pay says nothing about the level or units.
        Assert.Null(Detector.Detect(Facts.Silent("00790", modifiers: ["P3"])));
    }

    // --- session-length ---

    [Fact]
    public void Detect_PsychotherapyPaidAsShorterCode_IsSessionLength()
    {
        var facts = Facts.Coded("CO", "150", "90834", charge: 180m, paid: 120m, submittedProcedure: "90837");

        Assert.Equal(Scenario.SessionLength, Detector.Detect(facts));
    }

    [Theory]
    [InlineData("90837")]
    [InlineData("90838")]
    [InlineData("90839")]
    [InlineData("90791")]
    public void Detect_PsychotherapyDenied_IsSessionLength(string code)
    {
        Assert.Equal(Scenario.SessionLength, Detector.Detect(Facts.Coded("CO", "152", code, charge: 180m)));
    }

    [Fact]
    public void Detect_PsychotherapyFullyPaidWithoutChange_IsNone()
    {
        Assert.Null(Detector.Detect(Facts.Coded("CO", "45", "90834", charge: 150m, paid: 150m)));
    }

    [Fact]
    public void Detect_NonPsychotherapyCodeChange_IsNone()
    {
        Assert.Null(Detector.Detect(Facts.Coded("CO", "150", "99213", charge: 150m, paid: 150m, submittedProcedure: "99214")));
    }

    // --- general ---

    [Fact]
    public void Detect_ClaimLevelDenial_IsNone()
    {
        Assert.Null(Detector.Detect(Facts.Coded("CO", "97", procedure: null, modifiers: ["59"])));
    }

    [Theory]
    [InlineData("99202", true)]
    [InlineData("99215", true)]
    [InlineData("99201", false)]
    [InlineData("99285", true)]
    [InlineData("93306", false)]
    [InlineData("G0289", false)]
    public void IsEvaluationAndManagement_CodeRanges(string code, bool expected) =>
        Assert.Equal(expected, ScenarioDetector.IsEvaluationAndManagement(code));

    [Theory]
    [InlineData("00100", true)]
    [InlineData("01999", true)]
    [InlineData("00099", false)]
    [InlineData("02000", false)]
    [InlineData("0010", false)]
    public void IsAnesthesia_CodeRange(string code, bool expected) =>
        Assert.Equal(expected, ScenarioDetector.IsAnesthesia(code));
}

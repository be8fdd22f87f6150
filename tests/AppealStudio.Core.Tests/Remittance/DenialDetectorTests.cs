using AppealStudio.Core.Denials;
using AppealStudio.Core.Remittance;

namespace AppealStudio.Core.Tests.Remittance;

public class DenialDetectorTests
{
    private static readonly DenialDetector Detector = new();

    private static ClaimPayment OneClaim(string body, decimal payment) => RemitText.Load(RemitText.Transaction(body, payment)).Claims.Single();

    private static IReadOnlyList<DetectedDenial> Detect(string body, decimal payment, DenialDetector? detector = null) =>
        (detector ?? Detector).Detect(OneClaim(body, payment));

    [Fact]
    public void Detect_PatientShareContractualSequestrationAndPriorPayer_AreNotDenials()
    {
        var denials = Detect("CLP*PT-1*2*300*100*60*12~SVC*HC:99214*300*100~CAS*PR*1*40**2*15**3*5~CAS*CO*45*70*1*253*2~CAS*OA*23*68~", 100);

        Assert.Empty(denials);
    }

    [Fact]
    public void Detect_ZeroPaidBecauseAllowedWentToDeductible_IsNotDenied()
    {
        Assert.Empty(Detect("CLP*PT-1*1*150*0*100*12~SVC*HC:99213*150*0~CAS*CO*45*50~CAS*PR*1*100~", 0));
    }

    [Fact]
    public void Detect_DeniedStatusFullyPaidByPriorPayer_IsNotDenied()
    {
        Assert.Empty(Detect("CLP*PT-1*4*56.52*0*0*13~SVC*HC:H0005*56.52*0**6~CAS*OA*23*57.6*0*23*-1.08*0~", 0));
    }

    [Fact]
    public void Detect_LineDenial_BuildsFactsFromLineClaimAndPayment()
    {
        var claim = OneClaim(
            "CLP*PT-9*1*400*100**12*ICN9~MOA***MA130~DTM*232*20240101~" +
            "SVC*HC:90834:95*250*100**1*HC:90837:95*1~DTM*472*20240102~CAS*CO*45*50~CAS*CO*150*100~LQ*HE*N362~LQ*HE*M15~" +
            "SVC*HC:90785*150*0**1~DTM*472*20240102~CAS*CO*97*150~",
            100);

        var denials = Detector.Detect(claim);

        Assert.Equal(["CO-150", "CO-97"], denials.Select(d => d.Adjustment!.Code));
        var first = denials[0];
        Assert.Same(claim.ServiceLines[0], first.Line);
        Assert.Equal(
            new DenialFacts(
                DenialKind.Coded, "CO", "150", first.Facts.RemarkCodes, "90834", first.Facts.Modifiers, "90837", first.Facts.SubmittedModifiers,
                1m, 1m, 100m, 250m, 100m, "1", first.Facts.OtherProcedureCodesOnClaim, "ACME01", "ACME HEALTH PLAN",
                new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 15)) { OtherLines = first.Facts.OtherLines },
            first.Facts);
        var other = Assert.Single(first.Facts.OtherLines);
        Assert.Equal(("90785", new DateOnly(2024, 1, 2)), (other.ProcedureCode, other.ServiceDate));
        Assert.Empty(other.Modifiers);
        Assert.Equal(["N362", "M15", "MA130"], first.Facts.RemarkCodes);
        Assert.Equal(["95"], first.Facts.Modifiers);
        Assert.Equal(["95"], first.Facts.SubmittedModifiers);
        Assert.Equal(["90785"], first.Facts.OtherProcedureCodesOnClaim);
        Assert.Equal(["90834"], denials[1].Facts.OtherProcedureCodesOnClaim);
        Assert.Null(denials[1].Facts.SubmittedProcedureCode);
        Assert.Equal(["MA130"], denials[1].Facts.RemarkCodes);
    }

    [Fact]
    public void Detect_SubmittedCodeEqualToAdjudicated_HasNoSubmittedProcedureCode()
    {
        var denial = Detect("CLP*PT-1*1*100*0**12~SVC*HC:99213:25*100*0**1*HC:99213~CAS*CO*97*100~", 0).Single();

        Assert.Null(denial.Facts.SubmittedProcedureCode);
        Assert.Empty(denial.Facts.SubmittedModifiers);
        Assert.Equal(["25"], denial.Facts.Modifiers);
    }

    [Fact]
    public void Detect_ClaimLevelDenial_UsesClaimRemarksAndStatementDate()
    {
        var denial = Detect("CLP*PT-2*4*1000*0**MC*ICN2~CAS*CO*197*1000~MIA*0****N30~MOA***MA01~DTM*232*20240201~DTM*233*20240205~", 0).Single();

        Assert.Null(denial.Line);
        Assert.Equal(DenialKind.Coded, denial.Kind);
        Assert.Equal(("CO", "197", 1000m), (denial.Facts.GroupCode, denial.Facts.ReasonCode, denial.Facts.Amount));
        Assert.Equal(["N30", "MA01"], denial.Facts.RemarkCodes);
        Assert.Null(denial.Facts.ProcedureCode);
        Assert.Empty(denial.Facts.Modifiers);
        Assert.Equal(1000m, denial.Facts.ChargeAmount);
        Assert.Equal("4", denial.Facts.ClaimStatusCode);
        Assert.Equal(new DateOnly(2024, 2, 1), denial.Facts.ServiceDate);
    }

    [Fact]
    public void Detect_EveryTripletOfACasSegment_IsItsOwnDenial()
    {
        var denials = Detect("CLP*PT-1*1*300*0**12~SVC*HC:97110*300*0**4~CAS*CO*45*50*0*151*100*2*16*150~", 0);

        Assert.Equal([("151", 100m), ("16", 150m)], denials.Select(d => (d.Facts.ReasonCode!, d.Amount)));
    }

    [Fact]
    public void Detect_NegativeAdjustment_IsNotADenial()
    {
        Assert.Empty(Detect("CLP*PT-1*1*100*110**12~SVC*HC:99213*100*110~CAS*CO*97*-10~", 110));
    }

    [Fact]
    public void Detect_LinePaidLessWithoutAdjustment_IsSilentForTheResidue()
    {
        var denial = Detect("CLP*PT-1*1*200*120**12~SVC*HC:99213*100*70~CAS*CO*45*20~SVC*HC:36415*100*50~CAS*CO*45*50~", 120).Single();

        Assert.Equal(DenialKind.Silent, denial.Kind);
        Assert.Equal("99213", denial.Line!.Procedure.Code);
        Assert.Equal(10m, denial.Amount);
        Assert.Null(denial.Adjustment);
        Assert.Null(denial.Facts.GroupCode);
        Assert.Null(denial.Facts.ReasonCode);
    }

    [Fact]
    public void Detect_ClaimResidueNotExplainedByItsLines_IsAClaimLevelSilentDenial()
    {
        var denial = Detect("CLP*PT-1*1*250*100**12~SVC*HC:99213*100*100~", 100).Single();

        Assert.Equal(DenialKind.Silent, denial.Kind);
        Assert.Null(denial.Line);
        Assert.Equal(150m, denial.Amount);
    }

    [Fact]
    public void Detect_DeniedClaimWithOnlyAContractualWriteOff_IsSilentForTheWholeCharge()
    {
        var denial = Detect("CLP*PT-1*4*180*0**12~CAS*CO*45*180~", 0).Single();

        Assert.Equal((DenialKind.Silent, 180m), (denial.Kind, denial.Amount));
        Assert.Null(denial.Line);
    }

    [Fact]
    public void Detect_DeniedClaimWithoutAnyAdjustment_IsOneSilentDenial()
    {
        var denial = Detect("CLP*PT-1*4*75*0**12~", 0).Single();

        Assert.Equal((DenialKind.Silent, 75m), (denial.Kind, denial.Amount));
    }

    [Fact]
    public void Detect_BundledLineWithoutAmounts_IsNotADenial()
    {
        Assert.Empty(Detect("CLP*PT-1*1*100*100**12~SVC*HC:59430*100*100~SVC*HC:59426******742*742**1~", 100));
    }

    [Fact]
    public void Detect_ReversalAndTheOriginalItCancels_HaveNoDenialsButTheCorrectionHas()
    {
        var file = RemitText.Load(RemitText.Transaction(
            "CLP*PT-5*1*100*0**12*A~CAS*CO*97*100~" +
            "CLP*PT-5*22*-100*0**12*A~CAS*CO*97*-100~" +
            "CLP*PT-5*1*100*40**12*B~CAS*CO*45*30~CAS*CO*59*30~",
            40));

        Assert.Empty(Detector.Detect(file.Claims[0]));
        Assert.Empty(Detector.Detect(file.Claims[1]));
        Assert.Empty(Detector.Detect(file.Claims[2]));
        Assert.True(file.Claims[0].IsSuperseded);

        var again = RemitText.Load(RemitText.Transaction("CLP*PT-5*22*-100*0**12*A~CAS*CO*97*-100~CLP*PT-5*1*100*0**12*B~CAS*CO*16*100~", 0));
        Assert.Equal("CO-16", Detector.Detect(again.Claims).Single().Adjustment!.Code);
    }

    [Fact]
    public void Detect_Predetermination_HasNoDenials()
    {
        Assert.Empty(Detect("CLP*PT-1*25*136.9*0*0*13~SVC*HC:H0004*136.9*0~CAS*CO*96*136.9~", 0));
    }

    [Fact]
    public void Detect_ClaimAndLineDenials_ComeInFileOrder()
    {
        var denials = Detect(
            "CLP*PT-1*1*600*0**12~CAS*CO*16*100~SVC*HC:A*200*0~CAS*CO*50*200~SVC*HC:B*300*0~CAS*CO*97*250~",
            0);

        Assert.Equal(["CO-16", "CO-50", "CO-97", "silent"], denials.Select(d => d.Adjustment?.Code ?? "silent"));
        Assert.Equal(50m, denials[3].Amount);
        Assert.Equal("B", denials[3].Line!.Procedure.Code);
    }

    [Fact]
    public void Detect_CustomNonDenialTable_ChangesWhatCounts()
    {
        var table = NonDenialAdjustments.Load(new StringReader("carc,groups,why\n97,CO,practice treats bundling as contractual\n"));
        var detector = new DenialDetector(table);

        Assert.Empty(Detect("CLP*PT-1*1*100*0**12~SVC*HC:99213*100*0~CAS*CO*97*100~", 0, detector));
        Assert.Single(Detect("CLP*PT-1*1*100*0**12~SVC*HC:99213*100*0~CAS*CO*45*100~", 0, detector));
    }

    [Fact]
    public void Detect_QmbRemarkOnLineOrClaim_MakesThePatientShareADenial()
    {
        var onLine = Detect("CLP*PT-1*1*100*80**12~SVC*HC:99213*100*80~CAS*PR*2*20~LQ*HE*N782~", 80);
        var onClaim = Detect("CLP*PT-2*1*100*80**12~MOA***N783~SVC*HC:99213*100*80~CAS*PR*3*20~", 80);
        var plain = Detect("CLP*PT-3*1*100*80**12~SVC*HC:99213*100*80~CAS*PR*2*20~LQ*HE*M15~", 80);

        Assert.Equal(["PR-2"], onLine.Select(d => d.Adjustment!.Code));
        Assert.Equal(["PR-3"], onClaim.Select(d => d.Adjustment!.Code));
        Assert.Empty(plain);
    }

    [Fact]
    public void Detect_MipsAdjustmentWithN807_IsNotADenial_OtherLegislatedPenaltiesAre()
    {
        var mips = Detect("CLP*PT-1*1*100*98**12~SVC*HC:99213*100*98~CAS*CO*237*2~LQ*HE*N807~", 98);
        var other = Detect("CLP*PT-2*1*100*98**12~SVC*HC:99213*100*98~CAS*CO*237*2~LQ*HE*N699~", 98);
        var reporting = Detect("CLP*PT-3*1*0.01*0**12~SVC*HC:G8427*0.01*0~CAS*CO*246*0.01~", 0);

        Assert.Empty(mips);
        Assert.Equal(["CO-237"], other.Select(d => d.Adjustment!.Code));
        Assert.Empty(reporting);
    }

    [Fact]
    public void IsDenied_WithAndWithoutRemarks_FollowsTheRemarkConditions()
    {
        var adjustment = OneClaim("CLP*PT-1*1*100*80**12~SVC*HC:99213*100*80~CAS*PR*2*20~", 80).ServiceLines[0].Adjustments[0];

        Assert.False(Detector.IsDenied(adjustment));
        Assert.True(Detector.IsDenied(adjustment, ["N781"]));
        Assert.Throws<ArgumentNullException>(() => Detector.IsDenied(adjustment, null!));
    }

    [Fact]
    public void NonDenialTable_RemarkConditions_AreReadAndChecked()
    {
        var table = NonDenialAdjustments.Load(new StringReader(
            "carc,groups,why,unless_remarks,only_with_remarks\n2,PR,coinsurance,N782,\n237,CO,mips,,N807 N808\n45,*,contractual,,\n"));

        Assert.True(table.IsNonDenial("PR", "2"));
        Assert.False(table.IsNonDenial("PR", "2", ["M15", "N782"]));
        Assert.False(table.IsNonDenial("CO", "237"));
        Assert.True(table.IsNonDenial("CO", "237", ["n808"]));
        Assert.True(table.IsNonDenial("CO", "45", ["N782"]));
        Assert.Equal(["N782", "N807", "N808"], table.ConditionRemarks.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NonDenialTable_RowWithBothConditions_IsRefusedNamingTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => NonDenialAdjustments.Load(new StringReader(
            "carc,groups,why,unless_remarks,only_with_remarks\n45,*,fine,,\n2,PR,both,N782,N807\n")));

        Assert.Contains("Line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_AllowedBelowContractedRate_IsAnUnderpaymentTimesUnits()
    {
        var schedule = FeeSchedule.Load(new StringReader("payer,procedure,modifier,allowed\nACME HEALTH PLAN,97110,,30.00\nACME01,99214,25,140.00\nACME01,99214,,120.00\nOTHER,99213,,999\n"));
        var detector = new DenialDetector(feeSchedule: schedule);
        var body = "CLP*PT-1*1*600*290**12~" +
            "SVC*HC:97110*200*80**4~CAS*CO*45*100~CAS*PR*2*20~AMT*B6*100~" +
            "SVC*HC:99214:25*200*110**1~CAS*CO*45*90~" +
            "SVC*HC:99213*200*100**1~CAS*CO*45*100~";

        var denials = Detect(body, 290, detector);

        Assert.All(denials, d => Assert.Equal(DenialKind.Underpayment, d.Kind));
        Assert.Equal([("97110", 20m), ("99214", 30m)], denials.Select(d => (d.Line!.Procedure.Code!, d.Amount)));
        Assert.Null(denials[0].Facts.GroupCode);
    }

    [Fact]
    public void Detect_LineWithCodedDenial_IsNotAlsoAnUnderpayment()
    {
        var schedule = FeeSchedule.Load(new StringReader("payer,procedure,modifier,allowed\n*,99213,,100\n"));

        var denial = Detect("CLP*PT-1*1*100*0**12~SVC*HC:99213*100*0~CAS*CO*97*100~", 0, new DenialDetector(feeSchedule: schedule)).Single();

        Assert.Equal(DenialKind.Coded, denial.Kind);
    }

    [Theory]
    [InlineData("payer,code,modifier,allowed\nACME,99213,,10\n", 1)]
    [InlineData("payer,procedure,modifier,allowed\nACME,99213,,10\nACME,99214,,ten\n", 3)]
    [InlineData("payer,procedure,modifier,allowed\nACME,99213,10\n", 2)]
    [InlineData("payer,procedure,modifier,allowed\n,99213,,10\n", 2)]
    [InlineData("payer,procedure,modifier,allowed\nACME,99213,,10\n\nacme,99213,,12\n", 4)]
    [InlineData("payer,procedure,modifier,allowed\n\"ACME,99213,,10\n", 2)]
    [InlineData("payer,procedure,modifier,allowed\nACME,99213,,-10\n", 2)]
    [InlineData("payer,procedure,modifier,allowed\nACME,99213,,10\n\"ACME\"x,99214,,10\n", 3)]
    [InlineData("", 1)]
    public void FeeScheduleLoad_MalformedCsv_ThrowsWithTheLineNumber(string csv, int line)
    {
        var ex = Assert.Throws<FeeScheduleException>(() => FeeSchedule.Load(new StringReader(csv)));

        Assert.Equal(line, ex.LineNumber);
        Assert.Contains("fee schedule", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FeeScheduleLoad_QuotedFields_AreRead()
    {
        var schedule = FeeSchedule.Load(new StringReader("payer,procedure,modifier,allowed\n\"ACME, INC.\",99213,,\"75.50\"\n"));

        Assert.Equal(new FeeScheduleEntry("ACME, INC.", "99213", null, 75.50m, 2), Assert.Single(schedule.Entries));
    }
}

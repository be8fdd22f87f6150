using System.Globalization;
using System.Text;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Remittance;
using AppealStudio.Core.Tests.Remittance;

namespace AppealStudio.Core.Tests.Denials;

/// <summary>
/// The classes of problem a certified coder found in the shipped classification (issue 15), each on remittance lines
/// written for the purpose and run the way an import runs them: the 835 is read, the detector finds the denial, the
/// shipped assessor classifies it for the payer on the remit. Every case asserts severity, action, owner and liability.
/// </summary>
public class CoderReviewTests
{
    /// <summary>Original Medicare (a MAC name from payers.csv): the route is reopening, not a new claim.</summary>
    private const string Medicare = "NORIDIAN HEALTHCARE SOLUTIONS";

    /// <summary>A commercial payer from payers.csv.</summary>
    private const string Commercial = "AETNA";

    private static readonly DateOnly Today = new(2026, 3, 20);

    // --- Who owes the money is decided by the group code ---

    [Fact]
    public void Co2Coinsurance_IsNeverBilledToThePatient()
    {
        var a = Single(Commercial, Line("99213", "CO", "2", 40m));

        AssertDecision(a, Severity.Soft, RecommendedAction.None, Owner.Biller, Liability.Provider);
        Assert.StartsWith("Owed by: the practice", a.Classification.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Bill the patient or their secondary plan", a.Classification.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("119")]
    [InlineData("35")]
    [InlineData("149")]
    [InlineData("160")]
    [InlineData("204")]
    public void PrBenefitLimit_IsThePatientsNotAWriteOff(string carc)
    {
        var a = Single(Commercial, Line("97110", "PR", carc, 80m));

        AssertDecision(a, Severity.Hard, RecommendedAction.None, Owner.Biller, Liability.Patient);
        Assert.Contains("Bill the patient", a.Classification.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("119")]
    [InlineData("35")]
    [InlineData("149")]
    [InlineData("160")]
    [InlineData("204")]
    public void CoBenefitLimit_IsAWriteOffTheProviderCarries(string carc)
    {
        var a = Single(Commercial, Line("97110", "CO", carc, 80m));

        AssertDecision(a, Severity.Hard, RecommendedAction.WriteOff, Owner.Biller, Liability.Provider);
        Assert.Contains("patient may not be billed", a.Classification.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Co242OutOfNetwork_IsAnAppealNotAPatientBill_WhilePr242IsThePatients()
    {
        var co = Single(Commercial, Line("99204", "CO", "242", 200m));
        var pr = Single(Commercial, Line("99204", "PR", "242", 200m));

        AssertDecision(co, Severity.Hard, RecommendedAction.Appeal, Owner.FrontDesk, Liability.Provider);
        AssertDecision(pr, Severity.Hard, RecommendedAction.None, Owner.FrontDesk, Liability.Patient);
    }

    [Fact]
    public void Oa209_GoesToTheNextPayer_NeverThePatient()
    {
        var a = Single(Medicare, Line("99213", "OA", "209", 25m));

        AssertDecision(a, Severity.Soft, RecommendedAction.Redirect, Owner.Biller, Liability.OtherPayer);
    }

    [Fact]
    public void Pi50_IsTheProvidersToDispute()
    {
        var a = Single(Commercial, Line("72148", "PI", "50", 900m));

        AssertDecision(a, Severity.Hard, RecommendedAction.Appeal, Owner.Clinician, Liability.Provider);
    }

    // --- Qualified Medicare Beneficiaries ---

    [Fact]
    public void Pr2WithQmbRemark_IsSurfaced_AndGoesToMedicaidNotThePatient()
    {
        var text = Remit(Medicare, Claim("QMB-1", "SVC*HC:99213*100*80**1~DTM*472*20260301~CAS*PR*2*20~LQ*HE*N782~"));

        var (denial, a) = Assert.Single(AssessAll(text));

        Assert.Equal(("PR", "2"), (denial.Facts.GroupCode, denial.Facts.ReasonCode));
        AssertDecision(a, Severity.Soft, RecommendedAction.Redirect, Owner.Biller, Liability.OtherPayer);
        Assert.Contains("Qualified Medicare Beneficiary (N782)", a.Classification.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Pr1WithClaimLevelQmbRemark_IsSurfaced_WhilePlainPatientShareIsNot()
    {
        var qmb = Remit(Medicare, Claim("QMB-2", "MOA***N781~SVC*HC:99213*100*0**1~DTM*472*20260301~CAS*PR*1*100~"));
        var plain = Remit(Medicare, Claim("PLAIN-2", "SVC*HC:99213*100*0**1~DTM*472*20260301~CAS*PR*1*100~"));

        var (_, a) = Assert.Single(AssessAll(qmb));
        AssertDecision(a, Severity.Soft, RecommendedAction.Redirect, Owner.Biller, Liability.OtherPayer);
        Assert.Empty(AssessAll(plain));
    }

    [Fact]
    public void Co303_QmbCostShareIsWrittenOff_NeverBilled()
    {
        var a = Single(Commercial, Line("99213", "CO", "303", 20m));

        AssertDecision(a, Severity.Hard, RecommendedAction.WriteOff, Owner.Biller, Liability.Provider);
    }

    // --- GZ / GA on necessity denials ---

    [Fact]
    public void Co50WithGz_IsAWriteOff_NotAnAppeal()
    {
        var a = Single(Medicare, Line("93306:GZ", "CO", "50", 300m));

        AssertDecision(a, Severity.Hard, RecommendedAction.WriteOff, Owner.Biller, Liability.Provider);
        Assert.Equal("CO-50 + modifier GZ present", a.Classification.RuleId);
    }

    [Fact]
    public void Co50WithGa_IsAReopeningToMoveItToPr()
    {
        var a = Single(Medicare, Line("93306:GA", "CO", "50", 300m));

        AssertDecision(a, Severity.Soft, RecommendedAction.Reopen, Owner.Biller, Liability.Provider);
        Assert.Contains("patient responsibility (PR)", a.Classification.Explanation, StringComparison.Ordinal);
        Assert.Equal(AppealLevel.Reopening, a.Deadline.Level);
    }

    [Fact]
    public void Co167WithLcdRemarkAndGz_TheModifierIsNotLostBehindTheRemark()
    {
        var a = Single(Medicare, Line("93306:GZ", "CO", "167", 300m, "N115"));

        AssertDecision(a, Severity.Hard, RecommendedAction.WriteOff, Owner.Biller, Liability.Provider);
    }

    // --- Duplicates are worked against the original claim ---

    [Theory]
    [InlineData("OA", "18", null)]
    [InlineData("CO", "B13", null)]
    [InlineData("OA", "18", "N522")]
    public void Duplicate_IsWorkedAgainstTheOriginal_NotWrittenOffBlind(string group, string carc, string? remark)
    {
        var a = Single(Commercial, Line("71046", group, carc, 60m, remark));

        AssertDecision(a, Severity.Soft, RecommendedAction.None, Owner.Biller, Liability.Provider);
        Assert.Equal(RootCause.Duplicate, a.Classification.RootCause);
        Assert.NotNull(a.Deadline.Date);
    }

    [Fact]
    public void Co97WithN111AndModifier59_IsADuplicate_NotAnAppealOrAdd59()
    {
        var a = Single(Commercial, Line("11042:59", "CO", "97", 150m, "N111"));

        AssertDecision(a, Severity.Soft, RecommendedAction.None, Owner.Biller, Liability.Provider);
        Assert.Equal(RootCause.Duplicate, a.Classification.RootCause);
        Assert.Null(a.Classification.ModifierVerdict);
    }

    // --- Non-covered is a write-off under CO by default ---

    [Fact]
    public void Co96WithN130_IsAWriteOffUnlessPlanDocumentsShowCoverage()
    {
        var a = Single(Commercial, Line("97530", "CO", "96", 120m, "N130"));

        AssertDecision(a, Severity.Hard, RecommendedAction.WriteOff, Owner.Biller, Liability.Provider);
        Assert.Contains("plan documents", a.Classification.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Pr96WithN130_IsThePatients()
    {
        var a = Single(Commercial, Line("97530", "PR", "96", 120m, "N130"));

        AssertDecision(a, Severity.Hard, RecommendedAction.None, Owner.Biller, Liability.Patient);
    }

    // --- Authorization starts soft; credentialing starts with the provider data ---

    [Fact]
    public void Co197_StartsByFindingTheExistingAuthorization()
    {
        var commercial = Single(Commercial, Line("73721", "CO", "197", 700m));
        var medicare = Single(Medicare, Line("73721", "CO", "197", 700m));

        AssertDecision(commercial, Severity.Soft, RecommendedAction.Resubmit, Owner.Scheduler, Liability.Provider);
        AssertDecision(medicare, Severity.Soft, RecommendedAction.Reopen, Owner.Scheduler, Liability.Provider);
        Assert.Contains("retro-authorization", commercial.Classification.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Co197WithN54_ComparesTheClaimWithTheAuthorization()
    {
        var a = Single(Commercial, Line("73721", "CO", "197", 700m, "N54"));

        AssertDecision(a, Severity.Soft, RecommendedAction.Resubmit, Owner.Scheduler, Liability.Provider);
        Assert.Equal("*-197 + N54", a.Classification.RuleId);
    }

    [Fact]
    public void Pr197MemberPenalty_IsThePatients()
    {
        var a = Single(Commercial, Line("73721", "PR", "197", 700m));

        AssertDecision(a, Severity.Soft, RecommendedAction.None, Owner.Scheduler, Liability.Patient);
    }

    [Theory]
    [InlineData("185")]
    [InlineData("B7")]
    [InlineData("170")]
    [InlineData("147")]
    public void CredentialingDenial_StartsWithTheClaimsProviderData(string carc)
    {
        var a = Single(Commercial, Line("99214", "CO", carc, 180m));

        AssertDecision(a, Severity.Soft, RecommendedAction.Resubmit, Owner.Credentialing, Liability.Provider);
    }

    // --- Packaged services and edits no modifier bypasses stay write-offs ---

    [Fact]
    public void Co234WithDistinctModifier_StaysAWriteOff()
    {
        var a = Single(Commercial, Line("11042:XS", "CO", "234", 150m, "M15"));

        AssertDecision(a, Severity.Hard, RecommendedAction.WriteOff, Owner.Coder, Liability.Provider);
    }

    [Fact]
    public void Co97OnAnEditWithIndicator0_IsAWriteOffEvenWith59()
    {
        var pairs = NcciPairTable.FromCsv("column1,column2,modifier_indicator,note\n29881,29877,0,never bypassable in this test\n");
        var assessor = new DenialAssessor(new DenialClassifier(ClassificationTable.Default, new ModifierJudgement(pairs)),
            ScenarioDetector.Default, PayerDirectory.Default, new PriorityCalculator());
        var text = Remit(Commercial, Claim("NCCI-0",
            "SVC*HC:29881:RT*2000*1500**1~DTM*472*20260301~CAS*CO*45*500~",
            "SVC*HC:29877:59*800*0**1~DTM*472*20260301~CAS*CO*97*800~LQ*HE*M15~"));

        var a = Assert.Single(AssessAll(text, assessor)).Assessment;

        AssertDecision(a, Severity.Hard, RecommendedAction.WriteOff, Owner.Coder, Liability.Provider);
        Assert.Equal(ModifierVerdictKind.EditNotBypassable, a.Classification.ModifierVerdict?.Kind);
        Assert.Contains("modifier indicator 0", a.Classification.Explanation, StringComparison.Ordinal);
    }

    // --- Payment adjustments that are not denials ---

    [Fact]
    public void Co237WithN807AndCo246_AreNotWorkedAsDenials()
    {
        var text = Remit(Medicare,
            Claim("MIPS-1", "SVC*HC:99213*100*98**1~DTM*472*20260301~CAS*CO*237*2~LQ*HE*N807~"),
            Claim("RPT-1", "SVC*HC:G8427*0.01*0**1~DTM*472*20260301~CAS*CO*246*0.01~"));

        Assert.Empty(AssessAll(text));
    }

    [Fact]
    public void Co237WithAnotherProgram_IsListedButNotWorkedAsADenial()
    {
        var a = Single(Medicare, Line("99213", "CO", "237", 2m, "N699"));

        AssertDecision(a, Severity.Soft, RecommendedAction.None, Owner.Biller, Liability.Provider);
    }

    // --- No appeal rights never means "resubmit the unchanged claim" ---

    [Fact]
    public void Co50WithMa130_IsAWriteOffOrACorrectedClaim_NeverTheSameClaimAgain()
    {
        var a = Single(Medicare, Line("72148", "CO", "50", 900m, "MA130"));

        AssertDecision(a, Severity.Hard, RecommendedAction.WriteOff, Owner.Clinician, Liability.Provider);
        Assert.Contains("corrected claim", a.Classification.Explanation, StringComparison.Ordinal);
        Assert.Contains("Never send the unchanged claim", a.Classification.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Co16WithMa130AtMedicare_IsANewCorrectedClaim_NotAReopening()
    {
        var a = Single(Medicare, Line("99213", "CO", "16", 100m, "M51", "MA130"));

        AssertDecision(a, Severity.Soft, RecommendedAction.Resubmit, Owner.Coder, Liability.Provider);
        Assert.Contains("new claim with the correction", a.Classification.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("new claim", a.Route!.Step, StringComparison.Ordinal);
    }

    // --- The payer's own route ---

    [Fact]
    public void CorrectableDenial_IsAReopeningAtMedicare_AndACorrectedClaimAtACommercialPayer()
    {
        var medicare = Single(Medicare, Line("99213", "CO", "16", 100m, "M51"));
        var commercial = Single(Commercial, Line("99213", "CO", "16", 100m, "M51"));

        AssertDecision(medicare, Severity.Soft, RecommendedAction.Reopen, Owner.Coder, Liability.Provider);
        AssertDecision(commercial, Severity.Soft, RecommendedAction.Resubmit, Owner.Coder, Liability.Provider);
        Assert.Equal(PayerType.Medicare, medicare.Route!.PayerType);
        Assert.Equal("clerical reopening (42 CFR 405.980)", medicare.Route.Step);
        Assert.Contains("denied as a duplicate", medicare.Classification.Explanation, StringComparison.Ordinal);
        Assert.Equal("corrected claim (frequency code 7)", commercial.Route!.Step);
        Assert.Equal(AppealLevel.Reopening, medicare.Deadline.Level);
    }

    [Fact]
    public void MedicareAppeal_IsARedetermination()
    {
        var a = Single(Medicare, Line("72148", "CO", "50", 900m));

        AssertDecision(a, Severity.Hard, RecommendedAction.Appeal, Owner.Clinician, Liability.Provider);
        Assert.Equal("redetermination", a.Route!.Step);
        Assert.Equal(new DateOnly(2026, 3, 20).AddDays(125), a.Deadline.Date);
    }

    // --- A modifier on the line is judged, not assumed ---

    [Fact]
    public void OtherKneeAnatomicModifier_IsAnAppeal_NotAdd59()
    {
        var a = Bundled(Commercial, "29881:RT", "29877:LT");

        AssertDecision(a, Severity.Hard, RecommendedAction.Appeal, Owner.Coder, Liability.Provider);
        Assert.Equal(ModifierVerdictKind.Bypasses, a.Classification.ModifierVerdict?.Kind);
        Assert.Equal("LT", a.Classification.ModifierVerdict?.Modifier);
        Assert.Equal("*-97 + modifier LT present", a.Classification.RuleId);
    }

    [Fact]
    public void SameKneeAnatomicModifier_IsACorrectedClaimOrWriteOff_NotAnAppeal()
    {
        var a = Bundled(Commercial, "29881:LT", "29877:LT");

        AssertDecision(a, Severity.Soft, RecommendedAction.Resubmit, Owner.Coder, Liability.Provider);
        Assert.Equal(ModifierVerdictKind.SiteNotDistinct, a.Classification.ModifierVerdict?.Kind);
    }

    [Fact]
    public void DistinctModifierOnABypassableEdit_IsAnAppeal()
    {
        var a = Bundled(Commercial, "29881:RT", "29877:XS");

        AssertDecision(a, Severity.Hard, RecommendedAction.Appeal, Owner.Coder, Liability.Provider);
        Assert.Contains("modifier indicator 1", a.Classification.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Modifier59OnAnEm_DoesNotCount()
    {
        var a = Bundled(Commercial, "11042", "99213:59");

        AssertDecision(a, Severity.Soft, RecommendedAction.Resubmit, Owner.Coder, Liability.Provider);
        Assert.Equal(ModifierVerdictKind.DoesNotFitCode, a.Classification.ModifierVerdict?.Kind);
    }

    [Fact]
    public void Modifier25OnAnEm_IsAnAppeal_OnAProcedureItDoesNotCount()
    {
        var em = Bundled(Commercial, "11042", "99213:25");
        var procedure = Bundled(Commercial, "99213", "11042:25");

        AssertDecision(em, Severity.Hard, RecommendedAction.Appeal, Owner.Coder, Liability.Provider);
        AssertDecision(procedure, Severity.Soft, RecommendedAction.Resubmit, Owner.Coder, Liability.Provider);
    }

    [Fact]
    public void GlobalPeriodDenial_OnlyGlobalModifiersCount()
    {
        var with24 = Single(Commercial, Line("99213:24", "CO", "97", 120m, "N525"));
        var with59 = Single(Commercial, Line("20610:59", "CO", "97", 120m, "N525"));

        AssertDecision(with24, Severity.Hard, RecommendedAction.Appeal, Owner.Coder, Liability.Provider);
        AssertDecision(with59, Severity.Soft, RecommendedAction.Resubmit, Owner.Coder, Liability.Provider);
        Assert.Equal("*-97 + N525", with59.Classification.RuleId);
    }

    [Fact]
    public void BundledWithoutModifier_AtMedicare_IsAReopening()
    {
        var a = Bundled(Medicare, "29881:RT", "29877");

        AssertDecision(a, Severity.Soft, RecommendedAction.Reopen, Owner.Coder, Liability.Provider);
    }

    // --- Precedence: the order of the remarks on the remit does not change the answer ---

    [Fact]
    public void RemarkOrderOnTheRemit_DoesNotChangeTheClassification()
    {
        var first = Single(Commercial, Line("99213", "CO", "16", 100m, "MA27", "M51"));
        var second = Single(Commercial, Line("99213", "CO", "16", 100m, "M51", "MA27"));

        Assert.Equal(first.Classification.RuleId, second.Classification.RuleId);
        Assert.Equal(first.Classification.Explanation, second.Classification.Explanation);
        AssertDecision(first, Severity.Soft, RecommendedAction.Resubmit, Owner.Coder, Liability.Provider);
    }

    // --- Missing codes, and unknown codes ---

    [Theory]
    [InlineData("CO", "186", Severity.Hard, RecommendedAction.Appeal, Owner.Clinician, Liability.Provider)]
    [InlineData("OA", "257", Severity.Soft, RecommendedAction.None, Owner.Biller, Liability.Payer)]
    [InlineData("CO", "300", Severity.Soft, RecommendedAction.Redirect, Owner.Biller, Liability.OtherPayer)]
    [InlineData("CO", "301", Severity.Soft, RecommendedAction.Redirect, Owner.Biller, Liability.OtherPayer)]
    [InlineData("CO", "270", Severity.Soft, RecommendedAction.Redirect, Owner.Biller, Liability.OtherPayer)]
    [InlineData("CO", "280", Severity.Soft, RecommendedAction.Redirect, Owner.Biller, Liability.OtherPayer)]
    [InlineData("CO", "298", Severity.Soft, RecommendedAction.Redirect, Owner.Biller, Liability.OtherPayer)]
    [InlineData("PR", "142", Severity.Soft, RecommendedAction.None, Owner.Biller, Liability.Patient)]
    [InlineData("CO", "203", Severity.Soft, RecommendedAction.Resubmit, Owner.Coder, Liability.Provider)]
    [InlineData("CO", "P2", Severity.Soft, RecommendedAction.Redirect, Owner.FrontDesk, Liability.OtherPayer)]
    [InlineData("CO", "P4", Severity.Soft, RecommendedAction.Redirect, Owner.FrontDesk, Liability.OtherPayer)]
    [InlineData("PR", "P3", Severity.Soft, RecommendedAction.None, Owner.Biller, Liability.Patient)]
    [InlineData("CO", "P13", Severity.Hard, RecommendedAction.Appeal, Owner.Biller, Liability.Provider)]
    [InlineData("OA", "P11", Severity.Soft, RecommendedAction.None, Owner.Biller, Liability.Payer)]
    public void MissingCode_HasAReviewedRow(string group, string carc, Severity severity, RecommendedAction action, Owner owner, Liability liability)
    {
        var a = Single(Commercial, Line("99213", group, carc, 75m));

        Assert.False(a.Classification.IsFallback, $"{group}-{carc} fell to the fallback");
        AssertDecision(a, severity, action, owner, liability);
    }

    [Fact]
    public void UnknownCode_SendsAPersonToLook_NotAnAppeal()
    {
        var a = Single(Commercial, Line("99213", "CO", "Z9", 75m));

        AssertDecision(a, Severity.Hard, RecommendedAction.None, Owner.Biller, Liability.Provider);
        Assert.True(a.Classification.NeedsReview);
        Assert.True(a.Priority.Flags.HasFlag(PriorityFlags.NeedsReview));
        Assert.False(a.Priority.Flags.HasFlag(PriorityFlags.NoActionNeeded));
        Assert.True(a.Priority.Score > 0m, "an unreviewed code must stay ranked on the worklist");
        Assert.NotNull(a.Deadline.Date);
    }

    // --- Every denial keeps its appeal deadline ---

    [Fact]
    public void WriteOff_KeepsItsAppealDeadline()
    {
        var a = Single(Medicare, Line("99213", "CO", "29", 100m));

        AssertDecision(a, Severity.Hard, RecommendedAction.WriteOff, Owner.Biller, Liability.Provider);
        Assert.Equal(new DateOnly(2026, 3, 20).AddDays(125), a.Deadline.Date);
        Assert.StartsWith("A write-off is recommended, but the appeal window still runs", a.Deadline.Basis, StringComparison.Ordinal);
        Assert.Equal(0m, a.Priority.Score);
    }

    [Fact]
    public void EveryAssessment_SaysWhoOwesTheMoneyFirst()
    {
        var text = Remit(Commercial,
            Claim("MIX-1", Line("99213", "CO", "2", 10m)),
            Claim("MIX-2", Line("99213", "PR", "119", 10m)),
            Claim("MIX-3", Line("99213", "OA", "209", 10m)),
            Claim("MIX-4", "SVC*HC:99213*100*0**1~DTM*472*20260301~CAS*CO*45*20~"));

        var all = AssessAll(text);

        Assert.Equal(4, all.Count);
        Assert.All(all, x => Assert.StartsWith("Owed by: ", x.Assessment.Classification.Explanation, StringComparison.Ordinal));
        Assert.Equal(Liability.Payer, all[^1].Assessment.Classification.Liability);
    }

    // --- helpers ---

    private static DenialAssessment Single(string payer, string line) =>
        Assert.Single(AssessAll(Remit(payer, Claim("PT-" + Guid.NewGuid().ToString("N")[..6], line)))).Assessment;

    /// <summary>A two-line claim: <paramref name="paid"/> paid, <paramref name="denied"/> bundled into it (CO-97 + M15).</summary>
    private static DenialAssessment Bundled(string payer, string paid, string denied) =>
        Assert.Single(AssessAll(Remit(payer, Claim("BND-1",
            $"SVC*HC:{paid}*2000*1500**1~DTM*472*20260301~CAS*CO*45*500~",
            $"SVC*HC:{denied}*800*0**1~DTM*472*20260301~CAS*CO*97*800~LQ*HE*M15~")))).Assessment;

    /// <summary>One service line fully denied by one adjustment, with its LQ remarks.</summary>
    private static string Line(string procedure, string group, string carc, decimal amount, params string?[] remarks)
    {
        var money = amount.ToString("0.00", CultureInfo.InvariantCulture);
        var text = new StringBuilder($"SVC*HC:{procedure}*{money}*0**1~DTM*472*20260301~CAS*{group}*{carc}*{money}~");
        foreach (var remark in remarks.OfType<string>())
        {
            text.Append("LQ*HE*").Append(remark).Append('~');
        }

        return text.ToString();
    }

    private static string Claim(string pcn, params string[] lines)
    {
        var charge = 0m;
        var paid = 0m;
        foreach (var line in lines)
        {
            var svc = line.Split('~').First(x => x.StartsWith("SVC", StringComparison.Ordinal)).Split('*');
            charge += decimal.Parse(svc[2], CultureInfo.InvariantCulture);
            paid += decimal.Parse(svc[3], CultureInfo.InvariantCulture);
        }

        // MOA, when a line starts with it, belongs to the claim and must come before the service lines.
        var moa = string.Concat(lines.Select(l => l.StartsWith("MOA", StringComparison.Ordinal) ? l[..(l.IndexOf('~', StringComparison.Ordinal) + 1)] : ""));
        var body = string.Concat(lines.Select(l => l.StartsWith("MOA", StringComparison.Ordinal) ? l[(l.IndexOf('~', StringComparison.Ordinal) + 1)..] : l));
        return string.Create(CultureInfo.InvariantCulture,
            $"CLP*{pcn}*1*{charge:0.00}*{paid:0.00}**12*ICN-{pcn}~{moa}DTM*232*20260301~{body}");
    }

    private static string Remit(string payer, params string[] claims) =>
        RemitText.Enveloped([("0001",
            "BPR*I*0*C*ACH*CCP*01*011000015*DA*123456*1999999999**01*021000021*DA*987654*20260320~TRN*1*EFT1*1999999999~"
            + $"DTM*405*20260319~N1*PR*{payer}~N1*PE*VALLEY CLINIC*XX*1234567893~LX*1~" + string.Concat(claims))]);

    private static List<(DetectedDenial Denial, DenialAssessment Assessment)> AssessAll(string text, DenialAssessor? assessor = null)
    {
        var file = RemitText.Load(text);
        return new DenialDetector().Detect(file.Claims).Select(d => (d, (assessor ?? DenialAssessor.Default).Assess(d.Facts, Today))).ToList();
    }

    private static void AssertDecision(DenialAssessment a, Severity severity, RecommendedAction action, Owner owner, Liability liability)
    {
        var c = a.Classification;
        Assert.True((severity, action, owner, liability) == (c.Severity, c.Action, c.Owner, c.Liability),
            $"expected {severity}/{action}/{owner}/{liability}, got {c.Severity}/{c.Action}/{c.Owner}/{c.Liability} by {c.RuleId}: {c.Explanation}");
    }
}

using AppealStudio.Core.Charts;
using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>The chart against the rule of the code as billed, on notes written for each rule and specialty.</summary>
public class ViabilityTests
{
    private static ChartDocument Note(string text, string title = "Progress note") =>
        new("note.txt", title, PatientIdentity.Unknown, new DateOnly(2026, 8, 14), "Jordan Lee, LCSW", null, "note.txt", text);

    private static BilledClaimLine Line(string code, string[] modifiers, string? billed = null, decimal units = 1, decimal? billedUnits = null) =>
        new(1, new BilledProcedure(billed ?? code, modifiers, billedUnits ?? units), new BilledProcedure(code, modifiers, units), 240m, 118m, null, [], []);

    [Theory]
    [InlineData("Session start: 2:02 PM\nSession end: 3:01 PM\nTotal psychotherapy time: 59 minutes.", 59)]
    [InlineData("Time in 14:00, time out 14:52. Psychotherapy with the patient.", 52)]
    [InlineData("Total session time: 59 minutes, including an 8-minute phone call with the patient's partner; the call is included in session time.", 51)]
    [InlineData("Psychotherapy 14:00-15:00. 10 minutes of documentation during the hour.", 50)]
    [InlineData("Total face-to-face psychotherapy time: 55 minutes. Afterwards, a 12-minute phone call with the psychiatrist, not included in session time.", 55)]
    [InlineData("Total psychotherapy time: 45 minutes. 15 minutes of care coordination after the session.", 45)]
    public void DocumentedTime_CountsFaceToFaceMinutesOnly(string text, int expected)
    {
        var measure = DocumentedTime.Measure(text, "psychotherapy");

        Assert.Equal(expected, measure!.FaceToFaceMinutes);
    }

    [Fact]
    public void SessionLength_48MinutesFor90837_IsNotSupported_AndSaysWhatItSupports()
    {
        var finding = ClinicalViability.Assess("session-length", Line("90834", [], billed: "90837"),
            [Note("PSYCHOTHERAPY NOTE\nSession start: 10:00 AM\nSession end: 10:48 AM\n", "Psychotherapy note")]);

        Assert.Equal(ViabilityStatus.NotSupported, finding.Status);
        Assert.Equal("The psychotherapy note documents 48 minutes of face-to-face psychotherapy (10:00 AM to 10:48 AM). 90837 requires 53 minutes or more of psychotherapy; the documented time supports 90834, the code paid.", finding.Summary);
        Assert.Null(finding.Statement);
    }

    [Fact]
    public void SessionLength_AddOnCode_UsesTheAddOnRanges()
    {
        var finding = ClinicalViability.Assess("session-length", Line("90836", ["GT"], billed: "90838"), [Note("Psychotherapy 40 minutes of psychotherapy, with E/M.")]);

        Assert.Equal(ViabilityStatus.NotSupported, finding.Status);
        Assert.EndsWith("the documented time supports 90836, the code paid.", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionLength_NoTimeInTheRecord_IsNotSupported()
    {
        var finding = ClinicalViability.Assess("session-length", Line("90834", [], billed: "90837"), [Note("Client reports panic attacks; CBT used.")]);

        Assert.Equal(ViabilityStatus.NotSupported, finding.Status);
        Assert.StartsWith("No linked chart note documents the psychotherapy time", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionLength_EnoughMinutes_IsSupported_WithAStatementWithoutItsFinalPeriod()
    {
        var finding = ClinicalViability.Assess("session-length", Line("90834", [], billed: "90837"),
            [Note("Session start: 2:05 PM\nSession end: 3:03 PM\nTotal psychotherapy time: 58 minutes face-to-face.", "Psychotherapy progress note")]);

        Assert.True(finding.IsSupported);
        Assert.Equal("The psychotherapy progress note documents 58 minutes of face-to-face psychotherapy (2:05 PM to 3:03 PM); 90837 requires 53 minutes or more of psychotherapy", finding.Statement);
    }

    [Theory]
    [InlineData("Assessment: ASA physical status II. Hypertension controlled on lisinopril.", "P3", "The record documents ASA physical status II (P2, mild systemic disease); P3 (severe systemic disease) was billed, which the record does not support.")]
    [InlineData("ASA III. Healthy otherwise.", "P3", "The record documents ASA physical status III but no systemic disease that supports P3 (severe systemic disease).")]
    [InlineData("Preoperative evaluation without a physical status.", "P3", "No ASA physical status is documented in the linked record; P3 (severe systemic disease) was billed.")]
    [InlineData("ASA physical status III (P3): COPD on home oxygen, FEV1 38% predicted.", "P4", "The record documents ASA physical status III (P3, severe systemic disease); P4 (severe systemic disease that is a constant threat to life) was billed, which the record does not support.")]
    public void PhysicalStatus_RecordBelowTheBilledStatus_IsNotSupported(string text, string billed, string expected)
    {
        var finding = ClinicalViability.Assess("physical-status", Line("00790", ["AA", billed]), [Note(text, "Anesthesia record")]);

        Assert.Equal(ViabilityStatus.NotSupported, finding.Status);
        Assert.Equal(expected, finding.Summary);
    }

    [Fact]
    public void PhysicalStatus_P3WithSevereDisease_IsSupported()
    {
        var finding = ClinicalViability.Assess("physical-status", Line("00790", ["AA", "P3"]),
            [Note("Assessment: ASA physical status III. Insulin-dependent diabetes with HbA1c 9.4%; CKD stage 3b.", "Anesthesia record")]);

        Assert.True(finding.IsSupported);
        Assert.Contains("an elevated hemoglobin A1c", finding.Statement, StringComparison.Ordinal);
        Assert.Contains("insulin-dependent diabetes", finding.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void AnesthesiaUnits_ShowBaseTimeAndModifyingUnitsAgainstTheUnitsBilled()
    {
        var line = Line("01402", ["AA", "P3"], units: 13, billedUnits: 14);
        var units = ClinicalViability.Units(line, [Note("Anesthesia start: 07:32. Anesthesia end: 09:02. Total anesthesia time 90 minutes.")]);

        Assert.Equal("Units billed: 14 = 7 base units + 6 time units (90 minutes of anesthesia time, 15 minutes per unit) + 1 modifying unit for physical status P3. Units paid: 13.", units.Arithmetic());
        Assert.DoesNotContain("base unit for physical status", units.Arithmetic(), StringComparison.Ordinal);
    }

    [Fact]
    public void Modifier25_VisitWithoutSeparateWork_IsNotSupported_AndSaysWhatTheRecordShows()
    {
        var finding = ClinicalViability.Assess("modifier-25", Line("99213", ["25"]),
            [Note("Dermatology visit. Seborrheic keratosis on the back, cryotherapy performed today. Consent obtained, post-care explained. Stable otherwise.", "Dermatology note")]);

        Assert.Equal(ViabilityStatus.NotSupported, finding.Status);
        Assert.StartsWith("No separately identifiable E/M work is documented for modifier 25", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Modifier25_NewProblemManagedSeparately_IsSupported()
    {
        var finding = ClinicalViability.Assess("modifier-25", Line("99214", ["25"]),
            [Note("New-onset chest pain during the visit. Started aspirin 81 mg daily and ordered a stress test.", "Office visit")]);

        Assert.True(finding.IsSupported);
        Assert.Equal("The visit note documents a new problem, and management of its own: medication changes and tests ordered", finding.Statement);
    }

    [Theory]
    [InlineData("Two lesions were excised from different anatomic sites: the left forearm and the right scapula.", ViabilityStatus.Supported)]
    [InlineData("Lesion of the left forearm excised with a 3 mm margin and closed in layers.", ViabilityStatus.NotSupported)]
    public void Modifier59_OtherSpecialty_NeedsASeparateSiteSessionIncisionOrInjury(string text, ViabilityStatus expected)
    {
        var finding = ClinicalViability.Assess("modifier-59", Line("11602", ["XS"]), [Note(text, "Procedure note")]);

        Assert.Equal(expected, finding.Status);
        if (expected == ViabilityStatus.NotSupported)
        {
            Assert.Contains("modifier XS", finding.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoRuleForTheScenario_IsNotAssessed()
    {
        Assert.Equal(ViabilityStatus.NotAssessed, ClinicalViability.Assess("medical-necessity", Line("72148", []), []).Status);
        Assert.Equal(ViabilityStatus.NotAssessed, ClinicalViability.Assess("modifier-59", Line("29880", ["LT"]), []).Status);
    }
}

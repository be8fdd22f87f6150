using System.Text;
using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;

namespace AppealStudio.Core.Tests.Remittance;

public class RemittanceReaderTests
{
    private const string PaidClaim =
        "CLP*PT-100*1*200*150*20*12*ICN100*11*1~" +
        "NM1*QC*1*DOE*JANE*Q***MI*MEM123~" +
        "NM1*82*1*SMITH*ALEX****XX*1112223334~" +
        "DTM*232*20240102~DTM*233*20240103~" +
        "SVC*HC:99213:25*200*150**1~DTM*472*20240102~CAS*CO*45*30~CAS*PR*2*20~REF*6R*LINE1~AMT*B6*170~";

    [Fact]
    public void ReadEvents_OneTransaction_YieldsStartThenClaimsThenEndInFileOrder()
    {
        var text = RemitText.Transaction(PaidClaim + PaidClaim.Replace("PT-100", "PT-101", StringComparison.Ordinal), 300);

        var events = RemitText.Events(text);

        Assert.IsType<PaymentStarted>(events[0]);
        Assert.Equal(["PT-100", "PT-101"], events.OfType<ClaimRead>().Select(c => c.Claim.PatientControlNumber));
        var ended = Assert.IsType<PaymentEnded>(events[^1]);
        Assert.Equal(2, ended.Payment.ClaimCount);
        Assert.Equal(300m, ended.Payment.TotalClaimPayments);
        Assert.Equal(4, events.Count);
    }

    [Fact]
    public void Load_Header_MapsPaymentTraceAndParties()
    {
        var file = RemitText.Load(RemitText.Transaction(PaidClaim, 150));

        var p = Assert.Single(file.Payments);
        Assert.Equal("I", p.HandlingCode);
        Assert.Equal(150m, p.TotalPaymentAmount);
        Assert.Equal("C", p.CreditDebitFlag);
        Assert.Equal("ACH", p.PaymentMethod);
        Assert.Equal("CCP", p.PaymentFormat);
        Assert.Equal("011000015", p.SenderDfiId);
        Assert.Equal("123456", p.SenderAccountNumber);
        Assert.Equal("1999999999", p.OriginatingCompanyId);
        Assert.Equal("021000021", p.ReceiverDfiId);
        Assert.Equal("987654", p.ReceiverAccountNumber);
        Assert.Equal(new DateOnly(2024, 1, 15), p.PaymentDate);
        Assert.Equal("EFT12345", p.TraceNumber);
        Assert.Equal("1999999999", p.TraceOriginatorId);
        Assert.Equal(new DateOnly(2024, 1, 12), p.ProductionDate);
        Assert.Equal("ACME HEALTH PLAN", p.PayerName);
        Assert.Equal("ACME01", p.PayerId);
        Assert.Equal(["1 MAIN STREET", "SUITE 2"], p.Payer!.Address!.Lines);
        Assert.Equal("62701", p.Payer.Address.PostalCode);
        var contact = Assert.Single(p.Payer.Contacts);
        Assert.Equal("BL", contact.FunctionCode);
        Assert.Equal([new ContactNumber("TE", "8005551212"), new ContactNumber("EM", "EDI@ACME.EXAMPLE")], contact.Numbers);
        Assert.Equal("VALLEY CLINIC", p.Payee!.Name);
        Assert.Equal("1234567893", p.PayeeNpi);
        Assert.Equal("123456789", p.PayeeTaxId);
        Assert.Equal("005010X221A1", p.Envelope!.Version);
        Assert.Equal("000000042", p.Envelope.InterchangeControlNumber);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Load_Claim_MapsEveryClpElementNamesDatesAndAdjudication()
    {
        var claim = "CLP*PT-7*2*1000*600*100*MA*ICN7*13*7*01*470*1.25*0.5~" +
            "CAS*CO*45*350~CAS*OA*23*40*1~CAS*PR*1*10~" +
            "NM1*QC*1*DOE*JANE*Q**JR*MI*MEM1~NM1*IL*1*DOE*JOHN****MI*SUB1~NM1*74*1*DOE*JANET****C*NEWID~" +
            "NM1*82*1*SMITH*ALEX****XX*1112223334~NM1*TT*2*MEDICAID OF STATE*****PI*99~NM1*PR*2*OTHER PLAN*****PI*88~NM1*GB*1*ROE*RICH****MI*OS1~" +
            "MIA*3*1.5**800*MA01*10**************N20*N30***2.5~MOA*0.8*55*MA02*N1~" +
            "REF*EA*MRN9~DTM*232*20240101~DTM*233*20240104~DTM*050*20240110~DTM*036*20241231~PER*CX*CLAIMS*TE*8005550000~AMT*AU*900~QTY*CA*3~";
        var file = RemitText.Load(RemitText.Transaction(claim, 600));

        var c = Assert.Single(file.Claims);
        Assert.Equal(("PT-7", "2", 1000m, 600m, 100m), (c.PatientControlNumber, c.StatusCode, c.ChargeAmount, c.PaymentAmount, c.PatientResponsibilityAmount));
        Assert.Equal(("MA", "ICN7", "13", "7", "01", "470", 1.25m, 0.5m), (c.FilingIndicatorCode, c.PayerClaimControlNumber, c.FacilityTypeCode, c.FrequencyCode, c.PatientStatusCode, c.DrgCode, c.DrgWeight, c.DischargeFraction));
        Assert.Equal([new ClaimAdjustment("CO", "45", 350m, null, 16), new ClaimAdjustment("OA", "23", 40m, 1m, 17), new ClaimAdjustment("PR", "1", 10m, null, 18)], c.Adjustments);
        Assert.Equal(new PersonName("QC", "1", "DOE", "JANE", "Q", "JR", "MI", "MEM1"), c.Patient);
        Assert.Equal("SUB1", c.Insured!.Id);
        Assert.Equal("NEWID", c.CorrectedPatient!.Id);
        Assert.Equal("1112223334", c.RenderingProvider!.Id);
        Assert.Equal("MEDICAID OF STATE", c.CrossoverCarrier!.LastOrOrganizationName);
        Assert.Equal("88", c.CorrectedPriorityPayer!.Id);
        Assert.Equal("OS1", c.OtherSubscriber!.Id);
        Assert.Equal(7, c.Names.Count);
        Assert.Equal(3m, c.Inpatient!.CoveredDaysOrVisits);
        Assert.Equal(800m, c.Inpatient.ClaimDrgAmount);
        Assert.Equal(10m, c.Inpatient.DisproportionateShareAmount);
        Assert.Equal(2.5m, c.Inpatient.PpsCapitalExceptionAmount);
        Assert.Equal(["MA01", "N20", "N30"], c.Inpatient.RemarkCodes);
        Assert.Equal(0.8m, c.Outpatient!.ReimbursementRate);
        Assert.Equal(["MA01", "N20", "N30", "MA02", "N1"], c.RemarkCodes);
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 4)), (c.StatementFrom, c.StatementTo));
        Assert.Equal((new DateOnly(2024, 1, 10), new DateOnly(2024, 12, 31)), (c.ReceivedDate, c.CoverageExpirationDate));
        Assert.Equal("MRN9", c.Reference("EA"));
        Assert.Equal("CX", Assert.Single(c.Contacts).FunctionCode);
        Assert.Equal(900m, c.Amount("AU"));
        Assert.Equal(new QuantityValue("CA", 3), Assert.Single(c.Quantities));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Load_ServiceLine_MapsCompositesUnitsDatesAdjustmentsAndRemarks()
    {
        var claim = "CLP*PT-8*1*500*100**12*ICN8~" +
            "SVC*HC:90834:95:GT:59:XS:PSYCHOTHERAPY 45 MIN*500*100*0510*1*HC:90837:95*2~" +
            "DTM*150*20240105~DTM*151*20240106~" +
            "CAS*CO*45*100*0*97*150*1*16*50**B7*20**253*10**59*70~" +
            "REF*6R*L-1~REF*LU*22~AMT*B6*200~QTY*ZL*1~LQ*HE*N362~LQ*HE*M15~LQ*RX*NCPDP1~";
        var file = RemitText.Load(RemitText.Transaction(claim, 100));

        var line = Assert.Single(Assert.Single(file.Claims).ServiceLines);
        Assert.Equal(("HC", "90834"), (line.Procedure.Qualifier, line.Procedure.Code));
        Assert.Equal("HC:90834:95:GT:59:XS", line.Procedure.ToString());
        Assert.Equal(["95", "GT", "59", "XS"], line.Procedure.Modifiers);
        Assert.Equal("PSYCHOTHERAPY 45 MIN", line.Procedure.Description);
        Assert.Equal((500m, 100m, "0510", 1m, 2m), (line.ChargeAmount, line.PaidAmount, line.RevenueCode, line.Units, line.SubmittedUnits));
        Assert.Equal("90837", line.SubmittedProcedure!.Code);
        Assert.Equal(["95"], line.SubmittedProcedure.Modifiers);
        Assert.Equal((new DateOnly(2024, 1, 5), new DateOnly(2024, 1, 6)), (line.ServicePeriodStart, line.ServicePeriodEnd));
        Assert.Equal(new DateOnly(2024, 1, 5), line.EffectiveServiceDate);
        Assert.Equal(["45", "97", "16", "B7", "253", "59"], line.Adjustments.Select(a => a.ReasonCode));
        Assert.All(line.Adjustments, a => Assert.Equal("CO", a.GroupCode));
        Assert.Equal(400m, line.TotalAdjustments());
        Assert.Equal(0m, line.Adjustments[0].Quantity);
        Assert.Equal("L-1", line.LineControlNumber);
        Assert.Equal(200m, line.AllowedAmount);
        Assert.Equal(["N362", "M15"], line.RemarkCodes);
        Assert.Equal(3, line.Remarks.Count);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Load_ReversalFollowedByCorrection_LinksBothWaysAndToTheOriginal()
    {
        var body =
            "CLP*PT-5*1*100*80**12*ICN-A~SVC*HC:99213*100*80~CAS*CO*45*20~" +
            "CLP*PT-9*1*50*50**12*ICN-X~" +
            "CLP*PT-5*22*-100*-80**12*ICN-A~SVC*HC:99213*-100*-80~CAS*CO*45*-20~" +
            "CLP*PT-5*1*100*90**12*ICN-B~SVC*HC:99213*100*90~CAS*CO*45*10~";
        var file = RemitText.Load(RemitText.Transaction(body, 140));

        var (original, other, reversal, corrected) = (file.Claims[0], file.Claims[1], file.Claims[2], file.Claims[3]);
        Assert.True(reversal.IsReversal);
        Assert.Same(original, reversal.ReversalOf);
        Assert.Same(reversal, original.ReversedBy);
        Assert.True(original.IsSuperseded);
        Assert.Same(corrected, reversal.CorrectedBy);
        Assert.Same(corrected, original.CorrectedBy);
        Assert.Same(reversal, corrected.Corrects);
        Assert.False(corrected.IsSuperseded);
        Assert.Null(other.ReversedBy);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void ReadEvents_Streaming_ReversalIsLinkedToItsCorrectionBeforeItIsHandedOut()
    {
        var body = "CLP*PT-5*22*-100*-80**12*ICN-A~CAS*CO*45*-20~CLP*PT-5*1*100*90**12*ICN-B~CAS*CO*45*10~";
        using var reader = new RemittanceReader(RemitText.Stream(RemitText.Transaction(body, 10)));

        var first = reader.ReadClaims().First();

        Assert.True(first.IsReversal);
        Assert.NotNull(first.CorrectedBy);
        Assert.Equal("ICN-B", first.CorrectedBy.PayerClaimControlNumber);
    }

    [Fact]
    public void Load_ReversalWithoutCorrection_StaysUnlinked()
    {
        var body = "CLP*PT-5*22*-100*-80**12*ICN-A~CAS*CO*45*-20~CLP*PT-6*1*100*90**12*ICN-B~CAS*CO*45*10~";
        var file = RemitText.Load(RemitText.Transaction(body, 10));

        Assert.Null(file.Claims[0].CorrectedBy);
        Assert.Null(file.Claims[1].Corrects);
    }

    [Fact]
    public void Load_OriginalInAnEarlierTransaction_IsLinkedAcrossTheFile()
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, RemitText.Header, 80);
        var text = RemitText.Enveloped([
            ("0001", header + "CLP*PT-5*1*100*80**12*ICN-A~CAS*CO*45*20~"),
            ("0002", header.Replace("BPR*I*80", "BPR*I*10", StringComparison.Ordinal) + "CLP*PT-5*22*-100*-80**12*ICN-A~CAS*CO*45*-20~CLP*PT-5*1*100*90**12*ICN-B~CAS*CO*45*10~"),
        ]);

        var file = RemittanceFile.Load(RemitText.Stream(text));

        Assert.Same(file.Claims[1], file.Claims[0].ReversedBy);
        Assert.Same(file.Claims[2], file.Claims[0].CorrectedBy);
        Assert.Equal(2, file.Payments.Count);
        Assert.Single(file.Payments[0].Claims);
        Assert.Equal(2, file.Payments[1].Claims.Count);
    }

    [Fact]
    public void Load_PlbReferencesNamingClaims_AreLinkedByPcnOrPayerClaimNumber()
    {
        var body = "CLP*PT-1*1*100*100**12*ICN-1~CLP*PT-2*1*50*50**12*ICN-2~" +
            "PLB*1234567893*20241231*WO:PT-1*25*72:ICN-2*-5*L6*-1.5*CS:UNKNOWN*3~";
        var file = RemitText.Load(RemitText.Transaction(body, 128.5m));

        var plb = Assert.Single(file.ProviderAdjustments);
        Assert.Equal("1234567893", plb.ProviderId);
        Assert.Equal(new DateOnly(2024, 12, 31), plb.FiscalPeriodDate);
        Assert.Equal(["WO", "72", "L6", "CS"], plb.Items.Select(i => i.ReasonCode));
        Assert.Equal([25m, -5m, -1.5m, 3m], plb.Items.Select(i => i.Amount));
        Assert.Same(file.Claims[0], plb.Items[0].LinkedClaim);
        Assert.Same(file.Claims[1], plb.Items[1].LinkedClaim);
        Assert.Equal(new ClaimLink("PT-2", "ICN-2", file.Claims[1].SegmentNumber), plb.Items[1].Link);
        Assert.Null(plb.Items[2].LinkedClaim);
        Assert.Null(plb.Items[3].LinkedClaim);
        Assert.Equal(21.5m, plb.Total);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void ReadEvents_Streaming_LinksPlbToClaimKeyOfTheSameTransaction()
    {
        var body = "CLP*PT-1*1*100*100**12*ICN-1~PLB*1234567893*20241231*WO:ICN-1*25~";
        var events = RemitText.Events(RemitText.Transaction(body, 75));

        var plb = Assert.Single(events.OfType<PaymentEnded>().Single().Payment.ProviderAdjustments);
        Assert.Equal("PT-1", plb.Items[0].Link!.PatientControlNumber);
        Assert.Null(plb.Items[0].LinkedClaim);
    }

    [Fact]
    public void Load_UnbalancedClaimLineAndTransaction_WarnWithSegmentNumbers()
    {
        var body = "CLP*PT-1*1*100*70**12~SVC*HC:99213*100*70~CAS*CO*45*20~";
        var file = RemitText.Load(RemitText.Transaction(body, 75));

        Assert.Collection(
            file.Warnings,
            w => Assert.Equal((RemitWarningCode.ClaimOutOfBalance, 15L), (w.Code, w.SegmentNumber)),
            w => Assert.Equal((RemitWarningCode.LineOutOfBalance, 16L), (w.Code, w.SegmentNumber)),
            w => Assert.Equal(RemitWarningCode.TransactionOutOfBalance, w.Code));
        Assert.Equal(
            "Claim PT-1 does not balance: the charge 100.00 minus adjustments 20.00 is 80.00, but the payer paid 70.00 (difference 10.00).",
            file.Warnings[0].Message);
        Assert.Equal(2, file.Claims[0].Warnings.Count);
        Assert.Equal(3, file.Payments[0].Warnings.Count);
    }

    [Fact]
    public void Load_BadValues_AreWarningsAndTheRestIsRead()
    {
        var body = "CLP*PT-1*1*100*abc**12~CAS*XX*45*20~CAS*CO*45*twenty~DTM*232*20241340~SVC*HC:99213*100*80~";
        var file = RemitText.Load(RemitText.Transaction(body, 0));

        var claim = Assert.Single(file.Claims);
        Assert.Equal(0m, claim.PaymentAmount);
        Assert.Empty(claim.Adjustments);
        Assert.Null(claim.StatementFrom);
        Assert.Single(claim.ServiceLines);
        Assert.Contains(file.Warnings, w => w.Code == RemitWarningCode.InvalidNumber && w.Message.Contains("CLP04", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Code == RemitWarningCode.InvalidValue && w.Message.Contains("group code \"XX\"", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Code == RemitWarningCode.InvalidNumber && w.Message.Contains("\"twenty\"", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Code == RemitWarningCode.InvalidDate);
    }

    [Fact]
    public void Load_CompositeWithUndeclaredSeparator_UsesTheOneFoundAndWarnsOnce()
    {
        var body = "CLP*PT-1*1*100*100**12~SVC*HC>12345>26*50*50~SVC*HC>12346>TC*50*50~";
        var file = RemitText.Load(RemitText.Transaction(body, 100));

        var lines = file.Claims[0].ServiceLines;
        Assert.Equal(("12345", "26"), (lines[0].Procedure.Code, lines[0].Procedure.Modifiers[0]));
        Assert.Equal(("12346", "TC"), (lines[1].Procedure.Code, lines[1].Procedure.Modifiers[0]));
        Assert.Single(file.Warnings, w => w.Code == RemitWarningCode.ComponentSeparatorMismatch);
    }

    [Fact]
    public void Load_ClaimTransaction837_ThrowsNamingWhatTheFileHolds()
    {
        var text = RemitText.Isa + "GS*HC*A*B*20240101*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~BHT*0019*00*1*20240101*1200*CH~SE*3*0001~GE*1*1~IEA*1*000000042~";

        var ex = Assert.Throws<X12ParseException>(() => RemitText.Load(text));

        Assert.Contains("837 health care claims, not an 835 remittance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TextFile_ThrowsNotX12()
    {
        var ex = Assert.Throws<X12ParseException>(() => RemitText.Load("Remittance summary for January\nTotal paid: $1,234.56\n"));

        Assert.Contains("not an X12 835", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedInsideAClaim_ThrowsNamingThatClaim()
    {
        var full = RemitText.Transaction(PaidClaim + "CLP*PT-123*1*100*80**12~SVC*HC:99213*100*80~CAS*CO*45*20~", 230);
        var cut = full[..full.IndexOf("CAS*CO*45*20~SE", StringComparison.Ordinal)];

        var ex = Assert.Throws<X12ParseException>(() => RemitText.Load(cut));

        Assert.StartsWith("The file ends in the middle of claim PT-123 (segment 28, byte ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("the remittance was cut off; ask the payer or clearinghouse to resend it.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(cut), ex.ByteOffset);
    }

    [Fact]
    public void Load_PlbOnlyTransaction_IsATransactionWithoutClaims()
    {
        var file = RemitText.Load(RemitText.Transaction("PLB*123*20241231*WO:X*10*72:X*-10~", 0));

        var payment = Assert.Single(file.Payments);
        Assert.Equal(0, payment.ClaimCount);
        Assert.Single(payment.ProviderAdjustments);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void ReadClaims_LargeStream_DoesNotKeepClaimsItHandedOut()
    {
        const int claims = 20_000;
        var body = new StringBuilder();
        for (var i = 0; i < claims; i++)
        {
            body.Append("CLP*PT-").Append(i).Append("*1*100*80**12~SVC*HC:99213*100*80~CAS*CO*45*20~");
        }

        using var reader = new RemittanceReader(RemitText.Stream(RemitText.Transaction(body.ToString(), claims * 80m)));
        WeakReference? first = null;
        var count = 0;
        var collected = false;
        foreach (var claim in reader.ReadClaims())
        {
            first ??= new WeakReference(claim);
            count++;
            if (count == 5_000)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                collected = !first.IsAlive;
            }
        }

        Assert.Equal(claims, count);
        Assert.True(collected, "the first claim should be collectable once it has been handed out");
        Assert.Equal(0, reader.WarningCount);
    }
}

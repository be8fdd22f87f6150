using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;
using AppealStudio.Tests.Shared;

namespace AppealStudio.Core.Tests.Remittance;

/// <summary>The broken or unusual corpus files (see SOURCES.md) give the warnings they deserve and map what matters.</summary>
public class RemittanceOddFilesTests
{
    private static RemittanceFile Load(string name) => RemittanceCorpusTests.Load(name);

    [SharedFact]
    public void Load_DirtyHandEditedRemit_WarnsAboutEachJunkItemAndKeepsTheRest()
    {
        var file = Load("affect-therapeutics-edi-835-parser__sample_835_with_interests.txt");

        Assert.Equal(6, file.Claims.Count);
        Assert.Equal(2, file.Payments.Count);
        Assert.Equal(2, file.Warnings.Count(w => w.Code == RemitWarningCode.InvalidValue && w.Message.Contains("group code \"grp_code\"", StringComparison.Ordinal)));
        Assert.Single(file.Warnings, w => w.Code == RemitWarningCode.UnreadableSegment && w.Message.Contains("resnCode>adjID>5", StringComparison.Ordinal));
        Assert.Equal(3, file.Warnings.Count(w => w.Code == RemitWarningCode.InvalidNumber && w.Message.StartsWith("MIA24", StringComparison.Ordinal)));
        Assert.Equal(2, file.Warnings.Count(w => w.Code == RemitWarningCode.CountMismatch));
        // MIA05 holds "remark_code1"; "remark_code04" sits in MIA24 (an amount: warned above); MOA*1*2*3*4 puts 3 and 4 in MOA03/04, the remark slots.
        Assert.Equal(["remark_code1", "3", "4"], file.Claims[1].RemarkCodes);
        Assert.Equal(5.2m, file.Claims[4].Amount("I"));
        var interest = file.Payments[1].ProviderAdjustments.Single().Items.Single();
        Assert.Equal(("L6", -10.3m), (interest.ReasonCode, interest.Amount));
    }

    [SharedFact]
    public void Load_InvalidPaymentDate_IsAWarningAndTheDateIsAbsent()
    {
        var file = Load("x12__managed-care.835");

        var warning = Assert.Single(file.Warnings);
        Assert.Equal(RemitWarningCode.InvalidDate, warning.Code);
        Assert.Contains("20002316", warning.Message, StringComparison.Ordinal);
        Assert.Null(file.Payments[0].PaymentDate);
        Assert.Equal(new DateOnly(2002, 3, 14), file.Payments[0].RemittanceDate);
        Assert.Equal(["A2"], file.Claims[0].Adjustments.Select(a => a.ReasonCode));
        Assert.Equal(["1"], file.Claims[0].ServiceLines[0].Adjustments.Select(a => a.ReasonCode));
    }

    [SharedFact]
    public void Load_SecondaryPaymentWithUndeclaredComponentSeparator_ReadsTheModifierLikeTheCleanCopy()
    {
        var inconsistent = Load("x12__secondary-payment.835");
        var clean = Load("badX12__X221-secondary-payments.edi");

        Assert.Single(inconsistent.Warnings, w => w.Code == RemitWarningCode.ComponentSeparatorMismatch);
        Assert.Empty(clean.Warnings);
        Assert.Equal(
            clean.Claims[1].ServiceLines.Select(l => l.Procedure.ToString()),
            inconsistent.Claims[1].ServiceLines.Select(l => l.Procedure.ToString()));
        Assert.Equal(["26"], inconsistent.Claims[1].ServiceLines[0].Procedure.Modifiers);
        Assert.Equal(["OA-23", "PR-1", "PR-2", "CO-42"], inconsistent.Claims[1].ServiceLines.SelectMany(l => l.Adjustments).Select(a => a.Code));
        Assert.Equal(70m, inconsistent.Claims[1].ServiceLines[1].Adjustments[1].Amount);
    }

    [SharedFact]
    public void Load_SplitSvcComposite_WarnsThatTheLineHasNoCodeAndDoesNotBalance()
    {
        var file = Load("x12__tertiary-payment.835");

        Assert.Equal("3", file.Claims[0].StatusCode);
        Assert.Collection(
            file.Warnings,
            w => Assert.Equal(RemitWarningCode.IncompleteServiceLine, w.Code),
            w => Assert.Equal(RemitWarningCode.LineOutOfBalance, w.Code));
        Assert.Null(file.Claims[0].ServiceLines[0].Procedure.Code);
    }

    [SharedFact]
    public void Load_PlbOnlyTransactions_CheckEachTransactionBalance()
    {
        var file = Load("api-examples__835-provider-level-adjustment.dat");

        Assert.Equal(3, file.Payments.Count);
        Assert.Equal([0, 1, 0], file.Payments.Select(p => p.ClaimCount));
        Assert.Empty(file.Payments[0].Warnings);
        Assert.Single(file.Payments[1].Warnings, w => w.Code == RemitWarningCode.TransactionOutOfBalance);
        Assert.Single(file.Payments[2].Warnings, w => w.Code == RemitWarningCode.TransactionOutOfBalance);
        Assert.Equal(0m, file.Payments[0].TotalProviderAdjustments);
        Assert.All(file.ProviderAdjustments.SelectMany(p => p.Items), i => Assert.Null(i.LinkedClaim));
    }

    [SharedFact]
    public void Load_BundledLinesWithoutAmounts_AreNotZeroDollarLines()
    {
        var file = Load("edi-835-parser__blue_cross_nc_sample.txt");

        var lines = file.Claims[0].ServiceLines;
        Assert.Equal([false, false, true], lines.Select(l => l.AmountsMissing));
        Assert.Equal(["59410", "59410"], lines.Take(2).Select(l => l.SubmittedProcedure!.Code));
        Assert.Null(lines[2].SubmittedProcedure);
        Assert.Equal(742m, lines[2].AllowedAmount);
        Assert.DoesNotContain(file.Warnings, w => w.Code is RemitWarningCode.ClaimOutOfBalance or RemitWarningCode.LineOutOfBalance);
        Assert.Null(file.Payments[0].Envelope);
    }

    [SharedFact]
    public void Load_CountyBoardRemit_HandlesReversalsPredeterminationAndATruncatedClp()
    {
        var file = Load("X12Parser__Example1.txt");

        Assert.Equal(["1", "4", "4", "2", "4", "1", "25", "22", "22", "22"], file.Claims.Select(c => c.StatusCode));
        Assert.Equal(3, file.Claims.Count(c => c.IsReversal));
        Assert.All(file.Claims.Where(c => c.IsReversal), c => Assert.Null(c.CorrectedBy));
        Assert.Single(file.Warnings, w => w.Code == RemitWarningCode.InvalidValue && w.Message.StartsWith("Claim 090909", StringComparison.Ordinal));
        Assert.Contains(file.Claims.SelectMany(c => c.ServiceLines).SelectMany(l => l.Adjustments), a => a.GroupCode == "PI");
        Assert.Equal("CR-18", file.Claims[1].ServiceLines[0].Adjustments[0].Code);
    }

    [SharedFact]
    public void Load_MaskedProductionRemit_PairsEveryReversalWithTheCorrectedClaimThatFollows()
    {
        var file = Load("X12Parser__835_DeIdent_01.dat");

        var reversals = file.Claims.Where(c => c.IsReversal).ToList();
        Assert.Equal(19, reversals.Count);
        Assert.All(reversals, r =>
        {
            Assert.NotNull(r.CorrectedBy);
            Assert.Equal(r.PatientControlNumber, r.CorrectedBy.PatientControlNumber);
            Assert.Same(r, r.CorrectedBy.Corrects);
            Assert.True(r.ChargeAmount < 0);
        });
        Assert.Equal(69, file.Claims.SelectMany(c => c.ServiceLines).SelectMany(l => l.Adjustments).Count(a => a.GroupCode == "CR"));
    }

    [SharedFact]
    public void Load_InstitutionalMedicareRemit_MapsSummariesInpatientOutpatientAndPlb()
    {
        var file = Load("x12__medicare-part-a.835");

        var payment = Assert.Single(file.Payments);
        Assert.Equal("C", payment.HandlingCode);
        Assert.Equal(2, payment.ProviderSummaries.Count);
        Assert.Equal(("110212", "6543210903", 211366.97m), (payment.ProviderSummaries[0].HeaderNumber, payment.ProviderSummaries[0].ProviderId, payment.ProviderSummaries[0].TotalChargeAmount));
        Assert.Contains(new KeyValuePair<string, decimal>("TS201", 2178.45m), payment.ProviderSummaries[0].OtherAmounts);
        Assert.Equal(138018.40m, file.Claims[0].Inpatient!.ClaimDrgAmount);
        Assert.Equal(0m, file.Claims[0].Inpatient!.CoveredDaysOrVisits);
        Assert.Equal(8m, file.Claims[0].Quantities.Single().Quantity);
        Assert.Equal(["MA02"], file.Claims[1].RemarkCodes);
        var plb = Assert.Single(file.ProviderAdjustments).Items.Single();
        Assert.Equal(("CV", "CP", -1.27m), (plb.ReasonCode, plb.ReferenceId, plb.Amount));
        Assert.Empty(file.Warnings);
    }

    [SharedFact]
    public void Load_PipeSeparatedUhcRemit_KeepsSpacesInsideValues()
    {
        var file = Load("TigerShark__835-example.txt");

        Assert.Equal("1234567890 0987654321", file.Claims[0].PayerClaimControlNumber);
        Assert.Equal("88888", file.Claims[0].ServiceLines[0].Procedure.Code);
        Assert.Equal(["N220", "M68"], file.Claims[1].ServiceLines[0].RemarkCodes);
        var plb = file.ProviderAdjustments.Single().Items.Single();
        Assert.Equal(("WO", "12104411559120820 001GAL295513", -361.19m), (plb.ReasonCode, plb.ReferenceId, plb.Amount));
        Assert.Equal("87726", file.Payments[0].PayerId);
    }

    [SharedFact]
    public void Load_ConcatenatedInterchanges_ReadsEveryTransaction()
    {
        var file = Load("x12-parser__profee-multiple.edi");

        Assert.Equal(156, file.Payments.Count);
        Assert.Equal(468, file.Claims.Count);
        Assert.Equal(312, file.Claims.SelectMany(c => c.ServiceLines).Sum(l => l.RemarkCodes.Count));
        Assert.All(file.Payments, p => Assert.Equal(45.75m, p.TotalPaymentAmount));
        Assert.Single(file.Warnings);
    }

    [SharedFact]
    public void Load_EveryElementFilledSample_MapsAllTripletsAndNameRoles()
    {
        var file = Load("affect-therapeutics-edi-835-parser__exhaustive_sample.txt");

        var claim = Assert.Single(file.Claims);
        Assert.Equal(6, claim.Adjustments.Count);
        Assert.Equal(6, claim.ServiceLines[0].Adjustments.Count);
        Assert.Equal(["74", "PR", "TT", "IL", "GB", "QC", "82"], claim.Names.Select(n => n.EntityCode));
        Assert.NotNull(claim.Inpatient);
        Assert.NotNull(claim.Outpatient);
        Assert.Equal(["XX", "XX", "XX", "XX"], claim.ServiceLines[0].Procedure.Modifiers);
        Assert.Equal("NU", claim.ServiceLines[0].Procedure.Qualifier);
        Assert.Equal(6, file.ProviderAdjustments.Single().Items.Count);
        Assert.Equal("EM", file.Payments[0].RemittanceDeliveryMethod);
    }

    [SharedFact]
    public void Load_MedicaidDenials_KeepClaimLevelAdjustmentsAndCorrectedPriorityPayer()
    {
        var file = Load("affect-therapeutics-edi-835-parser__nevada_medicaid.txt");

        Assert.Equal(3, file.Payments.Count);
        Assert.Equal(["4", "2", "4"], file.Claims.Select(c => c.StatusCode));
        Assert.Equal(["OA-147", "CO-26"], file.Claims[0].Adjustments.Select(a => a.Code));
        Assert.Equal("9999", file.Claims[0].CorrectedPriorityPayer!.Id);
        Assert.All(file.Claims, c => Assert.Empty(c.ServiceLines));
        Assert.Equal(6, file.ProviderAdjustments.Single().Items.Count);
        // A PLB-only transaction whose negative adjustments (CT/CS) are the whole payment: BPR02 1812.27 = 0 - (-1812.27).
        Assert.Equal(-1812.27m, file.ProviderAdjustments.Single().Total);
        Assert.Equal(1812.27m, file.Payments[2].TotalPaymentAmount);
        Assert.Empty(file.Payments[2].Warnings);
    }
}

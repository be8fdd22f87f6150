using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Remittance;
using AppealStudio.Tests.Shared;

namespace AppealStudio.Core.Tests.Remittance;

public class DenialCorpusTests
{
    // Numbers determined by reading the files; a few explained:
    // - api-examples__claim_adj_reason: 2 = CO-204 on 85003 and CO-97 on 36415; the CO-45 on 99213 is a contractual write-off.
    // - edi-835-parser__emedny_sample: 4 = the zero-pay claim's two CO-29 (timely filing) lines and the third claim's
    //   two CO-251 lines (with LQ*HE*N206); the first claim is paid in full.
    // - X12Parser__Example1: 2 = CR-18 on 999999 and CO-29 on 888888. Claim 121212 has CLP02 = 4 but its whole charge is
    //   OA-23 (a prior payer paid), so it is not a denial; the three reversals (CLP02 = 22) are skipped.
    // - x12__tertiary-payment: 1 silent, the split SVC01 line whose charge 24599.00 minus OA-23 1579.00 leaves 21253.50 unexplained.
    // - pyx12__835_mult_loops: 3 line denials (CO-16, OA-A7 twice) under a CLP02 = 4 claim, so no extra claim-level silent denial.
    // - The masked X12Parser__* files do not balance (amounts replaced by 9s), so their silent denials are noise by design.
    [SharedTheory]
    [InlineData("affect-therapeutics-edi-835-parser__exhaustive_sample.txt", 0, 0)]
    [InlineData("affect-therapeutics-edi-835-parser__nevada_medicaid.txt", 5, 0)]
    [InlineData("affect-therapeutics-edi-835-parser__sample_835_with_interests.txt", 0, 0)]
    [InlineData("api-examples__835-all-fields.dat", 3, 0)]
    [InlineData("api-examples__835-denial.dat", 1, 0)]
    [InlineData("api-examples__835-provider-level-adjustment.dat", 0, 0)]
    [InlineData("api-examples__claim_adj_reason.dat", 2, 0)]
    [InlineData("api-examples__negotiated_discount.dat", 3, 0)]
    [InlineData("api-examples__not_covered_inpatient.dat", 1, 0)]
    [InlineData("badX12__X221-era-sample.edi", 0, 0)]
    [InlineData("badX12__X221-multiple-claims-single-check.edi", 0, 0)]
    [InlineData("badX12__X221-secondary-payments.edi", 0, 0)]
    [InlineData("edi-835-parser__blue_cross_nc_sample.txt", 0, 0)]
    [InlineData("edi-835-parser__emedny_sample.txt", 4, 0)]
    [InlineData("edi-835-parser__united_healthcare_legacy_sample.txt", 0, 0)]
    [InlineData("pyx12__835_mult_loops.txt", 3, 0)]
    [InlineData("TigerShark__835-example.txt", 0, 0)]
    [InlineData("x12__managed-care.835", 0, 0)]
    [InlineData("x12__medicare-part-a.835", 0, 0)]
    [InlineData("x12__secondary-payment.835", 0, 0)]
    [InlineData("x12__tertiary-payment.835", 0, 1)]
    [InlineData("x12-edi-parser__sample.txt", 5, 0)]
    [InlineData("x12-edi-parser__sample_services.txt", 0, 0)]
    [InlineData("x12-parser__multi-line-not-delimited.edi", 4, 0)]
    [InlineData("x12-parser__profee-multiple.edi", 624, 0)]
    [InlineData("X12Parser__835_DeIdent_01.dat", 56, 22)]
    [InlineData("X12Parser__835_DeIdent_02.dat", 30, 199)]
    [InlineData("X12Parser__835_WithMultipleInterchanges.txt", 40, 12)]
    [InlineData("X12Parser__Example1.txt", 2, 0)]
    public void Detect_CorpusFile_FindsTheDenialsCountedByHand(string name, int coded, int silent)
    {
        var file = RemittanceCorpusTests.Load(name);

        var denials = new DenialDetector().Detect(file.Claims).ToList();

        Assert.Equal(coded, denials.Count(d => d.Kind == DenialKind.Coded));
        Assert.Equal(silent, denials.Count(d => d.Kind == DenialKind.Silent));
        Assert.All(denials, d => Assert.True(d.Amount > 0));
        Assert.All(denials, d => Assert.False(d.Claim.IsReversal || d.Claim.IsSuperseded));
    }

    [SharedFact]
    public void Detect_CorpusDenialFile_GivesTheFactsOfTheOa252Line()
    {
        var file = RemittanceCorpusTests.Load("api-examples__835-denial.dat");

        var facts = new DenialDetector().Detect(file.Claims).Single().Facts;

        Assert.Equal(("OA", "252", 150m, "99213", "4"), (facts.GroupCode, facts.ReasonCode, facts.Amount, facts.ProcedureCode, facts.ClaimStatusCode));
        Assert.Equal(["M143"], facts.RemarkCodes);
        Assert.Equal(("1234567890", "ANY PLAN USA"), (facts.PayerId, facts.PayerName));
        Assert.Equal(new DateOnly(2019, 1, 1), facts.ServiceDate);
        Assert.Equal(new DateOnly(2019, 8, 16), facts.RemittanceDate);
    }

    [SharedFact]
    public void NonDenialAdjustmentsDefault_CoversEveryNotDenialRowOfTheReviewedClassification()
    {
        var rows = File.ReadAllLines(Path.Combine(SharedFolder.DomainDirectory, "carc_classification.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f.Length > 4 && f.Any(x => x.StartsWith("NOT-DENIAL", StringComparison.Ordinal)))
            .Select(f => (Carc: f[0], Class: f.First(x => x.StartsWith("NOT-DENIAL", StringComparison.Ordinal))))
            .ToList();
        var table = NonDenialAdjustments.Default;

        Assert.Equal(10, rows.Count);
        foreach (var (carc, actionClass) in rows)
        {
            var group = actionClass == "NOT-DENIAL/PR" ? "PR" : carc == "100" ? "OA" : "CO";
            if (carc == "23")
            {
                group = "OA";
            }

            Assert.True(table.IsNonDenial(group, carc), string.Create(CultureInfo.InvariantCulture, $"{group}-{carc} should not be a denial"));
        }

        Assert.False(table.IsNonDenial("CO", "97"));
        Assert.False(table.IsNonDenial("CO", "1"));
        Assert.True(table.IsNonDenial("OA", "133"));
        Assert.NotNull(table.Why("CO", "253"));
    }
}

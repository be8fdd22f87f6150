using System.Globalization;
using System.Text;
using System.Text.Json;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;
using AppealStudio.Tests.Shared;

namespace AppealStudio.Core.Tests.Remittance;

public class RemittanceInspectorTests
{
    private static readonly string[] DenialKeys =
    [
        "payer", "patientControlNumber", "payerClaimNumber", "serviceDate", "procedureCode", "modifiers", "groupCode", "reasonCode",
        "remarkCodes", "amount", "kind", "severity", "action", "category", "rootCause", "owner", "scenario", "appealDeadline",
        "liability",
    ];

    private static (JsonDocument Json, string Text, InspectionResult Result) Inspect(string remit, RemittanceInspector? inspector = null)
    {
        using var output = new MemoryStream();
        var result = (inspector ?? new RemittanceInspector()).WriteJson(RemitText.Stream(remit), output);
        var text = Encoding.UTF8.GetString(output.ToArray());
        return (JsonDocument.Parse(text), text, result);
    }

    [Fact]
    public void WriteJson_CodedLineDenial_WritesEveryContractFieldInFileOrder()
    {
        var remit = RemitText.Transaction(
            "CLP*PT-1*1*250*100**12*ICN-1~SVC*HC:99214:25*150*100**1~DTM*472*20240105~CAS*CO*45*50~SVC*HC:97110:GP:59*100*0**2~DTM*472*20240105~CAS*CO*97*100~LQ*HE*M15~",
            100);

        var (json, text, result) = Inspect(remit);

        var root = json.RootElement;
        Assert.Equal(["denials", "warnings", "claims"], root.EnumerateObject().Select(p => p.Name));
        var denial = Assert.Single(root.GetProperty("denials").EnumerateArray().ToList());
        Assert.Equal(DenialKeys, denial.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ACME HEALTH PLAN", denial.GetProperty("payer").GetString());
        Assert.Equal("PT-1", denial.GetProperty("patientControlNumber").GetString());
        Assert.Equal("ICN-1", denial.GetProperty("payerClaimNumber").GetString());
        Assert.Equal("2024-01-05", denial.GetProperty("serviceDate").GetString());
        Assert.Equal("97110", denial.GetProperty("procedureCode").GetString());
        Assert.Equal(["GP", "59"], denial.GetProperty("modifiers").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(("CO", "97"), (denial.GetProperty("groupCode").GetString(), denial.GetProperty("reasonCode").GetString()));
        Assert.Equal(["M15"], denial.GetProperty("remarkCodes").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("\"amount\":100.00,", text, StringComparison.Ordinal);
        Assert.Equal("coded", denial.GetProperty("kind").GetString());
        Assert.All(["severity", "action", "category", "rootCause", "owner", "scenario", "appealDeadline", "liability"], k => Assert.Equal(JsonValueKind.Null, denial.GetProperty(k).ValueKind));
        Assert.Equal(1, root.GetProperty("claims").GetInt32());
        Assert.Empty(root.GetProperty("warnings").EnumerateArray());
        Assert.Equal(new InspectionResult(1, 1, 0), result);
    }

    [Fact]
    public void WriteJson_WithAssessor_FillsClassificationFromTheFacts()
    {
        DenialFacts? seen = null;
        var inspector = new RemittanceInspector(facts =>
        {
            seen = facts;
            return facts.ReasonCode == "197"
                ? new InspectedAssessment("hard", "appeal", "administrative", "authorization", "front desk", "general-authorization", new DateOnly(2024, 7, 13))
                : null;
        });

        var (json, _, _) = Inspect(RemitText.Transaction("CLP*PT-2*4*1000*0**12*ICN-2~CAS*CO*197*1000~MOA***N54~DTM*232*20240110~", 0), inspector);

        var denial = json.RootElement.GetProperty("denials")[0];
        Assert.Equal("hard", denial.GetProperty("severity").GetString());
        Assert.Equal("appeal", denial.GetProperty("action").GetString());
        Assert.Equal("administrative", denial.GetProperty("category").GetString());
        Assert.Equal("authorization", denial.GetProperty("rootCause").GetString());
        Assert.Equal("front desk", denial.GetProperty("owner").GetString());
        Assert.Equal("general-authorization", denial.GetProperty("scenario").GetString());
        Assert.Equal("2024-07-13", denial.GetProperty("appealDeadline").GetString());
        Assert.Equal(JsonValueKind.Null, denial.GetProperty("procedureCode").ValueKind);
        Assert.Equal(["N54"], denial.GetProperty("remarkCodes").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("2024-01-10", denial.GetProperty("serviceDate").GetString());
        Assert.Equal(("CO", "197", 1000m), (seen!.GroupCode, seen.ReasonCode, seen.Amount));
    }

    [Fact]
    public void WriteJson_SilentAndUnderpaidLines_HaveTheirKindsAndNoCodes()
    {
        var schedule = FeeSchedule.Load(new StringReader("payer,procedure,modifier,allowed\nACME01,99213,,100\n"));
        var remit = RemitText.Transaction("CLP*PT-3*1*300*140**12~SVC*HC:99213*150*80~CAS*CO*45*70~SVC*HC:36415*150*60~CAS*CO*45*50~", 140);

        var (json, text, result) = Inspect(remit, new RemittanceInspector(assessor: null, feeSchedule: schedule));

        var denials = json.RootElement.GetProperty("denials").EnumerateArray().ToList();
        Assert.Equal(["underpayment", "silent"], denials.Select(d => d.GetProperty("kind").GetString()));
        Assert.Equal(["99213", "36415"], denials.Select(d => d.GetProperty("procedureCode").GetString()));
        Assert.All(denials, d => Assert.Equal(JsonValueKind.Null, d.GetProperty("groupCode").ValueKind));
        Assert.Contains("\"amount\":20.00,", text, StringComparison.Ordinal);
        Assert.Contains("\"amount\":40.00,", text, StringComparison.Ordinal);
        Assert.Equal(2, result.Denials);
    }

    [Fact]
    public void WriteJson_Warnings_AreObjectsWithSegmentCodeAndMessage()
    {
        var (json, _, result) = Inspect(RemitText.Transaction("CLP*PT-4*1*100*70**12~", 90));

        var warnings = json.RootElement.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal(15, warnings[0].GetProperty("segment").GetInt64());
        Assert.Equal("ClaimOutOfBalance", warnings[0].GetProperty("code").GetString());
        Assert.StartsWith("Claim PT-4 does not balance", warnings[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("TransactionOutOfBalance", warnings[1].GetProperty("code").GetString());
        Assert.Equal(2, result.Warnings);
    }

    [Fact]
    public void WriteJson_UnderGermanCulture_WritesInvariantAmountsAndDates()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var (_, text, _) = Inspect(RemitText.Transaction("CLP*PT-5*1*1234.5*0**12~SVC*HC:99213*1234.5*0~DTM*472*20240301~CAS*CO*50*1234.5~", 0));

            Assert.Contains("\"amount\":1234.50,", text, StringComparison.Ordinal);
            Assert.Contains("\"serviceDate\":\"2024-03-01\"", text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void WriteJson_ManyClaims_StreamsValidJson()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"CLP*PT-{i}*1*100*0**12~SVC*HC:99213*100*0~CAS*CO*16*100~LQ*HE*M51~");
        }

        var (json, _, result) = Inspect(RemitText.Transaction(body.ToString(), 0));

        Assert.Equal(3000, json.RootElement.GetProperty("denials").GetArrayLength());
        Assert.Equal("PT-2999", json.RootElement.GetProperty("denials")[2999].GetProperty("patientControlNumber").GetString());
        Assert.Equal(3000, result.Claims);
    }

    [Fact]
    public void WriteJson_NotARemittance_ThrowsX12ParseException()
    {
        using var output = new MemoryStream();

        Assert.Throws<X12ParseException>(() => new RemittanceInspector().WriteJson(RemitText.Stream("name,amount\nsmith,10\n"), output));
    }

    [SharedFact]
    public void Summarize_CorpusFiles_CountsAndMatchesTheJsonInspection()
    {
        var inspector = new RemittanceInspector();
        var files = SharedFolder.CorpusFiles().ToList();

        var summary = inspector.Summarize(files);

        Assert.Equal(files.Count, summary.Files);
        Assert.Equal(files.Sum(f => new FileInfo(f).Length), summary.Bytes);
        Assert.Equal(File.ReadAllLines(Path.Combine(SharedFolder.CorpusDirectory, "expected", "counts.txt")).Sum(l => long.Parse(l.Split(' ')[1][4..], CultureInfo.InvariantCulture)), summary.Claims);
        var jsonDenials = 0L;
        var jsonWarnings = 0L;
        foreach (var file in files)
        {
            using var input = File.OpenRead(file);
            var result = inspector.WriteJson(input, Stream.Null);
            jsonDenials += result.Denials;
            jsonWarnings += result.Warnings;
        }

        Assert.Equal(jsonDenials, summary.Denials);
        Assert.Equal(jsonWarnings, summary.Warnings);
        // 25 files with one interchange, the 156 concatenated copies of profee-multiple and the 3 of WithMultipleInterchanges; 2 files start at ST.
        Assert.Equal(184, summary.Interchanges);
    }

    [Fact]
    public void Summarize_WithFeeSchedule_CountsUnderpaymentsThroughTheFullReader()
    {
        var schedule = FeeSchedule.Load(new StringReader("payer,procedure,modifier,allowed\n*,99213,,100\n"));
        var remit = RemitText.Transaction("CLP*PT-3*1*150*80**12~SVC*HC:99213*150*80~CAS*CO*45*70~", 80);

        var plain = new RemittanceInspector().Summarize(RemitText.Stream(remit));
        var withRates = new RemittanceInspector(assessor: null, feeSchedule: schedule).Summarize(RemitText.Stream(remit));

        Assert.Equal(0, plain.Denials);
        Assert.Equal(1, withRates.Denials);
        Assert.Equal((1L, 1L, 1L), (withRates.Claims, withRates.ServiceLines, withRates.AdjustmentSegments));
    }

    [Fact]
    public void WriteSummaryJson_WritesTheCounts()
    {
        using var output = new MemoryStream();
        var summary = new RemitSummary { Files = 2, Bytes = 1000, Interchanges = 3, Transactions = 4, Claims = 5, ServiceLines = 6, AdjustmentSegments = 7, Denials = 8, Warnings = 9 };

        RemittanceInspector.WriteSummaryJson(summary, output);

        using var json = JsonDocument.Parse(output.ToArray());
        var root = json.RootElement;
        Assert.Equal((2, 1000L, 3L, 4L, 5L), (root.GetProperty("files").GetInt32(), root.GetProperty("bytes").GetInt64(), root.GetProperty("interchanges").GetInt64(), root.GetProperty("transactions").GetInt64(), root.GetProperty("claims").GetInt64()));
        Assert.Equal((6L, 7L, 8L, 9L), (root.GetProperty("serviceLines").GetInt64(), root.GetProperty("adjustmentSegments").GetInt64(), root.GetProperty("denials").GetInt64(), root.GetProperty("warnings").GetInt64()));
    }
}

using System.Text;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Letters;
using AppealStudio.Core.Remittance;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>The claim as billed: SVC06/SVC07 against SVC01/SVC05, the line a service was bundled into, diagnoses.</summary>
public class ClaimFactsTests
{
    private static ClaimPayment Claim(params string[] lines)
    {
        var segments = new List<string>
        {
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260820*1200*^*00501*000000001*0*P*:",
            "GS*HP*SENDER*RECEIVER*20260820*1200*1*X*005010X221A1",
            "ST*835*0001",
            "BPR*I*0.00*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20260820",
            "TRN*1*TR-1*1234567890",
            "N1*PR*ACME HEALTH PLAN",
            "N3*PO BOX 12",
            "N4*SALT LAKE CITY*UT*841301234",
            "N1*PE*RIVERSIDE GROUP*XX*1467593822",
            "LX*1",
            "CLP*PCN1*1*1000.00*100.00**12*ICN1*11*1",
            "NM1*QC*1*DOE*JANE****MI*MEM1",
            "NM1*82*1*REYES*DANA****XX*1234567893",
            "DTM*232*20260814",
        };
        segments.AddRange(lines);
        segments.Add($"SE*{segments.Count - 1}*0001");
        segments.Add("GE*1*1");
        segments.Add("IEA*1*000000001");
        var file = RemittanceFile.Load(new MemoryStream(Encoding.ASCII.GetBytes(string.Join("~", segments) + "~")));
        return Assert.Single(file.Claims);
    }

    [Fact]
    public void ClaimLine_Svc06Present_BilledIsTheSubmittedCode_AndTheLineSaysBilledAndPaidAs()
    {
        var claim = ClaimRecord.From(Claim("SVC*HC:90834*240.00*118.00**1*HC:90837", "DTM*472*20260814", "CAS*CO*150*47.00"));

        var line = Assert.Single(claim.Lines);
        Assert.Equal("90837", line.Billed.Display);
        Assert.Equal("90834", line.Adjudicated.Display);
        Assert.True(line.IsRecoded);
        Assert.Equal("billed 90837, paid as 90834", line.BilledAndPaid);
        Assert.Equal("90837 x 1", claim.ProcedureRow);
        Assert.Equal(["PO Box 12", "Salt Lake City, UT 84130-1234"], claim.RemittancePayerAddress);
    }

    [Fact]
    public void ClaimLine_UnitsReducedOnly_ShowsTheUnitsBilledAndPaid()
    {
        var claim = ClaimRecord.From(Claim("SVC*HC:01402:AA:P3*1400.00*845.00**13**14", "DTM*472*20260814", "CAS*CO*151*65.00"));

        var line = Assert.Single(claim.Lines);
        Assert.Equal(14m, line.Billed.Units);
        Assert.Equal(13m, line.Adjudicated.Units);
        Assert.Equal("billed 01402-AA-P3 x 14, paid as 01402-AA-P3 x 13", line.BilledAndPaid);
    }

    [Fact]
    public void ClaimLine_ModifierChangedByThePayer_BilledKeepsTheSubmittedModifiers()
    {
        var line = BilledClaimLine.From(2, "29880", "LT", 1, "29880", "XS,LT", null, 612.40m, 0m, null, [], null);

        Assert.Equal("29880-XS-LT", line.Billed.Display);
        Assert.Equal("billed 29880-XS-LT, paid as 29880-LT", line.BilledAndPaid);
    }

    [Fact]
    public void BundledInto_NcciPairOnTheClaim_IsTheColumnOneLine_ElseThePaidLineOfTheDay()
    {
        var claim = ClaimRecord.From(Claim(
            "SVC*HC:99213*150.00*90.00**1", "DTM*472*20260814",
            "SVC*HC:29880:RT*2850.00*1420.00**1", "DTM*472*20260814",
            "SVC*HC:29877:59:RT*612.40*0.00**1", "DTM*472*20260814", "CAS*CO*97*612.40"));
        var denied = claim.Lines[2];

        var bundle = LetterBuilder.BundledInto(claim, denied, new DenialRecord { ReasonCode = "97", LineNumber = 3, Scenario = "modifier-59" });

        // ncci-pairs.csv: 29880 is column 1 over 29877, although the E/M was paid too.
        Assert.Equal("29880-RT", bundle!.Billed.Display);
        Assert.Equal(2, bundle.Number);

        var fallback = LetterBuilder.BundledInto(claim with { Lines = [claim.Lines[0], denied] }, denied, new DenialRecord { ReasonCode = "97", LineNumber = 3 });
        Assert.Equal("99213", fallback!.Billed.Display);
        Assert.Null(LetterBuilder.BundledInto(claim, denied, new DenialRecord { ReasonCode = "50", LineNumber = 3 }));
    }

    [Fact]
    public void Diagnoses_FromTheClaimFileWhenItHasThem_ElseTheNote()
    {
        var note = new ChartDocument("n", "Progress note", PatientIdentity.Unknown, null, null, null, "n.txt", "Assessment: lumbar radiculopathy (M54.17), obesity (E66.01).");
        var claim = ClaimRecord.From(Claim("SVC*HC:72148*1450.00*0.00**1", "CAS*CO*50*1450.00"));

        var fromNote = LetterBuilder.Diagnoses(claim, [note]);
        Assert.Equal(["M54.17", "E66.01"], fromNote.Codes);
        Assert.Equal("Progress note", fromNote.Source);
        var fromClaim = LetterBuilder.Diagnoses(claim with { DiagnosisCodes = ["M51.16"] }, [note]);
        Assert.Equal(["M51.16"], fromClaim.Codes);
        Assert.Equal("the claim", fromClaim.Source);
    }
}

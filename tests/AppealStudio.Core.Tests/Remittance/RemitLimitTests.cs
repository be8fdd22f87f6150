using AppealStudio.Bench;
using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;

namespace AppealStudio.Core.Tests.Remittance;

/// <summary>Claims and transactions beyond <see cref="ReadOptions.MaxSegmentsPerClaim"/> are refused, by every reader.</summary>
public class RemitLimitTests
{
    [Theory]
    [InlineData("cas-run", "CAS")]
    [InlineData("lq-run", "LQ")]
    public void ReadClaims_OneClaimBeyondTheLimit_IsRefusedNamingTheClaimAndTheSegment(string shape, string segment)
    {
        var file = Hostile(shape, megabytes: 1);

        var ex = Assert.Throws<X12ParseException>(() => Drain(new RemittanceReader(new MemoryStream(file))));

        Assert.Contains("Claim HOSTILE-1 (CLP at segment 10) has more than 10,000 segments", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"({segment}, byte ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(segment, ex.SegmentId);
        Assert.Equal(10 + ReadOptions.DefaultMaxSegmentsPerClaim, ex.SegmentNumber);
    }

    [Fact]
    public void ReadClaims_ProviderAdjustmentsBeyondTheLimit_AreRefusedNamingTheTransaction()
    {
        var ex = Assert.Throws<X12ParseException>(() => Drain(new RemittanceReader(new MemoryStream(Hostile("plb-run", megabytes: 1)))));

        Assert.Contains("Transaction 0001 has more than 10,000 segments outside its claims", ex.Message, StringComparison.Ordinal);
        Assert.Equal("PLB", ex.SegmentId);
    }

    [Theory]
    [InlineData("cas-run")]
    [InlineData("lq-run")]
    [InlineData("plb-run")]
    public void InspectorSummaryAndJson_RefuseWhatTheImportRefuses_WithTheSameMessage(string shape)
    {
        var file = Hostile(shape, megabytes: 1);
        var path = Path.Combine(Path.GetTempPath(), $"appealstudio-{shape}-{Guid.NewGuid():N}.835");
        File.WriteAllBytes(path, file);
        try
        {
            var reader = Assert.Throws<X12ParseException>(() => Drain(new RemittanceReader(new MemoryStream(file))));
            var summary = Assert.Throws<X12ParseException>(() => new RemittanceInspector().Summarize([path]));
            var json = Assert.Throws<X12ParseException>(() => new RemittanceInspector().WriteJson(new MemoryStream(file), Stream.Null, indented: false));

            Assert.Equal(reader.Message, summary.Message);
            Assert.Equal(reader.Message, json.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadClaims_ClaimsJustUnderTheLimit_AreReadWithTheirSegmentCount()
    {
        var claims = new RemittanceReader(new MemoryStream(Hostile("big-claims", megabytes: 1))).ReadClaims().ToList();

        Assert.InRange(claims.Count, 6, 8);
        Assert.All(claims, c => Assert.Equal(9_982, c.SegmentCount));
        Assert.All(claims, c => Assert.Equal(9_980, c.ServiceLines[0].Adjustments.Count));
    }

    [Fact]
    public void ReadClaims_ALowerConfiguredLimit_IsTheOneApplied()
    {
        var ex = Assert.Throws<X12ParseException>(() => Drain(new RemittanceReader(new MemoryStream(Hostile("cas-run", megabytes: 1)), new ReadOptions { MaxSegmentsPerClaim = 100 })));

        Assert.Contains("more than 100 segments", ex.Message, StringComparison.Ordinal);
        Assert.Equal(110, ex.SegmentNumber);
    }

    [Fact]
    public void ReadClaims_CasWithSixAdjustments_CountsSixTowardTheLimit()
    {
        // CLP (segment 10), SVC, then CAS segments of six adjustments: 2 + 6 x 16 = 98 fits in 100, the 17th CAS does not.
        var ex = Assert.Throws<X12ParseException>(() => Drain(new RemittanceReader(new MemoryStream(Hostile("denial-claims", megabytes: 1)), new ReadOptions { MaxSegmentsPerClaim = 100 })));

        Assert.Equal("CAS", ex.SegmentId);
        Assert.Contains("Claim BIG-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(10 + 1 + 17, ex.SegmentNumber);
    }

    private static byte[] Hostile(string shape, int megabytes)
    {
        using var output = new MemoryStream();
        HostileFiles.Write(shape, output, megabytes);
        return output.ToArray();
    }

    private static void Drain(RemittanceReader reader)
    {
        using (reader)
        {
            foreach (var _ in reader.ReadEvents())
            {
            }
        }
    }
}

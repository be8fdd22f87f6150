using System.Text;
using AppealStudio.Core.Remittance;

namespace AppealStudio.Core.Tests.Remittance;

/// <summary>
/// The corpus lacks the remits with non-printable delimiters and 80-column wrapped lines that SOURCES.md describes (they
/// were left out as real patient data), so these tests build them.
/// </summary>
public class WrappedAndControlDelimiterTests
{
    private static string Wrap(string text, int width, string lineBreak)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i += width)
        {
            sb.Append(text, i, Math.Min(width, text.Length - i)).Append(lineBreak);
        }

        return sb.ToString();
    }

    private const string Body = "CLP*PT-77*1*300*180*20*12*ICN-77~SVC*HC:99214:25*300*180**1~DTM*472*20240105~CAS*CO*45*100~CAS*PR*2*20~LQ*HE*N130~";

    [Theory]
    [InlineData(80, "\r\n")]
    [InlineData(80, "\n")]
    [InlineData(64, "\n")]
    [InlineData(104, "\n")]
    [InlineData(105, "\r\n")]
    public void Load_RemitWrappedAtFixedWidth_ReadsLikeTheUnwrappedOne(int width, string lineBreak)
    {
        var text = RemitText.Transaction(Body, 180);
        var plain = RemitText.Load(text);

        var wrapped = RemitText.Load(Wrap(text, width, lineBreak));

        Assert.Empty(wrapped.Warnings);
        var claim = Assert.Single(wrapped.Claims);
        Assert.Equal(("PT-77", 300m, 180m), (claim.PatientControlNumber, claim.ChargeAmount, claim.PaymentAmount));
        Assert.Equal(["25"], claim.ServiceLines[0].Procedure.Modifiers);
        Assert.Equal(["N130"], claim.ServiceLines[0].RemarkCodes);
        Assert.Equal(plain.Counts.Segments, wrapped.Counts.Segments);
        Assert.Equal(plain.Payments[0].PayerName, wrapped.Payments[0].PayerName);
    }

    [Fact]
    public void Load_NonPrintableDelimiters_AreReadFromTheIsa()
    {
        // GS (0x1D) between elements, US (0x1F) between components, FS (0x1C) after each segment.
        var text = RemitText.Transaction(Body, 180).Replace('*', '\u001D').Replace(':', '\u001F').Replace('~', '\u001C');

        var file = RemitText.Load(Wrap(text, 80, "\n"));

        Assert.Empty(file.Warnings);
        var line = Assert.Single(Assert.Single(file.Claims).ServiceLines);
        Assert.Equal(("99214", "25"), (line.Procedure.Code, line.Procedure.Modifiers.Single()));
        Assert.Equal([("CO", "45", 100m), ("PR", "2", 20m)], line.Adjustments.Select(a => (a.GroupCode, a.ReasonCode, a.Amount)));
        Assert.Equal("ACME HEALTH PLAN", file.Payments[0].PayerName);
    }

    [Fact]
    public void Scan_WrappedRemit_CountsLikeTheFullReader()
    {
        var bytes = Encoding.UTF8.GetBytes(Wrap(RemitText.Transaction(Body + Body.Replace("PT-77", "PT-78", StringComparison.Ordinal), 360), 80, "\r\n"));

        ScannerEquivalenceTests.AssertSame(bytes);
        Assert.Equal(2, new RemittanceScanner().Scan(new MemoryStream(bytes)).Claims);
    }
}

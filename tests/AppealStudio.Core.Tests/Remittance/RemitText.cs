using System.Globalization;
using System.Text;
using AppealStudio.Core.Remittance;

namespace AppealStudio.Core.Tests.Remittance;

/// <summary>Builds small, well-enveloped 835 texts for unit tests (segment counts are computed, not hand-written).</summary>
internal static class RemitText
{
    public const string Isa = "ISA*00*          *00*          *ZZ*PAYERSENDER    *ZZ*CLINICRECV     *240115*0900*^*00501*000000042*0*P*:~";

    public const string Header =
        "BPR*I*{0}*C*ACH*CCP*01*011000015*DA*123456*1999999999**01*021000021*DA*987654*20240115~" +
        "TRN*1*EFT12345*1999999999~" +
        "DTM*405*20240112~" +
        "N1*PR*ACME HEALTH PLAN*XV*ACME1~" +
        "N3*1 MAIN STREET*SUITE 2~" +
        "N4*SPRINGFIELD*IL*62701~" +
        "REF*2U*ACME01~" +
        "PER*BL*EDI DESK*TE*8005551212*EM*EDI@ACME.EXAMPLE~" +
        "N1*PE*VALLEY CLINIC*XX*1234567893~" +
        "REF*TJ*123456789~" +
        "LX*1~";

    /// <summary>One transaction with <paramref name="body"/> (claims and PLBs) after the standard header.</summary>
    public static string Transaction(string body, decimal payment, string control = "0001") =>
        Enveloped(new[] { (control, string.Format(CultureInfo.InvariantCulture, Header, payment) + body) });

    /// <summary>Several transactions in one interchange.</summary>
    public static string Enveloped(IEnumerable<(string Control, string Content)> transactions)
    {
        var sb = new StringBuilder(Isa).Append("GS*HP*PAYERSENDER*CLINICRECV*20240115*0900*42*X*005010X221A1~");
        var count = 0;
        foreach (var (control, content) in transactions)
        {
            var segments = content.Count(c => c == '~') + 2;
            sb.Append(CultureInfo.InvariantCulture, $"ST*835*{control}~").Append(content).Append(CultureInfo.InvariantCulture, $"SE*{segments}*{control}~");
            count++;
        }

        return sb.Append(CultureInfo.InvariantCulture, $"GE*{count}*42~IEA*1*000000042~").ToString();
    }

    public static Stream Stream(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    public static RemittanceFile Load(string text, ReadOptions? options = null) => RemittanceFile.Load(Stream(text), options);

    public static List<RemitEvent> Events(string text, ReadOptions? options = null)
    {
        using var reader = new RemittanceReader(Stream(text), options);
        return reader.ReadEvents().ToList();
    }
}

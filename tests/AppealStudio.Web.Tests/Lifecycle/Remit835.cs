using System.Globalization;
using System.Text;

namespace AppealStudio.Web.Tests.Lifecycle;

/// <summary>One CAS triplet.</summary>
public sealed record Cas(string Group, string Reason, decimal Amount);

/// <summary>A service line of a test claim.</summary>
public sealed record Line(string Code, decimal Charge, decimal Paid, params Cas[] Adjustments)
{
    public string[] Modifiers { get; init; } = [];

    public decimal Units { get; init; } = 1m;

    public decimal? Allowed { get; init; }

    public DateOnly? ServiceDate { get; init; }

    public string[] Remarks { get; init; } = [];
}

/// <summary>A claim of a test remittance; a reversal (status 22) carries negated amounts with the original group codes.</summary>
public sealed record ClaimSpec(string Pcn, string Status, string PayerClaimNumber, params Line[] Lines)
{
    public string[] ClaimRemarks { get; init; } = [];

    public decimal? PatientResponsibility { get; init; }

    public decimal Charge => Lines.Sum(l => l.Charge);

    public decimal Paid => Lines.Sum(l => l.Paid);
}

/// <summary>
/// Writes small, valid 835 files for the lifecycle tests: one payment of one payer with the claims given, dates
/// relative to the test clock, so a test reads as the remittance it describes.
/// </summary>
public sealed class Remit835(string payerName, string payerId, DateOnly paymentDate, string? trace = null)
{
    private readonly List<ClaimSpec> claims = [];

    public string PayerName => payerName;

    public string Trace { get; } = trace ?? "TRN" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    public DateOnly ServiceDate { get; init; } = paymentDate.AddDays(-30);

    public Remit835 Add(ClaimSpec claim)
    {
        claims.Add(claim);
        return this;
    }

    public override string ToString()
    {
        var ic = CultureInfo.InvariantCulture;
        string D(DateOnly d) => d.ToString("yyyyMMdd", ic);
        string M(decimal m) => m.ToString("0.00", ic);
        var body = new List<string>
        {
            "ST*835*0001",
            $"BPR*I*{M(claims.Sum(c => c.Paid))}*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*{D(paymentDate)}",
            $"TRN*1*{Trace}*1234567890",
            $"DTM*405*{D(paymentDate)}",
            $"N1*PR*{payerName}",
            "N3*1 PAYER WAY",
            "N4*SPRINGFIELD*IL*62701",
            $"REF*2U*{payerId}",
            "N1*PE*TEST PRACTICE*XX*1234567893",
            "LX*1",
        };
        foreach (var c in claims)
        {
            var pr = c.PatientResponsibility is { } p ? M(p) : "";
            body.Add($"CLP*{c.Pcn}*{c.Status}*{M(c.Charge)}*{M(c.Paid)}*{pr}*12*{c.PayerClaimNumber}*11*1");
            body.Add("NM1*QC*1*DOE*JANE****MI*W" + c.Pcn);
            body.Add("NM1*82*1*REYES*DANA****XX*1234567893");
            if (c.ClaimRemarks.Length > 0)
            {
                body.Add("MOA***" + string.Join('*', c.ClaimRemarks));
            }

            foreach (var l in c.Lines)
            {
                var code = string.Join(':', new[] { "HC", l.Code }.Concat(l.Modifiers));
                body.Add($"SVC*{code}*{M(l.Charge)}*{M(l.Paid)}**{l.Units.ToString("0.###", ic)}");
                body.Add($"DTM*472*{D(l.ServiceDate ?? ServiceDate)}");
                foreach (var a in l.Adjustments)
                {
                    body.Add($"CAS*{a.Group}*{a.Reason}*{M(a.Amount)}");
                }

                if (l.Allowed is { } allowed)
                {
                    body.Add($"AMT*B6*{M(allowed)}");
                }

                if (l.Remarks.Length > 0)
                {
                    body.AddRange(l.Remarks.Select(r => "LQ*HE*" + r));
                }
            }
        }

        body.Add($"SE*{(body.Count + 1).ToString(ic)}*0001");
        var text = new StringBuilder();
        text.Append("ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260814*1200*^*00501*000000001*0*P*:~\n");
        text.Append("GS*HP*SENDER*RECEIVER*20260814*1200*1*X*005010X221A1~\n");
        foreach (var segment in body)
        {
            text.Append(segment).Append("~\n");
        }

        text.Append("GE*1*1~\nIEA*1*000000001~\n");
        return text.ToString();
    }

    /// <summary>A name no other test uses, so a test's denials are its own.</summary>
    public static string UniquePayer(string prefix = "PLAN") => prefix + " " + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public static string UniquePcn() => "P" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
}

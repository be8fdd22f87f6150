using System.Globalization;
using System.Text;
using AppealStudio.Data;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Practice;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>One denied service line of a test remittance.</summary>
internal sealed record TestClaim(string Pcn, string Carc, string? Rarc = null, string Modifiers = "", string Procedure = "29880");

/// <summary>Builders for the settings tests: payers and imported denials whose names are unique to one test.</summary>
internal static class SettingsTestData
{
    /// <summary>The remittance (payment) date of every test remittance: appeal windows count from it.</summary>
    public static readonly DateOnly RemittanceDate = new(2026, 8, 20);

    /// <summary>The date of service of every test claim: timely filing counts from it.</summary>
    public static readonly DateOnly ServiceDate = new(2026, 8, 14);

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>A small valid 835 from the given payer with one fully denied line per claim.</summary>
    public static string Remit(string payerName, string payerId, string trace, params TestClaim[] claims)
    {
        var segments = new List<string>
        {
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260814*1200*^*00501*000000001*0*P*:",
            "GS*HP*SENDER*RECEIVER*20260814*1200*1*X*005010X221A1",
            "ST*835*0001",
            "BPR*I*0.00*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20260820",
            $"TRN*1*{trace}*1234567890",
            "DTM*405*20260819",
            $"N1*PR*{payerName}",
            "N3*1 PAYER WAY",
            "N4*SPRINGFIELD*IL*62701",
            $"REF*2U*{payerId}",
            "N1*PE*DEMO ORTHOPEDICS*XX*1234567893",
            "LX*1",
        };
        foreach (var c in claims)
        {
            var procedure = "HC:" + c.Procedure + (c.Modifiers.Length == 0 ? "" : ":" + c.Modifiers.Replace(' ', ':'));
            segments.AddRange(
            [
                $"CLP*{c.Pcn}*1*612.40*0.00**12*PCN-{c.Pcn}*11*1",
                "NM1*QC*1*DOE*JANE****MI*W123456789",
                "NM1*82*1*REYES*DANA****XX*1234567893",
                "DTM*232*20260814",
                $"SVC*{procedure}*612.40*0.00**1",
                "DTM*472*20260814",
                $"CAS*CO*{c.Carc}*612.40",
            ]);
            if (c.Rarc is not null)
            {
                segments.Add($"LQ*HE*{c.Rarc}");
            }
        }

        segments.Add($"SE*{(segments.Count - 1).ToString(CultureInfo.InvariantCulture)}*0001");
        segments.Add("GE*1*1");
        segments.Add("IEA*1*000000001");
        return string.Join("~\n", segments) + "~\n";
    }

    /// <summary>Imports the remittance the way the Imports page does, and returns the denials it created by PCN.</summary>
    public static async Task<Dictionary<string, Denial>> ImportAsync(AppFactory factory, string payerName, string payerId, params TestClaim[] claims)
    {
        var text = Remit(payerName, payerId, Unique("TRC"), claims);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<RemittanceImporter>();
            await using var stream = new MemoryStream(Encoding.ASCII.GetBytes(text));
            await importer.ImportAsync("settings-test.835", stream);
        }

        var pcns = claims.Select(c => c.Pcn).ToList();
        return await factory.WithDbAsync(db => db.Denials.AsNoTracking()
            .Where(d => pcns.Contains(d.Claim.PatientControlNumber))
            .Include(d => d.Claim)
            .ToDictionaryAsync(d => d.Claim.PatientControlNumber));
    }

    /// <summary>A payer row written straight to the database (the page's own tests go through the form).</summary>
    public static Task<int> AddPayerAsync(AppFactory factory, string name, string payerId, int? firstLevel, int? timelyFiling) =>
        factory.WithDbAsync(async db =>
        {
            var row = new PayerSetting
            {
                Name = name,
                PayerIdentifier = payerId,
                Type = "Commercial",
                FirstLevelDays = firstLevel,
                TimelyFilingDays = timelyFiling,
                UpdatedAt = DateTimeOffset.UtcNow,
                UpdatedBy = "test",
            };
            db.PayerSettings.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

    public static Task<Denial> DenialAsync(AppFactory factory, long id) =>
        factory.WithDbAsync(db => db.Denials.AsNoTracking().SingleAsync(d => d.Id == id));
}

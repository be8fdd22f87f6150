using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>Builders shared by the letter capability tests: a started letter ready for sign-off, a second physician in the directory.</summary>
internal static class LetterTestSetup
{
    public const string Specialist = "specialist@demo.local";

    /// <summary>A second physician who is not the demo claims' rendering provider (the same one LetterServicesTests uses).</summary>
    public const string OtherPhysicianEmail = "second.physician@demo.local";

    public const string OtherPhysicianPassword = "Second!Pass2026x";

    public const string OtherPhysicianNpi = "1245319599";

    public static readonly LetterStartDetails Details = new("Appeals Department\nPO Box 100\nSpringfield, IL 62701",
        "Example Health Plan reimbursement policy RP-059 (NCCI edits)", new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>A modifier-59 denial with its chart note and a letter started with the best evidence.</summary>
    public static async Task<(long DenialId, long AppealId)> StartedLetterAsync(AppFactory factory)
    {
        var denialId = await AppealTestData.ReadyDenialAsync(factory);
        var result = await ActingAs.RunAsync<StartAppeal, AppealResult>(factory, Specialist,
            w => w.StartAsync(denialId, "ortho-modifier-59", Details, autoEvidence: true));
        Assert.True(result.Succeeded, result.Message);
        return (denialId, result.AppealId);
    }

    /// <summary>Omar Haddad, MD: a physician user linked to his own provider directory entry. Returns his user id.</summary>
    public static async Task<string> OtherPhysicianAsync(AppFactory factory)
    {
        await using var scope = await ActingAs.ScopeAsync(factory, "admin@demo.local");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var id = (await users.FindByEmailAsync(OtherPhysicianEmail))?.Id;
        if (id is null)
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .CreateAsync(OtherPhysicianEmail, "Omar Haddad, MD", OtherPhysicianNpi, [Roles.Physician], OtherPhysicianPassword);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors));
            id = created.UserId!;
        }

        if (!await scope.ServiceProvider.GetRequiredService<AppDbContext>().Providers.AnyAsync(p => p.Npi == OtherPhysicianNpi))
        {
            var entry = await scope.ServiceProvider.GetRequiredService<ProviderDirectoryAdministration>()
                .CreateAsync(new ProviderDraft("Omar Haddad", "MD", OtherPhysicianNpi, "Cardiology", id));
            Assert.True(entry.Succeeded, string.Join(" ", entry.Errors.Select(e => e.Message)));
        }

        return id;
    }

    public static Task<string> UserIdAsync(AppFactory factory, string email) =>
        factory.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>Imports a claim billed 90837 (SVC06) that the payer paid as 90834, reduced CO-150; returns its denial and account number.</summary>
    public static async Task<(long DenialId, string Pcn)> ImportDowncodeAsync(AppFactory factory)
    {
        var key = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var pcn = "DC" + key;
        var lastName = "DOWNCODE" + new string(key.Where(char.IsLetterOrDigit).Select(c => (char)('A' + (c % 26))).Take(6).ToArray());
        var remit = string.Join("~\n",
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260820*1200*^*00501*000000001*0*P*:",
            "GS*HP*SENDER*RECEIVER*20260820*1200*1*X*005010X221A1",
            "ST*835*0001",
            "BPR*I*118.00*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20260820",
            $"TRN*1*TR-{pcn}*1234567890",
            "DTM*405*20260819",
            "N1*PR*EXAMPLE HEALTH PLAN",
            "N3*1 PAYER WAY",
            "N4*SPRINGFIELD*IL*62701",
            "REF*2U*EXH01",
            "N1*PE*DEMO ORTHOPEDICS*XX*1234567893",
            "LX*1",
            $"CLP*{pcn}*1*240.00*118.00**12*PCN-{pcn}*11*1",
            $"NM1*QC*1*{lastName}*GORDON****MI*M{key}",
            "NM1*82*1*REYES*DANA****XX*1234567893",
            "DTM*232*20260814",
            "SVC*HC:90834*240.00*118.00**1*HC:90837",
            "DTM*472*20260814",
            "CAS*CO*45*75.00**150*47.00",
            "AMT*B6*118.00",
            "SE*20*0001",
            "GE*1*1",
            "IEA*1*000000001") + "~\n";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            using var stream = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(remit));
            await scope.ServiceProvider.GetRequiredService<AppealStudio.Data.Remittances.RemittanceImporter>().ImportAsync(pcn + ".835", stream);
        }

        var denialId = await factory.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
        return (denialId, pcn);
    }
}

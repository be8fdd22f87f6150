using System.Text;
using AppealStudio.Cli;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Cli;

/// <summary>
/// One letter builder: the same 835, chart note and directory values give the same letter in the web app (the
/// workspace, with its practice profile, provider directory and specialist) and on the command line (with --set).
/// </summary>
public sealed class SameLetterTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "appealstudio-same-" + Guid.NewGuid().ToString("N"));

    public SameLetterTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task LetterDraft_AndTheWorkspace_BuildTheSameLetterForTheSameInputs(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await AppealTestData.EnsurePracticeAsync(factory);
        var key = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var pcn = "SL" + key;
        var member = "M" + key;
        // A payer every database knows the same way (the shipped Cigna row: 180 days, no receipt presumption).
        var remit = string.Join("~\n",
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260820*1200*^*00501*000000001*0*P*:",
            "GS*HP*SENDER*RECEIVER*20260820*1200*1*X*005010X221A1",
            "ST*835*0001",
            "BPR*I*118.00*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20260820",
            $"TRN*1*TR-{pcn}*1234567890",
            "N1*PR*CIGNA",
            "N3*PO BOX 188011",
            "N4*CHATTANOOGA*TN*374228011",
            "REF*2U*62308",
            "N1*PE*RIVERSIDE MULTISPECIALTY GROUP*XX*1467593822",
            "LX*1",
            $"CLP*{pcn}*1*240.00*118.00**12*CG-{pcn}*11*1",
            $"NM1*QC*1*SAMELETTER*NORA****MI*{member}",
            "NM1*82*1*REYES*DANA****XX*1234567893",
            "DTM*232*20260814",
            "SVC*HC:90834*240.00*118.00**1*HC:90837",
            "DTM*472*20260814",
            "CAS*CO*45*75.00**150*47.00",
            "SE*18*0001", "GE*1*1", "IEA*1*000000001") + "~\n";
        var note = "PSYCHOTHERAPY PROGRESS NOTE\n"
            + $"Patient: Nora Sameletter    DOB: 02/17/1990\nMember ID: {member}\nDate of service: 08/14/2026\nClinician: Dana Reyes, MD\n"
            + "Diagnoses: F41.0 Panic disorder\n\n"
            + "Session start: 2:02 PM\nSession end: 3:00 PM\nTotal psychotherapy time: 58 minutes face-to-face with the patient.\n\n"
            + "Interventions: Cognitive behavioral therapy with cognitive restructuring and a suicide risk assessment; the safety plan was updated.\n";
        var remitFile = Path.Combine(dir, pcn + ".835");
        var noteFile = Path.Combine(dir, "note-" + key + ".txt");
        await File.WriteAllTextAsync(remitFile, remit, Encoding.ASCII);
        await File.WriteAllTextAsync(noteFile, note);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RemittanceImporter>().ImportAsync(pcn + ".835", new MemoryStream(Encoding.ASCII.GetBytes(remit)));
            var stored = await scope.ServiceProvider.GetRequiredService<ChartStore>().ImportAsync(Path.GetFileName(noteFile), new MemoryStream(Encoding.UTF8.GetBytes(note)));
            Assert.True(stored.Succeeded, stored.Error);
        }

        // The web app: the workspace starts the letter; the letter as shown has its merge fields resolved.
        var denialId = await factory.WithDbAsync(d => d.Denials.Where(x => x.Claim.PatientControlNumber == pcn && x.ReasonCode == "150").Select(x => x.Id).SingleAsync());
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        const string Policy = "Cigna reimbursement policy R27 (psychotherapy)";
        var appealId = await AppealTestData.StartLetterAsync(client, factory, denialId, "mental-health-session-length", policyReference: Policy,
            extra: new Dictionary<string, string> { ["Start.PayerAddress"] = "" });
        string web;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var appeal = await AppealTestData.AppealAsync(factory, appealId);
            web = (await scope.ServiceProvider.GetRequiredService<LetterStates>().StateAsync(appeal)).Resolved;
        }

        // The command line, given the same directory values.
        var profile = await factory.WithDbAsync(d => d.PracticeProfiles.AsNoTracking().OrderBy(p => p.Id).FirstAsync());
        var specialist = await factory.WithDbAsync(d => d.Users.AsNoTracking().SingleAsync(u => u.Email == "specialist@demo.local"));
        var practice = AppealLetters.ToPractice(profile);
        var set = new List<string>
        {
            "--set", "practice.name=" + practice.Name,
            "--set", "practice.address=" + string.Join('|', practice.AddressLines),
            "--set", "payer.policyReference=" + Policy,
            "--set", "contact.name=" + specialist.DisplayName,
        };
        void Set(string path, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                set.AddRange(["--set", $"{path}={value}"]);
            }
        }

        Set("practice.phone", practice.Phone);
        Set("practice.fax", practice.Fax);
        Set("practice.npi", practice.Npi);
        Set("practice.taxId", practice.TaxId);
        Set("contact.title", specialist.Title);
        Set("contact.phone", specialist.Phone);
        Set("contact.email", specialist.Email);
        var output = Path.Combine(dir, "cli.md");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["letter", "draft", "--remit", remitFile, "--claim", pcn, "--chart", noteFile, "--out", output,
            "--templates", AppealTestData.TemplatesDirectory, .. set], new StringReader(""), stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        var cli = await File.ReadAllTextAsync(output);
        Assert.Contains("billed 90837, paid as 90834", web, StringComparison.Ordinal);
        Assert.Equal(web, cli);
    }
}

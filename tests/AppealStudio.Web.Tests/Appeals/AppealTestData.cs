using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AppealStudio.Core.Letters;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Practice;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>
/// Builders for the appeal workspace tests: a real denial imported from a small 835 (so it is classified as the
/// app would), a linked chart note inserted directly, the practice letterhead, and form posts as a browser without
/// JavaScript would send them (the sign-in and other static forms).
/// </summary>
internal static class AppealTestData
{
    public static readonly DateOnly ServiceDate = new(2026, 8, 14);

    /// <summary>From the ortho fixture: the passage proves a distinct site (the other knee) and a separate approach.</summary>
    public const string OperativeReport =
        "Operative report\n\n" +
        "Procedures: right knee arthroscopy with partial medial meniscectomy (29881-RT); left knee arthroscopy with chondroplasty (29877-59-LT).\n\n" +
        "Diagnoses: medial meniscus tear, right knee (M23.221); chondromalacia, left knee (M94.262).\n\n" +
        "The right leg was prepped and draped in the usual sterile fashion. Standard anterolateral and anteromedial portals were established. " +
        "A partial medial meniscectomy was performed with biters and a shaver back to a stable rim. The right portals were closed with nylon sutures.\n\n" +
        "Attention was then turned to the contralateral left knee, which was separately prepped and draped with new sterile instruments. " +
        "Through separate anterolateral and anteromedial portals on the left knee, the lateral compartment was entered and an unstable grade III " +
        "chondral flap of the lateral femoral condyle measuring 12 x 15 mm was debrided to a stable margin with a shaver (chondroplasty). " +
        "No meniscal procedure was performed on the left knee. The left portals were closed and a separate sterile dressing was applied.\n";

    /// <summary>An 835 with one claim whose 29880-XS-LT line was denied CO-97 (a modifier 59 bundling denial).</summary>
    private static string Remit(string pcn, string memberId, string lastName, string carc) =>
        string.Join("~\n",
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260814*1200*^*00501*000000001*0*P*:",
            "GS*HP*SENDER*RECEIVER*20260814*1200*1*X*005010X221A1",
            "ST*835*0001",
            "BPR*I*0.00*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20260820",
            $"TRN*1*TR-{pcn}*1234567890",
            "DTM*405*20260819",
            "N1*PR*EXAMPLE HEALTH PLAN",
            "N3*1 PAYER WAY",
            "N4*SPRINGFIELD*IL*62701",
            "REF*2U*EXH01",
            "N1*PE*DEMO ORTHOPEDICS*XX*1234567893",
            "LX*1",
            $"CLP*{pcn}*1*612.40*0.00**12*PCN-{pcn}*11*1",
            $"NM1*QC*1*{lastName}*GORDON****MI*{memberId}",
            "NM1*82*1*REYES*DANA****XX*1234567893",
            "DTM*232*20260814",
            "SVC*HC:29880:XS:LT*612.40*0.00**1",
            "DTM*472*20260814",
            $"CAS*CO*{carc}*612.40",
            "LQ*HE*N19",
            "SE*19*0001",
            "GE*1*1",
            "IEA*1*000000001") + "~\n";

    /// <summary>Imports a fresh modifier-59 denial (unique claim and member) and returns its id.</summary>
    public static async Task<long> ImportDenialAsync(AppFactory factory, string carc = "97")
    {
        var key = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var pcn = "AP" + key;
        // Each test's patient has a name of their own: the linker also matches notes by name, and notes of another
        // test's patient must not show up as this claim's evidence.
        var lastName = "WHITFIELD" + new string(key.Where(char.IsLetterOrDigit).Select(c => (char)('A' + (c % 26))).Take(6).ToArray());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<RemittanceImporter>();
            using var stream = new MemoryStream(Encoding.ASCII.GetBytes(Remit(pcn, "M" + key, lastName, carc)));
            await importer.ImportAsync(pcn + ".835", stream);
        }

        return await factory.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
    }

    /// <summary>A chart note for the denial's patient on its date of service (so the linker ties it to the claim).</summary>
    public static async Task<long> AddChartAsync(AppFactory factory, long denialId, string text = OperativeReport, string title = "Operative report")
    {
        return await factory.WithDbAsync(async db =>
        {
            var claim = await db.Denials.Where(d => d.Id == denialId).Select(d => d.Claim).SingleAsync();
            var document = new ChartDocument
            {
                Title = title,
                DocumentType = title,
                Author = "Elena Marquez, MD",
                PatientMemberId = claim.PatientMemberId,
                PatientLastName = claim.PatientLastName,
                PatientFirstName = "Gordon",
                PatientBirthDate = new DateOnly(1961, 5, 22),
                EncounterDate = ServiceDate,
                SourceFileName = "op-note.txt",
                SourceFormat = "text",
                Text = text,
                ImportedAt = DateTimeOffset.UtcNow,
                ImportedBy = "test",
            };
            db.ChartDocuments.Add(document);
            await db.SaveChangesAsync();
            return document.Id;
        });
    }

    /// <summary>The letterhead every letter needs (practice.name is a placeholder of every template).</summary>
    public static async Task EnsurePracticeAsync(AppFactory factory)
    {
        await factory.WithDbAsync(async db =>
        {
            if (!await db.PracticeProfiles.AnyAsync())
            {
                db.PracticeProfiles.Add(new PracticeProfile
                {
                    Name = "Riverside Orthopedics",
                    AddressLine1 = "200 River Road",
                    City = "Springfield",
                    State = "IL",
                    PostalCode = "62701",
                    Phone = "(555) 010-2000",
                    Npi = "1234567893",
                });
                await db.SaveChangesAsync();
            }

            return 0;
        });
    }

    public static string WorkspaceUrl(long denialId) => $"/denials/{denialId}/appeal";

    /// <summary>The repository's templates/ folder (what the app loads in tests).</summary>
    public static string TemplatesDirectory
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "AppealStudio.sln")))
                {
                    return Path.Combine(d.FullName, "templates");
                }
            }

            throw new InvalidOperationException("Repository root not found.");
        }
    }

    /// <summary>A denial with a linked operative note and the practice letterhead: ready for a clean ortho letter.</summary>
    public static async Task<long> ReadyDenialAsync(AppFactory factory)
    {
        await EnsurePracticeAsync(factory);
        var denialId = await ImportDenialAsync(factory);
        await AddChartAsync(factory, denialId);
        return denialId;
    }

    /// <summary>
    /// Starts the letter as the workspace's start panel does (<see cref="StartAppeal.StartAsync(long, string, LetterStartDetails, bool, CancellationToken)"/>
    /// acting as the client's user) and returns the appeal id. <paramref name="extra"/> keeps the start form's field
    /// names: Start.PayerAddress, Start.PolicyReference, Start.Level and Start.Details[key].
    /// </summary>
    public static async Task<long> StartLetterAsync(BrowserlessClient client, AppFactory factory, long denialId, string templateId = "ortho-modifier-59",
        bool autoEvidence = true, string? policyReference = "Example Health Plan reimbursement policy RP-059 (NCCI edits)",
        IDictionary<string, string>? extra = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Start.PayerAddress"] = "Appeals Department\nPO Box 100\nSpringfield, IL 62701",
            ["Start.PolicyReference"] = policyReference ?? "",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            values[k] = v;
        }

        var details = values.Where(kv => kv.Key.StartsWith("Start.Details[", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key["Start.Details[".Length..^1], kv => kv.Value, StringComparer.Ordinal);
        var start = new LetterStartDetails(NullIfEmpty(values["Start.PayerAddress"]), NullIfEmpty(values["Start.PolicyReference"]), details,
            values.TryGetValue("Start.Level", out var level) ? NullIfEmpty(level) : null);
        var result = await ActingAs.RunAsync<StartAppeal, AppealResult>(factory, client.Email ?? "specialist@demo.local",
            w => w.StartAsync(denialId, templateId, start, autoEvidence));
        Assert.True(result.Succeeded, $"Start gave {result.Outcome}: {result.Message}");
        return result.AppealId;

        static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Signs the letter as the sign-off feature would: status, signer, time and the hash of exactly the signed text.</summary>
    public static async Task SignAsync(AppFactory factory, long appealId)
    {
        await factory.WithDbAsync(async db =>
        {
            var appeal = await db.Appeals.Include(a => a.Denial).SingleAsync(a => a.Id == appealId);
            var physician = await db.Users.SingleAsync(u => u.Email == "physician@demo.local");
            appeal.Status = AppealStatus.Signed;
            appeal.DraftAtSignOffRequest ??= appeal.Markdown;
            appeal.SignedMarkdown = appeal.Markdown;
            appeal.SignatureSha256 = SignatureHash.Sha256(appeal.Markdown);
            appeal.SignedByUserId = physician.Id;
            appeal.SignedByName = physician.DisplayName;
            appeal.SignedAt = DateTimeOffset.UtcNow;
            appeal.Attestation = "I attest that the clinical statements in this letter are supported by the medical record.";
            appeal.Version++;
            appeal.Denial.Status = AppealStudio.Data.Denials.DenialStatus.Ready;
            await db.SaveChangesAsync();
            return 0;
        });
    }

    public static Task<Appeal> AppealAsync(AppFactory factory, long appealId) =>
        factory.WithDbAsync(db => db.Appeals.AsNoTracking().Include(a => a.Denial).Include(a => a.Excerpts).SingleAsync(a => a.Id == appealId));

    public static Task<List<LetterRevision>> RevisionsAsync(AppFactory factory, long appealId) =>
        factory.WithDbAsync(db => db.LetterRevisions.AsNoTracking().Where(r => r.AppealId == appealId).OrderBy(r => r.Number).ToListAsync());

    public static Task<int> AuditCountAsync(AppFactory factory, string action, long appealId) =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action && e.EntityId == appealId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static string Location(HttpResponseMessage response) => response.Headers.Location!.OriginalString;
}

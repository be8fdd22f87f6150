using System.Net;
using System.Text;
using AppealStudio.Data;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Imports;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Charts;

public class ChartTests
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    internal static string TextNote(string member, string name, string date, string body = "Assessment: stable.") =>
        $"PROGRESS NOTE\nPatient: {name}    DOB: 03/14/1968\nMember ID: {member}\nDate of service: {date}\nProvider: Dana Reyes, MD\n\n{body}\n";

    internal static string MarkdownNote(string member, string name, string isoDate) =>
        $"---\ntitle: Operative report\npatient: {name}\nmemberId: {member}\ndateOfService: {isoDate}\nauthor: Dana Reyes, MD\n---\n# Operative report\n\nThe contralateral left knee was separately prepped and draped.\n";

    internal static string FhirNote(string member, string family, string given, string isoDate)
    {
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes("Session start: 2:05 PM\nSession end: 3:02 PM\nTotal psychotherapy time: 57 minutes."));
        return $$"""
            {
              "resourceType": "DocumentReference",
              "id": "note-{{member}}",
              "status": "current",
              "type": { "text": "Psychotherapy progress note" },
              "subject": { "display": "{{given}} {{family}}", "identifier": { "type": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MB" } ] }, "value": "{{member}}" } },
              "date": "{{isoDate}}T15:20:00-04:00",
              "author": [ { "display": "Dana Reyes, MD" } ],
              "description": "Psychotherapy progress note",
              "content": [ { "attachment": { "contentType": "text/plain", "data": "{{text}}" } } ]
            }
            """;
    }

    private static Task<int> CountAsync(AppFactory factory) => factory.WithDbAsync(d => d.ChartDocuments.CountAsync());

    /// <summary>Uploads files through the Charts page's service, as the user, each as the circuit delivers it.</summary>
    private static async Task<List<ChartFileResult>> UploadAsync(AppFactory factory, string email, params (string Name, byte[] Content)[] files)
    {
        var results = new List<ChartFileResult>();
        foreach (var (name, content) in files)
        {
            // A scope per file, as the page runs one operation per file.
            await using var scope = await factory.ScopeAsAsync(email);
            await using var upload = new ImportTests.BrowserStream(content);
            results.Add(await scope.Get<ChartDocuments>().ImportAsync(name, upload));
        }

        return results;
    }

    private static async Task<ChartListPage> ListAsync(AppFactory factory, string? search, string email = "specialist@demo.local", int page = 0, int size = 25)
    {
        await using var scope = await factory.ScopeAsAsync(email);
        return await scope.Get<ChartDocuments>().ListAsync(search, page, size);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Upload_TextMarkdownAndFhir_StoresEachDocument_AndTheListFindsItsPatient(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var tag = Tag();

        var results = await UploadAsync(factory, "specialist@demo.local",
            ("visit.txt", Encoding.UTF8.GetBytes(TextNote("T" + tag, "Quill" + tag + ", Ada", "08/14/2026"))),
            ("op-note.md", Encoding.UTF8.GetBytes(MarkdownNote("M" + tag, "Marlow" + tag + ", Ben", "2026-08-15"))),
            ("therapy.json", Encoding.UTF8.GetBytes(FhirNote("F" + tag, "Fenn" + tag, "Cleo", "2026-08-16"))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal([1, 1, 1], results.Select(r => r.Saved.Count));
        var stored = await factory.WithDbAsync(d => d.ChartDocuments.AsNoTracking()
            .Where(x => x.PatientMemberId == "T" + tag || x.PatientMemberId == "M" + tag || x.PatientMemberId == "F" + tag)
            .OrderBy(x => x.PatientMemberId).ToListAsync());
        Assert.Equal([("F" + tag, "fhir", "Fenn" + tag, "Cleo", new DateOnly(2026, 8, 16)), ("M" + tag, "markdown", "Marlow" + tag, "Ben", new DateOnly(2026, 8, 15)),
                ("T" + tag, "text", "Quill" + tag, "Ada", new DateOnly(2026, 8, 14))],
            stored.Select(x => (x.PatientMemberId!, x.SourceFormat, x.PatientLastName!, x.PatientFirstName!, x.EncounterDate!.Value)));
        Assert.All(stored, x => Assert.Equal("specialist@demo.local", x.ImportedBy));

        // Search by part of a family name, case aside, and by the start of a member id.
        var byName = await ListAsync(factory, "marlow" + tag.ToLowerInvariant());
        var row = Assert.Single(byName.Rows);
        Assert.Equal(($"Marlow{tag}, Ben", "M" + tag, 1), (row.Patient, row.PatientMemberId, byName.Total));
        var byMember = await ListAsync(factory, "t" + tag.ToLowerInvariant());
        Assert.Equal("T" + tag, Assert.Single(byMember.Rows).PatientMemberId);
        Assert.Empty((await ListAsync(factory, "nobody" + tag)).Rows);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task List_PagesInTheDatabase_InAStableOrder(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var tag = Tag();
        for (var day = 1; day <= 5; day++)
        {
            await UploadAsync(factory, "manager@demo.local", ($"p{day}.txt", Encoding.UTF8.GetBytes(TextNote("P" + tag, "Pager" + tag + ", Pia", $"09/0{day}/2026"))));
        }

        var first = await ListAsync(factory, "P" + tag, "manager@demo.local", 0, 2);
        var second = await ListAsync(factory, "P" + tag, "manager@demo.local", 1, 2);
        var third = await ListAsync(factory, "P" + tag, "manager@demo.local", 2, 2);

        Assert.Equal(5, first.Total);
        // Same patient: newest encounter first, and no document on two pages.
        var dates = first.Rows.Concat(second.Rows).Concat(third.Rows).Select(r => r.EncounterDate!.Value.Day).ToList();
        Assert.Equal([5, 4, 3, 2, 1], dates);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "scan.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "The file scan.png is an image" },
        { "note.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n"), "The file note.pdf is a PDF" },
        { "empty.txt", [], "The file empty.txt is empty." },
        { "blank.md", Encoding.UTF8.GetBytes("   \n\n  "), "The file blank.md contains no text." },
        { "broken.json", Encoding.UTF8.GetBytes("{ \"resourceType\": \"DocumentReference\", "), "The file broken.json is not valid JSON" },
        { "patient.json", Encoding.UTF8.GetBytes("{ \"resourceType\": \"Patient\", \"id\": \"p1\" }"), "holds a FHIR Patient; import a DocumentReference" },
        { "old.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "legacy Office document (.doc); save it as .docx" },
        { "fake.docx", Encoding.UTF8.GetBytes("just text"), "The file fake.docx is named .docx but is not a Word document." },
        { "era.835", Encoding.ASCII.GetBytes("ISA*00*          *00*          *ZZ*A*ZZ*B*260101*1200*^*00501*1*0*P*:~GS*HP~ST*835*0001~"), "an X12 835 remittance; import it on the Remittances page" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Upload_BadFile_SaysWhatIsWrongAndSavesNothing(string name, byte[] content, string expected)
    {
        var factory = AppFactory.For(TestDatabase.Sqlite);
        var before = await CountAsync(factory);

        var result = Assert.Single(await UploadAsync(factory, "specialist@demo.local", (name, content)));

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Saved);
        Assert.Equal(before, await CountAsync(factory));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Upload_GoodAndBadTogether_KeepsTheGoodOne_AndTheSameFileAgainAddsNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var tag = Tag();
        var good = Encoding.UTF8.GetBytes(TextNote("G" + tag, "Good, Gina", "09/01/2026"));
        var before = await CountAsync(factory);

        var results = await UploadAsync(factory, "manager@demo.local", ("bad.json", Encoding.UTF8.GetBytes("[1,")), ("good.txt", good));

        Assert.Equal([false, true], results.Select(r => r.Succeeded));
        Assert.Equal(before + 1, await CountAsync(factory));

        var again = Assert.Single(await UploadAsync(factory, "manager@demo.local", ("good.txt", good)));

        Assert.Equal((true, 0, 1), (again.Succeeded, again.Saved.Count, again.AlreadyStored));
        Assert.Equal(before + 1, await CountAsync(factory));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Upload_ConnectionDropsMidUpload_SavesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var content = Encoding.UTF8.GetBytes(TextNote("D" + Tag(), "Dropped, Dora", "09/01/2026", new string('x', 4000)));
        var before = await CountAsync(factory);
        await using var scope = await factory.ScopeAsAsync("specialist@demo.local");
        await using var upload = new ImportTests.BrowserStream(content, failAfter: content.Length / 2);
        long received = 0;

        await Assert.ThrowsAsync<IOException>(() => scope.Get<ChartDocuments>().ImportAsync("dropped.txt", upload, new Progress(n => received = n)));

        Assert.InRange(received, 1, content.Length - 1);
        Assert.Equal(before, await CountAsync(factory));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Charts_AsPhysicianOrWithoutRole_AreRefusedAndSaveNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var before = await CountAsync(factory);
        var note = Encoding.UTF8.GetBytes(TextNote("P" + Tag(), "Doe, Jo", "09/01/2026"));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => UploadAsync(factory, "physician@demo.local", ("n.txt", note)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => ListAsync(factory, null, "physician@demo.local"));
        await using (var scope = await factory.ScopeAsAsync("physician@demo.local"))
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.Get<ChartDocuments>().DocumentAsync(1));
        }

        await using (var scope = factory.ScopeWithoutRole())
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.Get<ChartDocuments>().ListAsync(null, 0, 10));
        }

        Assert.Equal(before, await CountAsync(factory));
    }

    /// <summary>A claim of the given member on the given date of service, inserted directly; returns its id.</summary>
    internal static async Task<long> CreateClaimAsync(AppFactory factory, string memberId, string last, string first, DateOnly serviceDate, bool withDenial = true)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tag = Tag();
        var import = new RemittanceImport { FileName = "link-test.835", FileSha256 = tag, ImportedAt = DateTimeOffset.UtcNow, ImportedBy = "test", Status = ImportStatus.Completed };
        db.RemittanceImports.Add(import);
        await db.SaveChangesAsync();
        var claim = new Claim
        {
            Payment = new Payment { ImportId = import.Id, PayerName = "EXAMPLE HEALTH PLAN", TraceNumber = "L-" + tag },
            ImportId = import.Id,
            PatientControlNumber = "LNK-" + tag,
            StatusCode = "1",
            PatientLastName = last,
            PatientFirstName = first,
            PatientMemberId = memberId,
            StatementFrom = serviceDate,
        };
        db.Claims.Add(claim);
        if (withDenial)
        {
            db.Denials.Add(new Data.Denials.Denial
            {
                Claim = claim, PayerName = "EXAMPLE HEALTH PLAN", ProcedureCode = "29880", Severity = "hard", Action = "appeal", Category = "technical",
                RootCause = "documentation", Owner = "coder", RuleId = "test", Explanation = "test", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
        }

        await db.SaveChangesAsync();
        return claim.Id;
    }

    private static async Task<long> StoreAsync(AppFactory factory, string fileName, string text)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChartStore>().ImportAsync(fileName, new MemoryStream(Encoding.UTF8.GetBytes(text)));
        Assert.True(result.Succeeded, result.Error);
        return Assert.Single(result.Saved).Id;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task LinkedToClaim_MatchesByMemberIdOrNameWithinTheDateWindow_NearestFirst(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var tag = Tag();
        var member = "W" + tag;
        var last = "Linkova" + tag;
        var claimId = await CreateClaimAsync(factory, member, last.ToUpperInvariant(), "JANA", new DateOnly(2026, 8, 14));

        var twoDaysLater = await StoreAsync(factory, "a.txt", TextNote(member, "Someone Else", "08/16/2026"));
        var fiveDaysLater = await StoreAsync(factory, "b.txt", TextNote(member, $"{last}, Jana", "08/19/2026"));
        var otherPatient = await StoreAsync(factory, "c.txt", TextNote("X" + tag, "Other, Olga", "08/14/2026"));
        var byName = await StoreAsync(factory, "d.txt", $"CLINIC NOTE\nPatient: Jana Q. {last}\nDate of service: 08/13/2026\n\nFollow-up.\n");

        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ChartStore>();
        var linked = await store.LinksForClaimAsync(claimId);

        // A name-only match is a suggestion, never attached silently; it links once a person confirms it.
        Assert.Equal([twoDaysLater], linked.Select(l => l.Document.Id));
        Assert.Equal(Core.Charts.IdentityMatch.MemberId, linked[0].Link.Identity);
        var suggestion = Assert.Single(await store.SuggestionsForClaimAsync(claimId));
        Assert.Equal(byName, suggestion.Document.Id);
        Assert.Contains("the note has no member ID, account number or date of birth the linker could read", suggestion.Link.Reason, StringComparison.Ordinal);
        Assert.True(await store.ConfirmLinkAsync(byName, claimId, confirmed: true));
        Assert.False(await store.ConfirmLinkAsync(twoDaysLater, claimId, confirmed: true));
        linked = await store.LinksForClaimAsync(claimId);
        Assert.Equal([byName, twoDaysLater], linked.Select(l => l.Document.Id));
        Assert.True(linked[0].Link.Confirmed);
        Assert.Contains("confirmed", linked[0].Link.Reason, StringComparison.Ordinal);
        Assert.Empty(await store.SuggestionsForClaimAsync(claimId));
        Assert.Equal([byName, twoDaysLater], (await store.LinkedToClaimAsync(claimId)).Select(d => d.Id));
        Assert.DoesNotContain(otherPatient, linked.Select(l => l.Document.Id));
        Assert.Empty(await store.LinkedToClaimAsync(987654321));
        Assert.Equal(1, await factory.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.Action == "chart.link-confirmed" && e.EntityId == byName.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        // A wider configured window reaches the note five days out.
        var wide = new ChartStore(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<AuditLog>(),
            scope.ServiceProvider.GetRequiredService<ICurrentActor>(), TimeProvider.System,
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Charts:LinkWindowDays"] = "5" }).Build(),
            scope.ServiceProvider.GetRequiredService<ImportSlots>());
        Assert.Equal([byName, twoDaysLater, fiveDaysLater], (await wide.LinkedToClaimAsync(claimId)).Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Document_HasTextAndLinkedClaims_AndEachOpeningIsAuditedWithoutPatientData(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var tag = Tag();
        var claimId = await CreateClaimAsync(factory, "V" + tag, "VIEWER" + tag, "VERA", new DateOnly(2026, 7, 1));
        var id = await StoreAsync(factory, "view.txt", TextNote("V" + tag, $"Viewer{tag}, Vera", "07/02/2026", "Assessment: knee effusion, plan arthroscopy."));
        var (pcn, denialId) = await factory.WithDbAsync(async d => (await d.Claims.Where(c => c.Id == claimId).Select(c => c.PatientControlNumber).SingleAsync(),
            await d.Denials.Where(x => x.ClaimId == claimId).Select(x => x.Id).SingleAsync()));
        await using var scope = await factory.ScopeAsAsync("specialist@demo.local");
        var charts = scope.Get<ChartDocuments>();

        var view = await charts.DocumentAsync(id);

        Assert.NotNull(view);
        Assert.Contains("knee effusion, plan arthroscopy", view.Document.Text, StringComparison.Ordinal);
        Assert.Equal($"Viewer{tag}, Vera", view.Patient);
        var link = Assert.Single(view.Links);
        Assert.Equal(pcn, link.PatientControlNumber);
        Assert.Equal([denialId], link.DenialIds);
        Assert.Contains("Member ID V" + tag + " matches", link.Link.Reason, StringComparison.Ordinal);
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "chart.view" && e.EntityId == idText));
        Assert.Null(audit.Details);

        // The list shows the same link; an unknown document is simply not there, and opening nothing audits nothing.
        var listed = Assert.Single((await charts.ListAsync("V" + tag, 0, 25)).Rows);
        Assert.Equal(pcn, Assert.Single(listed.Links).PatientControlNumber);
        Assert.Null(await charts.DocumentAsync(987654321));
        Assert.False(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "chart.view" && e.EntityId == "987654321")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ChartPages_AsPhysician_AreDeniedByTheirPolicy(TestDatabase db)
    {
        using var physician = await BrowserlessClient.SignedInAsync(AppFactory.For(db), "physician@demo.local");

        foreach (var url in new[] { "/charts", "/charts/1" })
        {
            var refused = await physician.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/access-denied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}

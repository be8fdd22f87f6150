using System.Net;
using System.Text;
using AppealStudio.Data;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Remittances;
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

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Upload_TextMarkdownAndFhir_StoresEachDocumentAndListsItUnderItsPatient(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var tag = Tag();
        var page = await client.GetDocumentAsync("/charts");

        var response = await client.UploadAsync(page, "[data-testid=chart-upload-form]",
            ("visit.txt", Encoding.UTF8.GetBytes(TextNote("T" + tag, "Quill" + tag + ", Ada", "08/14/2026"))),
            ("op-note.md", Encoding.UTF8.GetBytes(MarkdownNote("M" + tag, "Marlow" + tag + ", Ben", "2026-08-15"))),
            ("therapy.json", Encoding.UTF8.GetBytes(FhirNote("F" + tag, "Fenn" + tag, "Cleo", "2026-08-16"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await BrowserlessClient.ParseAsync(response);
        var imported = result.QuerySelectorAll("[data-testid=chart-imported]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["visit.txt: 1 document imported.", "op-note.md: 1 document imported.", "therapy.json: 1 document imported."], imported);
        var stored = await factory.WithDbAsync(d => d.ChartDocuments.AsNoTracking()
            .Where(x => x.PatientMemberId == "T" + tag || x.PatientMemberId == "M" + tag || x.PatientMemberId == "F" + tag)
            .OrderBy(x => x.PatientMemberId).ToListAsync());
        Assert.Equal([("F" + tag, "fhir", "Fenn" + tag, "Cleo", new DateOnly(2026, 8, 16)), ("M" + tag, "markdown", "Marlow" + tag, "Ben", new DateOnly(2026, 8, 15)),
                ("T" + tag, "text", "Quill" + tag, "Ada", new DateOnly(2026, 8, 14))],
            stored.Select(x => (x.PatientMemberId!, x.SourceFormat, x.PatientLastName!, x.PatientFirstName!, x.EncounterDate!.Value)));
        Assert.All(stored, x => Assert.Equal("specialist@demo.local", x.ImportedBy));

        var search = await client.GetDocumentAsync("/charts?q=" + Uri.EscapeDataString("marlow" + tag.ToLowerInvariant()));
        var groups = search.QuerySelectorAll("[data-testid=chart-patient]").Select(e => e.TextContent).ToList();
        Assert.Contains($"Marlow{tag}, Ben", Assert.Single(groups), StringComparison.Ordinal);
        var byMember = await client.GetDocumentAsync("/charts?q=" + "t" + tag.ToLowerInvariant());
        Assert.Contains("member ID T" + tag, Assert.Single(byMember.QuerySelectorAll("[data-testid=chart-patient]")).TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "scan.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "scan.png was not imported: The file scan.png is an image" },
        { "note.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n"), "note.pdf was not imported: The file note.pdf is a PDF" },
        { "empty.txt", [], "empty.txt was not imported: The file empty.txt is empty." },
        { "blank.md", Encoding.UTF8.GetBytes("   \n\n  "), "blank.md was not imported: The file blank.md contains no text." },
        { "broken.json", Encoding.UTF8.GetBytes("{ \"resourceType\": \"DocumentReference\", "), "broken.json was not imported: The file broken.json is not valid JSON" },
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
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var page = await client.GetDocumentAsync("/charts");
        var before = await CountAsync(factory);

        var response = await client.UploadAsync(page, "[data-testid=chart-upload-form]", (name, content));

        var result = await BrowserlessClient.ParseAsync(response);
        var failed = Assert.Single(result.QuerySelectorAll("[data-testid=chart-failed]")).TextContent;
        Assert.Contains(expected, failed, StringComparison.Ordinal);
        Assert.Empty(result.QuerySelectorAll("[data-testid=chart-imported]"));
        Assert.Equal(before, await CountAsync(factory));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Upload_GoodAndBadTogether_KeepsTheGoodOne_AndTheSameFileAgainAddsNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        var tag = Tag();
        var good = Encoding.UTF8.GetBytes(TextNote("G" + tag, "Good, Gina", "09/01/2026"));
        var page = await client.GetDocumentAsync("/charts");
        var before = await CountAsync(factory);

        var response = await client.UploadAsync(page, "[data-testid=chart-upload-form]", ("bad.json", Encoding.UTF8.GetBytes("[1,")), ("good.txt", good));

        var result = await BrowserlessClient.ParseAsync(response);
        Assert.Single(result.QuerySelectorAll("[data-testid=chart-failed]"));
        Assert.Single(result.QuerySelectorAll("[data-testid=chart-imported]"));
        Assert.Equal(before + 1, await CountAsync(factory));

        page = await client.GetDocumentAsync("/charts");
        response = await client.UploadAsync(page, "[data-testid=chart-upload-form]", ("good.txt", good));

        Assert.Equal("good.txt: already imported; nothing new.", (await BrowserlessClient.ParseAsync(response)).QuerySelector("[data-testid=chart-imported]")!.TextContent.Trim());
        Assert.Equal(before + 1, await CountAsync(factory));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Upload_NoFileChosen_SaysSo(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), "admin@demo.local");
        var page = await client.GetDocumentAsync("/charts");

        var response = await client.UploadAsync(page, "[data-testid=chart-upload-form]");

        Assert.Equal("Choose one or more chart files to import.", (await BrowserlessClient.ParseAsync(response)).QuerySelector("[data-testid=chart-upload-error]")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Upload_AsPhysician_IsRefusedAndSavesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var specialist = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var page = await specialist.GetDocumentAsync("/charts");
        using var physician = await BrowserlessClient.SignedInAsync(factory, "physician@demo.local");
        var before = await CountAsync(factory);

        var response = await physician.UploadAsync(page, "[data-testid=chart-upload-form]", ("n.txt", Encoding.UTF8.GetBytes(TextNote("P" + Tag(), "Doe, Jo", "09/01/2026"))));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
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

        Assert.Equal([byName, twoDaysLater], linked.Select(l => l.Document.Id));
        Assert.Equal(Core.Charts.IdentityMatch.NameOnly, linked[0].Link.Identity);
        Assert.Equal(Core.Charts.IdentityMatch.MemberId, linked[1].Link.Identity);
        Assert.Equal([byName, twoDaysLater], (await store.LinkedToClaimAsync(claimId)).Select(d => d.Id));
        Assert.DoesNotContain(otherPatient, linked.Select(l => l.Document.Id));
        Assert.Empty(await store.LinkedToClaimAsync(987654321));

        // A wider configured window reaches the note five days out.
        var wide = new ChartStore(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<AuditLog>(),
            scope.ServiceProvider.GetRequiredService<ICurrentActor>(), TimeProvider.System,
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Charts:LinkWindowDays"] = "5" }).Build(),
            scope.ServiceProvider.GetRequiredService<ImportSlots>());
        Assert.Equal([byName, twoDaysLater, fiveDaysLater], (await wide.LinkedToClaimAsync(claimId)).Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DocumentPage_ShowsTextAndLinkedClaims_AndIsAuditedWithoutPatientData(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var tag = Tag();
        var claimId = await CreateClaimAsync(factory, "V" + tag, "VIEWER", "VERA", new DateOnly(2026, 7, 1));
        var id = await StoreAsync(factory, "view.txt", TextNote("V" + tag, "Viewer, Vera", "07/02/2026", "Assessment: knee effusion, plan arthroscopy."));
        var pcn = await factory.WithDbAsync(d => d.Claims.Where(c => c.Id == claimId).Select(c => c.PatientControlNumber).SingleAsync());
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");

        var page = await client.GetDocumentAsync("/charts/" + id);

        Assert.Contains("knee effusion, plan arthroscopy", page.QuerySelector("[data-testid=chart-text]")!.TextContent, StringComparison.Ordinal);
        var links = page.QuerySelector("[data-testid=chart-linked-claims]")!.TextContent;
        Assert.Contains("Claim " + pcn, links, StringComparison.Ordinal);
        Assert.Contains("Member ID V" + tag + " matches", links, StringComparison.Ordinal);
        var audit = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "chart.view" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(audit.Details);
        var list = await client.GetDocumentAsync("/charts?q=V" + tag);
        Assert.Contains(pcn, list.QuerySelector($"tr[data-chart-id='{id}'] [data-testid=chart-links]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/charts/987654321")).StatusCode);
        using var physician = await BrowserlessClient.SignedInAsync(factory, "physician@demo.local");
        var refused = await physician.Http.GetAsync("/charts/" + id);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/access-denied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}

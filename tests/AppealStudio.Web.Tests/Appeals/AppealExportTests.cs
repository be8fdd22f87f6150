using System.IO.Compression;
using System.Net;
using AppealStudio.Data.Appeals;
using System.Text;
using AppealStudio.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Appeals.AppealTestData;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>DOCX, print view and ZIP packet: what is refused, what is in them, and the attachments that travel along.</summary>
public class AppealExportTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Export_UnfilledPlaceholder_IsBlocked(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        // A non-clinical template (no signature needed) without the payer policy: a [[MISSING: ...]] marker remains.
        var appealId = await StartLetterAsync(client, factory, denialId, templateId: "corrected-claim-cover", policyReference: null);
        Assert.Contains("[[MISSING: payer.policyReference]]", (await AppealAsync(factory, appealId)).Markdown, StringComparison.Ordinal);

        var docx = await client.Http.GetAsync($"/appeals/{appealId}/letter.docx");
        var zip = await client.Http.GetAsync($"/appeals/{appealId}/packet.zip");

        // A refused download goes back to the workspace, whose export panel shows the service's refusal.
        Assert.Equal(HttpStatusCode.Redirect, docx.StatusCode);
        Assert.Equal(WorkspaceUrl(denialId), Location(docx));
        Assert.Equal(HttpStatusCode.Redirect, zip.StatusCode);
        var refused = await ActingAs.RunAsync<AppealExport, ExportResult>(factory, "specialist@demo.local", e => e.DocxAsync(appealId));
        Assert.Null(refused.File);
        Assert.Contains("payer policy reference", refused.Refusal, StringComparison.Ordinal);
        var model = await ActingAs.RunAsync<AppealWorkspace, WorkspaceModel?>(factory, "specialist@demo.local", w => w.LoadAsync(denialId));
        Assert.Contains("payer policy reference", model!.ExportRefusal, StringComparison.Ordinal);
        Assert.Equal(0, await AuditCountAsync(factory, "appeal.export", appealId));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Export_UnsignedClinicalLetter_IsRefusedWithAClearMessage(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);

        var docx = await client.Http.GetAsync($"/appeals/{appealId}/letter.docx");
        var print = await client.GetDocumentAsync($"/appeals/{appealId}/print");

        Assert.Equal(HttpStatusCode.Redirect, docx.StatusCode);
        var model = await ActingAs.RunAsync<AppealWorkspace, WorkspaceModel?>(factory, "specialist@demo.local", w => w.LoadAsync(denialId));
        Assert.Contains("must sign it before it is exported", model!.ExportRefusal, StringComparison.Ordinal);
        Assert.Contains("must sign", print.QuerySelector("[data-testid=export-refused]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(print.QuerySelector("[data-testid=printed-letter]"));
        Assert.Equal(0, await AuditCountAsync(factory, "appeal.export", appealId));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Export_SignedLetter_DocxHasBodyCitationsAndSignature_PacketHasEveryPart(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        var upload = await UploadAsync(factory, appealId, "prior-auth.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n% test\n"));
        Assert.Equal(AppealOutcome.Done, upload.Outcome);
        await SignAsync(factory, appealId);

        var docx = await client.Http.GetAsync($"/appeals/{appealId}/letter.docx");

        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        // The letterhead is one row shared by every test of this database (the Settings tests rename it).
        var practiceName = await factory.WithDbAsync(d => d.PracticeProfiles.AsNoTracking().Select(p => p.Name).FirstAsync());
        using (var stream = new MemoryStream(await docx.Content.ReadAsByteArrayAsync()))
        using (var document = WordprocessingDocument.Open(stream, false))
        {
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains(practiceName, text, StringComparison.Ordinal);
            Assert.Contains("Dear Appeals Reviewer", text, StringComparison.Ordinal);
            Assert.Contains("contralateral left knee", text, StringComparison.Ordinal);
            Assert.Contains("[E1]", text, StringComparison.Ordinal);
            Assert.Contains("Enclosure 1: Operative report, date of service 08/14/2026", text, StringComparison.Ordinal);
            Assert.Contains("Electronically signed by Dana Reyes, MD", text, StringComparison.Ordinal);
            Assert.DoesNotContain("UNSIGNED DRAFT", text, StringComparison.Ordinal);
        }

        var zip = await client.Http.GetAsync($"/appeals/{appealId}/packet.zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using (var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read))
        {
            var names = archive.Entries.Select(e => e.FullName).ToList();
            Assert.Contains($"appeal-{appealId}-letter.docx", names);
            Assert.Contains($"appeal-{appealId}-packet.pdf", names);
            Assert.Contains("attachments/01-prior-auth.pdf", names);
            Assert.Contains("signed-letter.md", names);
            using var signedText = new StreamReader(archive.GetEntry("signed-letter.md")!.Open());
            var signedMarkdown = await signedText.ReadToEndAsync();
            var appeal = await AppealAsync(factory, appealId);
            Assert.Equal(appeal.SignatureSha256, AppealStudio.Core.Letters.SignatureHash.Sha256(signedMarkdown));
            using var note = new StreamReader(archive.GetEntry("signature.txt")!.Open());
            Assert.Contains(appeal.SignatureSha256!, await note.ReadToEndAsync(), StringComparison.Ordinal);
            // Nothing internal: no claim summary with root cause, scenario or template, no chart text with offsets.
            Assert.DoesNotContain(names, n => n.StartsWith("chart/", StringComparison.Ordinal) || n == "claim-summary.txt");
        }

        var print = await client.GetDocumentAsync($"/appeals/{appealId}/print");
        Assert.Contains("Electronically signed by Dana Reyes, MD", print.QuerySelector("[data-testid=signature-block]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(print.QuerySelector("[data-testid=draft-banner]"));
        var audits = await factory.WithDbAsync(d => d.AuditEvents.Where(e => e.Action == "appeal.export" && e.EntityId == appealId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => e.Details).ToListAsync());
        Assert.Equal(new[] { "format=docx", "format=print", "format=zip" }, audits.Order(StringComparer.Ordinal));

        // With the letter signed, the packet's attachments can no longer change: the letter lists its enclosures.
        var late = await UploadAsync(factory, appealId, "late.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n% late\n"));
        Assert.Equal(AppealOutcome.Locked, late.Outcome);
        Assert.Single(await factory.WithDbAsync(d => d.AppealAttachments.Where(a => a.AppealId == appealId).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Export_UnsignedNonClinicalLetterWithoutGaps_IsMarkedDraft(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId, templateId: "eligibility-cob",
            extra: new Dictionary<string, string> { ["Start.Details[coverageFinding]"] = "The member was covered under the plan on the date of service." });
        var appeal = await AppealAsync(factory, appealId);
        Assert.DoesNotContain("[[MISSING", appeal.Markdown, StringComparison.Ordinal);

        var docx = await client.Http.GetAsync($"/appeals/{appealId}/letter.docx");

        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using var document = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("UNSIGNED DRAFT", text, StringComparison.Ordinal);
        Assert.Contains("The member was covered under the plan on the date of service.", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Attachments_WrongTypeOrEmptyOrTooLarge_AreRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);

        var exe = await UploadAsync(factory, appealId, "setup.exe", [0x4D, 0x5A, 0x90, 0x00]);
        var renamed = await UploadAsync(factory, appealId, "record.pdf", [0x4D, 0x5A, 0x90, 0x00]);
        var empty = await UploadAsync(factory, appealId, "empty.txt", []);
        var large = new byte[(10 * 1024 * 1024) + 1];
        "%PDF-"u8.CopyTo(large);
        var tooLarge = await UploadAsync(factory, appealId, "big.pdf", large);
        var text = await UploadAsync(factory, appealId, "note.txt", Encoding.UTF8.GetBytes("Fax confirmation 2026-09-01"));

        Assert.Equal("attachment-type", exe.Field);
        Assert.Equal("attachment-type", renamed.Field);
        Assert.Equal("attachment-empty", empty.Field);
        Assert.Equal("attachment-size", tooLarge.Field);
        Assert.Equal(AppealOutcome.Done, text.Outcome);
        var stored = await factory.WithDbAsync(d => d.AppealAttachments.Where(a => a.AppealId == appealId).ToListAsync());
        var only = Assert.Single(stored);
        Assert.Equal(("note.txt", "text/plain; charset=utf-8"), (only.FileName, only.ContentType));
        Assert.Contains("nothing was attached", exe.Message, StringComparison.Ordinal);
    }

    /// <summary>Attaches a file as the workspace's export panel does (the browser's stream handed to the service).</summary>
    private static async Task<AppealResult> UploadAsync(AppFactory factory, long appealId, string name, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return await ActingAs.RunAsync<PacketAttachments, AppealResult>(factory, "specialist@demo.local", w => w.AddAttachmentAsync(appealId, name, stream));
    }
}

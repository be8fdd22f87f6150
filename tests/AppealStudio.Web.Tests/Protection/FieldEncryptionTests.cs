using System.Text;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Practice;
using AppealStudio.Data.Protection;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Protection;

/// <summary>Issue 16 / ADR 0080: chart text and attachments are sealed with AES-GCM in the database, on both databases.</summary>
public class FieldEncryptionTests
{
    private const string Specialist = "specialist@demo.local";

    private static Task<string> StoredTextAsync(AppFactory factory, long id) =>
        factory.WithDbAsync(d => d.Database.SqlQueryRaw<string>("SELECT \"Text\" AS \"Value\" FROM \"ChartDocuments\" WHERE \"Id\" = {0}", id).SingleAsync());

    private static Task<byte[]> StoredContentAsync(AppFactory factory, long id) =>
        factory.WithDbAsync(d => d.Database.SqlQueryRaw<byte[]>("SELECT \"Content\" AS \"Value\" FROM \"AppealAttachments\" WHERE \"Id\" = {0}", id).SingleAsync());

    private static string Note(string marker) =>
        $"Operative report. Arthroscopic partial medial meniscectomy, left knee, separate incision. Finding {marker}.";

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ChartText_Stored_IsSealedAndReadsTheSameThroughTheServices(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var marker = "Q" + Guid.NewGuid().ToString("N")[..12];
        var denialId = await AppealTestData.ImportDenialAsync(factory);
        var chartId = await AppealTestData.AddChartAsync(factory, denialId, Note(marker));

        var stored = await StoredTextAsync(factory, chartId);
        var view = await ActingAs.RunAsync<ChartDocuments, ChartDocumentView?>(factory, Specialist, c => c.DocumentAsync(chartId));
        var claimId = await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == denialId).Select(x => x.ClaimId).SingleAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var linked = await scope.ServiceProvider.GetRequiredService<ChartStore>().LinkedToClaimAsync(claimId);

        Assert.StartsWith(FieldCipher.TextPrefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("meniscectomy", stored, StringComparison.Ordinal);
        Assert.Equal(Note(marker), view!.Document.Text);
        // Evidence reads the text after the query narrowed by identifiers: the linked note opens in the service.
        Assert.Contains(linked, d => d.Id == chartId && d.Text.Contains(marker, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ChartImport_SameFileAgain_IsRecognisedThroughTheSealedText(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var name = $"note-{Guid.NewGuid():N}.txt";
        var content = Encoding.UTF8.GetBytes("Patient: Quill, Avery\nMember ID: QA" + Guid.NewGuid().ToString("N")[..8] + "\nDate of service: 08/14/2026\n\nKnee pain, separate incision.");

        var first = await ActingAs.RunAsync<ChartDocuments, ChartFileResult>(factory, Specialist, c => c.ImportAsync(name, new MemoryStream(content)));
        var again = await ActingAs.RunAsync<ChartDocuments, ChartFileResult>(factory, Specialist, c => c.ImportAsync(name, new MemoryStream(content)));

        Assert.True(first.Succeeded, first.Error);
        Assert.Single(first.Saved);
        Assert.Empty(again.Saved);
        Assert.Equal(1, again.AlreadyStored);
        Assert.StartsWith(FieldCipher.TextPrefix, await StoredTextAsync(factory, first.Saved[0].Id), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ChartText_AlteredInTheDatabase_IsAClearErrorNeverGarbage(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await AppealTestData.ImportDenialAsync(factory);
        var chartId = await AppealTestData.AddChartAsync(factory, denialId, Note("tamper"));
        var stored = await StoredTextAsync(factory, chartId);
        var position = FieldCipher.TextPrefix.Length + 60;
        var altered = stored[..position] + (stored[position] == 'A' ? 'B' : 'A') + stored[(position + 1)..];
        await factory.WithDbAsync(d => d.Database.ExecuteSqlRawAsync("UPDATE \"ChartDocuments\" SET \"Text\" = {0} WHERE \"Id\" = {1}", altered, chartId));
        try
        {
            var error = await Assert.ThrowsAsync<ProtectedValueException>(() =>
                ActingAs.RunAsync<ChartDocuments, string>(factory, Specialist, async c => (await c.DocumentAsync(chartId))!.Document.Text));

            Assert.Contains("ChartDocument.Text", error.Message, StringComparison.Ordinal);
            Assert.Contains("altered", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await factory.WithDbAsync(d => d.ChartDocuments.Where(c => c.Id == chartId).ExecuteDeleteAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Attachment_Added_IsSealedAndReadsTheSame(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await AppealTestData.ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var appealId = await AppealTestData.StartLetterAsync(client, factory, denialId);
        var bytes = Encoding.UTF8.GetBytes("Fax confirmation AT" + Guid.NewGuid().ToString("N")[..10]);

        var added = await ActingAs.RunAsync<PacketAttachments, AppealResult>(factory, Specialist, w => w.AddAttachmentAsync(appealId, "fax.txt", new MemoryStream(bytes)));
        var attachment = await factory.WithDbAsync(d => d.AppealAttachments.AsNoTracking().SingleAsync(a => a.AppealId == appealId));
        var stored = await StoredContentAsync(factory, attachment.Id);

        Assert.True(added.Succeeded, added.Message);
        Assert.True(FieldCipher.IsSealed(stored));
        Assert.Equal(bytes.Length + FieldCipher.Overhead, stored.Length);
        Assert.DoesNotContain("Fax confirmation", Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        Assert.Equal(bytes, attachment.Content);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task PlaintextRows_StartUpPass_EndSealedAndReadTheSame(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await AppealTestData.ReadyDenialAsync(factory);
        var chartId = await AppealTestData.AddChartAsync(factory, denialId, Note("legacy"));
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var appealId = await AppealTestData.StartLetterAsync(client, factory, denialId);
        var bytes = Encoding.UTF8.GetBytes("Prior authorization PA-" + Guid.NewGuid().ToString("N")[..8]);
        await ActingAs.RunAsync<PacketAttachments, AppealResult>(factory, Specialist, w => w.AddAttachmentAsync(appealId, "pa.txt", new MemoryStream(bytes)));
        var attachmentId = await factory.WithDbAsync(d => d.AppealAttachments.Where(a => a.AppealId == appealId).Select(a => a.Id).SingleAsync());

        // As a database written before encryption holds them: plain text and plain bytes, and no marker of the pass.
        await factory.WithDbAsync(async d =>
        {
            await d.Database.ExecuteSqlRawAsync("UPDATE \"ChartDocuments\" SET \"Text\" = {0} WHERE \"Id\" = {1}", Note("legacy"), chartId);
            await d.Database.ExecuteSqlRawAsync("UPDATE \"AppealAttachments\" SET \"Content\" = {0} WHERE \"Id\" = {1}", bytes, attachmentId);
            return await d.SystemSettings.Where(s => s.Key == ProtectedDataMigration.MarkerKey).ExecuteDeleteAsync();
        });
        Assert.Equal(Note("legacy"), await StoredTextAsync(factory, chartId));

        ProtectedDataResult? first, second;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            first = await scope.ServiceProvider.GetRequiredService<ProtectedDataMigration>().EncryptExistingOnceAsync();
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            second = await scope.ServiceProvider.GetRequiredService<ProtectedDataMigration>().EncryptExistingOnceAsync();
        }

        Assert.NotNull(first);
        Assert.True(first.Sealed >= 2, $"sealed {first.Sealed}");
        Assert.Null(second); // the marker says the pass is done
        Assert.StartsWith(FieldCipher.TextPrefix, await StoredTextAsync(factory, chartId), StringComparison.Ordinal);
        Assert.True(FieldCipher.IsSealed(await StoredContentAsync(factory, attachmentId)));
        var view = await ActingAs.RunAsync<ChartDocuments, ChartDocumentView?>(factory, Specialist, c => c.DocumentAsync(chartId));
        Assert.Equal(Note("legacy"), view!.Document.Text);
        var reread = await factory.WithDbAsync(d => d.AppealAttachments.AsNoTracking().SingleAsync(a => a.Id == attachmentId));
        Assert.Equal(bytes, reread.Content);
        Assert.True(await factory.WithDbAsync(d => d.SystemSettings.AnyAsync(s => s.Key == ProtectedDataMigration.MarkerKey && s.Value == ProtectedDataMigration.MarkerValue)));
    }

    [Fact]
    public void Open_OtherKeyOrPurposeOrNotSealed_SaysWhatIsWrong()
    {
        var a = new FieldCipher(FieldKeys.From(Convert.FromBase64String(TestKeys.Key)));
        var b = new FieldCipher(FieldKeys.From(Convert.FromBase64String(TestKeys.OtherKey)));
        var bWithA = new FieldCipher(FieldKeys.From(Convert.FromBase64String(TestKeys.OtherKey), Convert.FromBase64String(TestKeys.Key)));
        var sealedText = a.SealText("Progress note", ChartDocument.TextPurpose);

        var otherKey = Assert.Throws<ProtectedValueException>(() => b.OpenText(sealedText, ChartDocument.TextPurpose));
        var otherPurpose = Assert.Throws<ProtectedValueException>(() => a.OpenText(sealedText, AppealAttachment.ContentPurpose));
        var plain = Assert.Throws<ProtectedValueException>(() => a.OpenText("Progress note", ChartDocument.TextPurpose));

        Assert.Contains(a.Keys.Current.IdText, otherKey.Message, StringComparison.Ordinal);
        Assert.Contains("not configured", otherKey.Message, StringComparison.Ordinal);
        Assert.Contains("does not authenticate", otherPurpose.Message, StringComparison.Ordinal);
        Assert.Contains("not encrypted", plain.Message, StringComparison.Ordinal);
        Assert.Equal("Progress note", bWithA.OpenText(sealedText, ChartDocument.TextPurpose)); // a previous key still opens
        Assert.NotEqual(a.SealText("Progress note", ChartDocument.TextPurpose), sealedText); // a fresh nonce per value
    }

    [Fact]
    public void Save_ContextWithoutTheCipher_RefusesRatherThanStoreEmptyText()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:", Path.GetTempPath()).Configure(options);
        using var context = new AppDbContext(options.Options);
        context.ChartDocuments.Add(new ChartDocument { Title = "t", SourceFileName = "f", SourceFormat = "text", Text = "clinical text" });

        var error = Assert.Throws<InvalidOperationException>(() => context.SaveChanges());

        Assert.Contains("no field cipher", error.Message, StringComparison.Ordinal);
    }
}

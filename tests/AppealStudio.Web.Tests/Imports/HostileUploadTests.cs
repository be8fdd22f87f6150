using System.Net;
using System.Text;
using AppealStudio.Bench;
using AppealStudio.Cli;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Protection;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Imports;

/// <summary>
/// Files built to exhaust the server, fed through each service, the CLI and today's upload endpoints: each is refused
/// with the limit it hit and saves nothing. The files are generated (HostileFiles); bench/run-hostile.sh measures the
/// CLI's peak memory on full-size versions of the same shapes.
/// </summary>
public class HostileUploadTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static byte[] Hostile(string shape, int megabytes)
    {
        using var output = new MemoryStream();
        HostileFiles.Write(shape, output, megabytes);
        return output.ToArray();
    }

    private static Task<(int Claims, int Lines, int Adjustments, int Payments)> RemitCountsAsync(AppFactory factory) =>
        factory.WithDbAsync(async d => (await d.Claims.CountAsync(), await d.ServiceLines.CountAsync(), await d.Adjustments.CountAsync(), await d.Payments.CountAsync()));

    private static Task<int> ChartCountAsync(AppFactory factory) => factory.WithDbAsync(d => d.ChartDocuments.CountAsync());

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RemitImport_ClaimWithARunOfAdjustments_IsRefusedNamingClaimAndSegment_AndSavesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var before = await RemitCountsAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RemittanceImporter>();

        var ex = await Assert.ThrowsAsync<RemittanceImportException>(() => importer.ImportAsync("cas-run.835", new MemoryStream(Hostile("cas-run", 2))));

        Assert.Contains("Claim HOSTILE-1 (CLP at segment 10) has more than 10,000 segments", ex.Message, StringComparison.Ordinal);
        Assert.Contains("segment 10010 (CAS", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RemitCountsAsync(factory));
        var failed = await factory.WithDbAsync(d => d.RemittanceImports.SingleAsync(i => i.Id == ex.ImportId));
        Assert.Equal(ImportStatus.Failed, failed.Status);
        Assert.Equal(ex.Message, failed.Error);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RemitUpload_ClaimWithARunOfRemarks_IsRefusedWithTheLimitAndTheFailedImportSaysSo_AndSavesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var before = await RemitCountsAsync(factory);
        var file = Hostile("lq-run", 2);

        // What the Imports page's upload queue calls with the browser's stream.
        var result = await ActingAs.RunAsync<RemittanceUploads, UploadResult>(factory, "specialist@demo.local",
            u => u.ImportAsync("lq-run.835", new MemoryStream(file), file.Length));

        Assert.False(result.Succeeded);
        Assert.Contains("has more than 10,000 segments", result.Error, StringComparison.Ordinal);
        Assert.Contains("(LQ, byte ", result.Error, StringComparison.Ordinal);
        var failed = await factory.WithDbAsync(d => d.RemittanceImports.SingleAsync(i => i.Id == result.ImportId));
        Assert.Equal((ImportStatus.Failed, "lq-run.835"), (failed.Status, failed.FileName));
        Assert.Equal(before, await RemitCountsAsync(factory));
    }

    [Fact]
    public async Task RemitCli_ImportAndInspect_RefuseTheRunOfAdjustmentsWithTheSameMessage()
    {
        var factory = AppFactory.For(TestDatabase.Sqlite);
        var path = TempFile("cas-run.835", Hostile("cas-run", 2));
        try
        {
            var before = await RemitCountsAsync(factory);
            var import = await CliAsync(factory, "remit", "import", path);
            var inspect = await CliAsync(factory, "remit", "inspect", path, "--json");
            var summary = await CliAsync(factory, "remit", "inspect", path, "--summary");

            Assert.Equal(1, import.Code);
            Assert.Contains("cas-run.835: Claim HOSTILE-1 (CLP at segment 10) has more than 10,000 segments", import.Err, StringComparison.Ordinal);
            Assert.Contains("Nothing was imported.", import.Err, StringComparison.Ordinal);
            Assert.Equal(before, await RemitCountsAsync(factory));
            Assert.Equal((1, ""), (inspect.Code, inspect.Out.Trim()));
            Assert.Contains("has more than 10,000 segments", inspect.Err, StringComparison.Ordinal);
            Assert.Equal(1, summary.Code);
            Assert.Contains("has more than 10,000 segments", summary.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string, int, string, string> HostileCharts => new()
    {
        { "docx-title", 64, "title.docx", "docProps/core.xml expands to 64 MB of XML (the limit is 10 MB per part)" },
        { "docx-bomb", 32, "bomb.docx", "word/document.xml expands to 32 MB of XML" },
        { "docx-entries", 0, "parts.docx", "it holds 5,004 parts (the limit is 1,000)" },
        { "fhir-bundle", 28, "bulk.json", "holds more than 1,000 documents" },
        { "big-text", 51, "huge.txt", "larger than 50 MB, the limit for one chart file" },
    };

    [Theory]
    [MemberData(nameof(HostileCharts))]
    public async Task ChartImport_HostileFile_ThroughServiceCliAndUpload_IsRefusedWithItsLimit_AndSavesNothing(string shape, int megabytes, string name, string expected)
    {
        var factory = AppFactory.For(TestDatabase.Sqlite);
        var file = Hostile(shape, megabytes);
        var before = await ChartCountAsync(factory);

        // The service.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ChartStore>().ImportAsync(name, new MemoryStream(file));
            Assert.False(result.Succeeded);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        }

        // The CLI.
        var path = TempFile(name, file);
        try
        {
            var cli = await CliAsync(factory, "chart", "import", path);
            Assert.Equal(1, cli.Code);
            Assert.Contains(expected, cli.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        // What the Charts page's upload calls with the browser's stream.
        var uploaded = await ActingAs.RunAsync<ChartDocuments, ChartFileResult>(factory, "specialist@demo.local",
            c => c.ImportAsync(name, new MemoryStream(file)));
        Assert.False(uploaded.Succeeded);
        Assert.Contains(expected, uploaded.Error, StringComparison.Ordinal);

        Assert.Equal(before, await ChartCountAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ChartImport_FhirBundleReimported_FindsDuplicatesWithOneQuery(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var file = HostileFiles.FhirBundleOf(300);
        var name = $"bundle-{tag}.json";
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        Assert.Equal(300, (await services.GetRequiredService<ChartStore>().ImportAsync(name, new MemoryStream(file))).Saved.Count);

        // The same file again through a store whose context counts the statements it sends.
        var counter = new CommandCounter();
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        services.GetRequiredService<DatabaseOptions>().Configure(builder);
        builder.UseFieldEncryption(services.GetRequiredService<FieldCipher>());
        await using var context = new AppDbContext(builder.AddInterceptors(counter).Options);
        var actor = services.GetRequiredService<ICurrentActor>();
        var store = new ChartStore(context, new AuditLog(context, actor, TimeProvider.System), actor, TimeProvider.System,
            services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), services.GetRequiredService<ImportSlots>());

        var again = await store.ImportAsync(name, new MemoryStream(file));

        Assert.Equal(1, counter.Selects);
        Assert.Equal((0, 300), (again.Saved.Count, again.AlreadyStored));
        Assert.Equal(300, await factory.WithDbAsync(d => d.ChartDocuments.CountAsync(x => x.SourceFileName == name)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Attachment_LargerThanTheLimit_IsRefusedWhileReading_AndSavesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await AppealTestData.ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await AppealTestData.StartLetterAsync(client, factory, denialId);
        var endless = new EndlessPdf();

        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            var result = await scope.ServiceProvider.GetRequiredService<PacketAttachments>().AddAttachmentAsync(appealId, "scan.pdf", endless);

            Assert.Equal((AppealOutcome.Invalid, "attachment-size"), (result.Outcome, result.Field));
            Assert.Contains("larger than 10 MB (Appeals:MaxAttachmentMegabytes)", result.Message, StringComparison.Ordinal);
        }

        Assert.InRange(endless.Position, 10 * 1024 * 1024, (10 * 1024 * 1024) + 81920);
        Assert.Equal(0, await factory.WithDbAsync(d => d.AppealAttachments.CountAsync(a => a.AppealId == appealId)));
    }

    [Fact]
    public async Task EveryImport_WhenAllSlotsAreTaken_IsRefusedAsBusy_AndSavesNothing()
    {
        var shared = AppFactory.For(TestDatabase.Sqlite);
        var denialId = await AppealTestData.ReadyDenialAsync(shared);
        using (var specialist = await BrowserlessClient.SignedInAsync(shared, "specialist@demo.local"))
        {
            await AppealTestData.StartLetterAsync(specialist, shared, denialId);
        }

        var appealId = await shared.WithDbAsync(d => d.Appeals.Where(a => a.DenialId == denialId).Select(a => a.Id).SingleAsync());
        await using var busy = shared.WithWebHostBuilder(b => b.UseSetting("Imports:MaxConcurrent", "1").UseSetting("Imports:BusyWaitSeconds", "0"));
        var slots = busy.Services.GetRequiredService<ImportSlots>();
        using var held = await slots.EnterAsync();
        var remits = await RemitCountsAsync(shared);
        var charts = await ChartCountAsync(shared);

        await using (var scope = await ActingAs.ScopeAsync(busy, "specialist@demo.local"))
        {
            var chart = await scope.ServiceProvider.GetRequiredService<ChartStore>().ImportAsync("n.txt", new MemoryStream(Encoding.UTF8.GetBytes("Patient: Jo Park\nStable.")));
            var remit = await Assert.ThrowsAsync<ImportBusyException>(() =>
                scope.ServiceProvider.GetRequiredService<RemittanceImporter>().ImportAsync("era.835", new MemoryStream(Encoding.ASCII.GetBytes(ImportTests.Remit("PB-1", "TB-1")))));
            var attachment = await scope.ServiceProvider.GetRequiredService<PacketAttachments>().AddAttachmentAsync(appealId, "n.txt", new MemoryStream("fax"u8.ToArray()));

            Assert.Contains("The server is busy: 1 imports are already running", chart.Error, StringComparison.Ordinal);
            Assert.Contains("Imports:MaxConcurrent", remit.Message, StringComparison.Ordinal);
            Assert.Equal("attachment-busy", attachment.Field);
        }

        // What the Imports page's upload queue calls: busy is an exception the queue shows as "busy, try again".
        var web = await Assert.ThrowsAsync<ImportBusyException>(() => ActingAs.RunAsync<RemittanceUploads, UploadResult>(busy, "specialist@demo.local",
            u => u.ImportAsync("era.835", new MemoryStream(Encoding.ASCII.GetBytes(ImportTests.Remit("PB-2", "TB-2"))), 100)));
        Assert.Contains("The server is busy", web.Message, StringComparison.Ordinal);
        Assert.Equal(remits, await RemitCountsAsync(shared));
        Assert.Equal(charts, await ChartCountAsync(shared));
        Assert.Equal(0, await shared.WithDbAsync(d => d.AppealAttachments.CountAsync(a => a.AppealId == appealId)));
    }

    private static string TempFile(string name, byte[] content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("appealstudio-hostile-").FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> CliAsync(AppFactory factory, params string[] args)
    {
        // The web app (Development) migrates the shared database and creates its key-ring certificate first: a CLI run
        // here is Production and would otherwise stop on the missing certificate if it opened a fresh database first.
        _ = factory.Services;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), output, error, new Dictionary<string, string?>
        {
            ["Database:Provider"] = factory.Provider,
            ["Database:ConnectionString"] = factory.ConnectionString,
        });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A PDF that never ends, to prove the attachment limit stops the reading.</summary>
    private sealed class EndlessPdf : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            if (Position == 0)
            {
                "%PDF-"u8.CopyTo(buffer.AsSpan(offset));
            }

            Position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Counts the SELECT statements a context sends.</summary>
    private sealed class CommandCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public int Selects { get; private set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                Selects++;
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

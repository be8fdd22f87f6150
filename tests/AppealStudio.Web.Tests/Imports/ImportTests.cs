using System.Net;
using System.Text;
using AppealStudio.Cli;
using AppealStudio.Data;
using AppealStudio.Data.Remittances;
using AppealStudio.Tests.Shared;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Imports;

/// <summary>
/// The Imports page's use cases at the service level, on every database: what a browser upload (RemittanceUploads)
/// stores, refuses and reports, the history and summary reads (ImportHistory), and that the web's path and the
/// command line's path import a file the same way.
/// </summary>
public class ImportTests
{
    private const string Specialist = "specialist@demo.local";

    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    /// <summary>A small valid 835 with one denied line (CO-97 on 29880-XS) whose numbers are unique to the test.</summary>
    internal static string Remit(string pcn, string trace, string payerClaimNumber = "PCN", decimal paid = 0m, string status = "1") =>
        string.Join("~\n",
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260814*1200*^*00501*000000001*0*P*:",
            "GS*HP*SENDER*RECEIVER*20260814*1200*1*X*005010X221A1",
            "ST*835*0001",
            $"BPR*I*{paid:0.00}*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20260820",
            $"TRN*1*{trace}*1234567890",
            "DTM*405*20260819",
            "N1*PR*EXAMPLE HEALTH PLAN",
            "N3*1 PAYER WAY",
            "N4*SPRINGFIELD*IL*62701",
            "REF*2U*EXH01",
            "N1*PE*DEMO ORTHOPEDICS*XX*1234567893",
            "LX*1",
            $"CLP*{pcn}*{status}*612.40*{paid:0.00}**12*{payerClaimNumber}-{pcn}*11*1",
            "NM1*QC*1*DOE*JANE****MI*W123456789",
            "NM1*82*1*REYES*DANA****XX*1234567893",
            "DTM*232*20260814",
            $"SVC*HC:29880:XS:LT*612.40*{paid:0.00}**1",
            "DTM*472*20260814",
            $"CAS*CO*97*{612.40m - paid:0.00}",
            "LQ*HE*N19",
            "SE*19*0001",
            "GE*1*1",
            "IEA*1*000000001") + "~\n";

    internal static string Truncated(string pcn)
    {
        var full = Remit(pcn, "TRACE-" + pcn);
        return full[..full.IndexOf("CAS*", StringComparison.Ordinal)];
    }

    private static async Task<(int Claims, int Denials, int Payments, int Lines, int Imports)> CountsAsync(AppFactory factory) =>
        await factory.WithDbAsync(async db => (await db.Claims.CountAsync(), await db.Denials.CountAsync(), await db.Payments.CountAsync(),
            await db.ServiceLines.CountAsync(), await db.RemittanceImports.CountAsync()));

    /// <summary>Uploads <paramref name="content"/> as a browser would (a stream that cannot seek) through the page's service.</summary>
    internal static async Task<UploadResult> UploadAsync(AppFactory factory, string email, string fileName, byte[] content,
        List<UploadProgress>? progress = null)
    {
        await using var scope = await factory.ScopeAsAsync(email);
        await using var upload = new BrowserStream(content);
        var reports = progress is null ? null : new Collect(progress);
        return await scope.Get<RemittanceUploads>().ImportAsync(fileName, upload, content.Length, reports);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_ValidRemit_ImportsClassifiedDenial_AndTheSameFileAgainChangesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var pcn = "PT-" + Guid.NewGuid().ToString("N")[..8];
        var file = Encoding.ASCII.GetBytes(Remit(pcn, "TRACE-" + pcn));
        var progress = new List<UploadProgress>();

        var first = await UploadAsync(factory, Specialist, "era.835", file, progress);

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal((1, 1, 1), (first.Summary!.Claims, first.Summary.Lines, first.Summary.Denials));
        var denial = await factory.WithDbAsync(d => d.Denials.Include(x => x.ServiceLine).Include(x => x.Claim).SingleAsync(x => x.Claim.PatientControlNumber == pcn));
        Assert.Equal(("CO", "97", 612.40m), (denial.GroupCode, denial.ReasonCode, denial.Amount));
        Assert.Equal(("hard", "appeal", "modifier-59"), (denial.Severity, denial.Action, denial.Scenario));
        Assert.Equal("N19", denial.RemarkCodes);
        Assert.Equal("XS,LT", denial.ServiceLine!.Modifiers);
        Assert.NotNull(denial.AppealDeadline);
        Assert.Equal(first.ImportId, denial.Claim.ImportId);
        var import = await factory.WithDbAsync(d => d.RemittanceImports.SingleAsync(i => i.Id == first.ImportId));
        Assert.Equal(("era.835", Specialist, ImportStatus.Completed), (import.FileName, import.ImportedBy, import.Status));

        // The bytes are received first, then imported; the last report is the whole file read.
        Assert.Equal(UploadPhase.Receiving, progress[0].Phase);
        Assert.Equal(file.Length, progress.Where(p => p.Phase == UploadPhase.Receiving).Max(p => p.Bytes));
        Assert.Equal(UploadPhase.Importing, progress[^1].Phase);
        Assert.Equal((file.Length, file.Length, 1), (progress[^1].Bytes, progress[^1].TotalBytes, progress[^1].Claims));

        var before = await CountsAsync(factory);
        var again = await UploadAsync(factory, Specialist, "era-again.835", file);

        Assert.True(again.Succeeded, again.Error);
        Assert.Equal((0, 1), (again.Summary!.Claims, again.Summary.SkippedClaims));
        Assert.Equal(first.ImportId, again.Summary.SameFileImportId);
        var after = await CountsAsync(factory);
        Assert.Equal((before.Claims, before.Denials, before.Payments, before.Lines), (after.Claims, after.Denials, after.Payments, after.Lines));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_SameFileWithWarningsAgain_RecordsAShortEntryNotACopyOfTheWarnings(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var pcn = "PW-" + Guid.NewGuid().ToString("N")[..8];
        // A wrong SE segment count is a warning, not an error: the file imports and the warning is stored.
        var file = Encoding.ASCII.GetBytes(Remit(pcn, "TRACE-" + pcn).Replace("SE*19*0001", "SE*99*0001", StringComparison.Ordinal));

        var first = await UploadAsync(factory, Specialist, "warned.835", file);
        var again = await UploadAsync(factory, Specialist, "warned-again.835", file);

        Assert.True(first.Succeeded && again.Succeeded, first.Error ?? again.Error);
        Assert.NotEmpty(again.Summary!.Warnings);
        var (firstImport, againImport) = await factory.WithDbAsync(async d => (
            await d.RemittanceImports.SingleAsync(i => i.Id == first.ImportId),
            await d.RemittanceImports.SingleAsync(i => i.Id == again.ImportId)));
        Assert.Contains("SE", firstImport.Warnings, StringComparison.Ordinal);
        Assert.Equal(1, againImport.WarningCount);
        Assert.StartsWith("Nothing added: all 1 claim(s) were already imported (the same file as import " +
            first.ImportId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")", againImport.Warnings, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', againImport.Warnings!);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_TruncatedFile_SavesNothingAndSaysWhereItBroke(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var pcn = "PT-" + Guid.NewGuid().ToString("N")[..8];
        var before = await CountsAsync(factory);

        var result = await UploadAsync(factory, Specialist, "cut.835", Encoding.ASCII.GetBytes(Truncated(pcn)));

        Assert.False(result.Succeeded);
        Assert.Contains("segment", result.Error, StringComparison.OrdinalIgnoreCase);
        var after = await CountsAsync(factory);
        Assert.Equal((before.Claims, before.Denials, before.Payments, before.Lines), (after.Claims, after.Denials, after.Payments, after.Lines));
        var failed = await factory.WithDbAsync(d => d.RemittanceImports.SingleAsync(i => i.Id == result.ImportId));
        Assert.Equal((ImportStatus.Failed, "cut.835"), (failed.Status, failed.FileName));

        // The page shows where it broke in segments; the byte offset (for developers' tools) stays out of its words.
        await using var scope = await factory.ScopeAsAsync(Specialist);
        var row = await scope.Get<ImportHistory>().FindAsync(result.ImportId);
        Assert.Contains("segment", row!.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("byte", row.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("byte", failed.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_SecondTransactionBroken_RollsBackTheFirstToo(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var pcn = "PT-" + Guid.NewGuid().ToString("N")[..8];
        var good = Remit(pcn, "TRACE-" + pcn);
        var second = Remit(pcn + "B", "TRACE-B-" + pcn);
        // The second interchange ends inside its claim: the whole file must leave no trace.
        var content = good + second[..second.IndexOf("SVC*", StringComparison.Ordinal)];
        var before = await CountsAsync(factory);

        var result = await UploadAsync(factory, "manager@demo.local", "two.835", Encoding.ASCII.GetBytes(content));

        Assert.False(result.Succeeded);
        var after = await CountsAsync(factory);
        Assert.Equal((before.Claims, before.Denials, before.Payments), (after.Claims, after.Denials, after.Payments));
        Assert.False(await factory.WithDbAsync(d => d.Claims.AnyAsync(c => c.PatientControlNumber == pcn)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_NotAnX12File_ExplainsWhatIsWrong(TestDatabase db)
    {
        var factory = AppFactory.For(db);

        var png = await UploadAsync(factory, Specialist, "scan.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        var empty = await UploadAsync(factory, Specialist, "empty.835", []);

        Assert.False(png.Succeeded);
        Assert.False(empty.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(png.Error));
        Assert.Contains("empty", empty.Error, StringComparison.OrdinalIgnoreCase);
        Assert.All([png.ImportId, empty.ImportId], id => Assert.True(id > 0));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_ConnectionDropsMidUpload_SavesNothingAtAll(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var pcn = "PT-" + Guid.NewGuid().ToString("N")[..8];
        var file = Encoding.ASCII.GetBytes(Remit(pcn, "TRACE-" + pcn));
        var before = await CountsAsync(factory);
        await using var scope = await factory.ScopeAsAsync(Specialist);
        await using var upload = new BrowserStream(file, failAfter: file.Length / 2);

        await Assert.ThrowsAsync<IOException>(() => scope.Get<RemittanceUploads>().ImportAsync("dropped.835", upload, file.Length));

        // Not even a failed-import row: the import never started.
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_AsPhysicianOrWithoutRole_IsRefusedAndSavesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var file = Encoding.ASCII.GetBytes(Remit("PX-" + Guid.NewGuid().ToString("N")[..6], "TX"));
        var before = await CountsAsync(factory);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => UploadAsync(factory, "physician@demo.local", "era.835", file));
        await using (var scope = factory.ScopeWithoutRole())
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
                scope.Get<RemittanceUploads>().ImportAsync("era.835", new MemoryStream(file), file.Length));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.Get<ImportHistory>().PageAsync(0, 10));
        }

        await using (var physician = await factory.ScopeAsAsync("physician@demo.local"))
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => physician.Get<ImportHistory>().DetailAsync(1));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => physician.Get<ImportHistory>().DenialsAsync(1, 0, 10));
        }

        Assert.Equal(before, await CountsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task UploadEndpoint_IsGone_PostingAFileImportsNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var before = await CountsAsync(factory);
        using var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.ASCII.GetBytes(Remit("PG-1", "TG-1"))), "files", "era.835" } };

        var response = await client.Http.PostAsync("/imports/upload", content);

        Assert.False(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ImportDetail_ShowsBreakdownAndDenials_AndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var pcn = "PT-" + Guid.NewGuid().ToString("N")[..8];
        var result = await UploadAsync(factory, Specialist, "era.835", Encoding.ASCII.GetBytes(Remit(pcn, "T-" + pcn)));
        await using var scope = await factory.ScopeAsAsync(Specialist);
        var history = scope.Get<ImportHistory>();

        var detail = await history.DetailAsync(result.ImportId);
        var denials = await history.DenialsAsync(result.ImportId, 0, 25);

        Assert.NotNull(detail);
        Assert.Equal((1, 1, 1), (detail.Import.Claims, detail.Import.Denials, detail.Payments));
        Assert.Equal([new KeyValuePair<string, int>("technical", 1)], detail.ByCategory);
        var row = Assert.Single(denials.Rows);
        Assert.Equal((pcn, "DOE, JANE", "PCN-" + pcn, "29880"), (row.PatientControlNumber, row.Patient, row.PayerClaimNumber, row.ProcedureCode));
        Assert.Equal(1, denials.Total);
        var id = result.ImportId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await factory.WithDbAsync(d => d.AuditEvents.SingleAsync(e => e.Action == "remit.import-view" && e.EntityId == id));
        Assert.Equal(Specialist, audit.Actor);
        Assert.Null(audit.Details);
        Assert.Null(await history.DetailAsync(987654321));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task History_NewestFirst_PagedWithAStableOrder(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var pcn = "PH-" + Guid.NewGuid().ToString("N")[..8];
            ids.Add((await UploadAsync(factory, Specialist, $"h{i}.835", Encoding.ASCII.GetBytes(Remit(pcn, "T-" + pcn)))).ImportId);
        }

        await using var scope = await factory.ScopeAsAsync("admin@demo.local");
        var history = scope.Get<ImportHistory>();
        var first = await history.PageAsync(0, 2);
        var second = await history.PageAsync(1, 2);

        Assert.Equal([ids[2], ids[1]], first.Rows.Select(r => r.Id));
        Assert.Equal(ids[0], second.Rows[0].Id);
        Assert.True(first.Total >= 3);
        Assert.Equal(("h2.835", Specialist, 1, 1), (first.Rows[0].FileName, first.Rows[0].ImportedBy, first.Rows[0].Claims, first.Rows[0].Denials));
    }

    /// <summary>
    /// The Imports page imports through RemittanceUploads, the command line through RemittanceImporter directly: the
    /// same file must give the same claims, denials and classification either way, and the same refusal when broken.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task CliAndPage_SameFile_ImportTheSameWay(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        _ = factory.Services;
        var config = new Dictionary<string, string?> { ["Database:Provider"] = factory.Provider, ["Database:ConnectionString"] = factory.ConnectionString };
        var cliPcn = "CS-" + Guid.NewGuid().ToString("N")[..8];
        var webPcn = "WS-" + Guid.NewGuid().ToString("N")[..8];
        var path = Path.Combine(Path.GetTempPath(), "appealstudio-test-" + Guid.NewGuid().ToString("N") + ".835");
        await File.WriteAllTextAsync(path, Remit(cliPcn, "T-" + cliPcn), Encoding.ASCII);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["remit", "import", path], new StringReader(""), output, error, config);
        var web = await UploadAsync(factory, Specialist, "web.835", Encoding.ASCII.GetBytes(Remit(webPcn, "T-" + webPcn)));

        Assert.True(code == 0, error.ToString());
        Assert.True(web.Succeeded, web.Error);
        var (cliDenial, webDenial) = await factory.WithDbAsync(async d =>
            (await d.Denials.AsNoTracking().SingleAsync(x => x.Claim.PatientControlNumber == cliPcn),
             await d.Denials.AsNoTracking().SingleAsync(x => x.Claim.PatientControlNumber == webPcn)));
        Assert.Equal(
            (cliDenial.Kind, cliDenial.GroupCode, cliDenial.ReasonCode, cliDenial.Amount, cliDenial.Severity, cliDenial.Action, cliDenial.Category,
                cliDenial.RootCause, cliDenial.Owner, cliDenial.Scenario, cliDenial.RuleId, cliDenial.AppealDeadline, cliDenial.PriorityScore),
            (webDenial.Kind, webDenial.GroupCode, webDenial.ReasonCode, webDenial.Amount, webDenial.Severity, webDenial.Action, webDenial.Category,
                webDenial.RootCause, webDenial.Owner, webDenial.Scenario, webDenial.RuleId, webDenial.AppealDeadline, webDenial.PriorityScore));

        // The CLI's file again through the page: skipped as already imported, exactly as a second CLI run skips it.
        var again = await UploadAsync(factory, Specialist, "cli-file-again.835", await File.ReadAllBytesAsync(path));
        Assert.Equal((0, 1), (again.Summary!.Claims, again.Summary.SkippedClaims));

        // A broken file: the same reason from both, and nothing saved by either.
        var broken = Truncated("BR-" + Guid.NewGuid().ToString("N")[..8]);
        await File.WriteAllTextAsync(path, broken, Encoding.ASCII);
        using var brokenError = new StringWriter();
        var brokenCode = await CliApp.RunAsync(["remit", "import", path], new StringReader(""), new StringWriter(), brokenError, config);
        var brokenWeb = await UploadAsync(factory, Specialist, "broken.835", Encoding.ASCII.GetBytes(broken));
        Assert.Equal(1, brokenCode);
        Assert.Contains(brokenWeb.Error!, brokenError.ToString(), StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public void ForPeople_DropsByteOffsets_KeepsSegments()
    {
        Assert.Equal("The file ends in the middle of claim X (segment 19): resend it.",
            ImportHistory.ForPeople("The file ends in the middle of claim X (segment 19, byte 612): resend it."));
        Assert.Equal("Segment 4 is longer than 1 bytes and cannot be read.", ImportHistory.ForPeople("Segment 4 (byte 80) is longer than 1 bytes and cannot be read."));
    }

    [Fact]
    public void Warnings_StoredLines_BecomeSegmentAndSentence()
    {
        var warnings = ImportHistory.Warnings("segment 12: The claim does not balance.\nSkipped claim at segment 30: already imported.\n");

        Assert.Equal([new ImportWarning(12, "The claim does not balance."), new ImportWarning(null, "Skipped claim at segment 30: already imported.")], warnings);
        Assert.Empty(ImportHistory.Warnings(null));
    }

    [SharedFact]
    public async Task CorpusFiles_ImportOnSqlite_ClaimCountsMatchTheIndependentCounts()
    {
        var factory = AppFactory.For(TestDatabase.Sqlite);
        var expected = File.ReadAllLines(Path.Combine(SharedFolder.CorpusDirectory, "expected", "counts.txt"))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => int.Parse(p[1]["CLP=".Length..], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, clp) in expected)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<RemittanceImporter>();
            await using var stream = File.OpenRead(Path.Combine(SharedFolder.CorpusDirectory, name));
            var summary = await importer.ImportAsync(name, stream);
            // Every CLP is either stored now or was stored by an earlier run of this test against the same database.
            Assert.True(clp == summary.Claims + summary.SkippedClaims, $"{name}: CLP={clp}, imported {summary.Claims} + skipped {summary.SkippedClaims}");
        }
    }

    /// <summary>An upload as the circuit delivers it: forward-only, and optionally cut off part-way like a dropped connection.</summary>
    internal sealed class BrowserStream(byte[] content, int failAfter = int.MaxValue) : Stream
    {
        private readonly MemoryStream inner = new(content, writable: false);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (inner.Position >= failAfter)
            {
                throw new IOException("The connection was lost.");
            }

            return inner.Read(buffer, offset, (int)Math.Min(count, Math.Max(1, failAfter - inner.Position)));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var array = new byte[buffer.Length];
            var n = Read(array, 0, array.Length);
            array.AsSpan(0, n).CopyTo(buffer.Span);
            return ValueTask.FromResult(n);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class Collect(List<UploadProgress> into) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value) => into.Add(value);
    }
}

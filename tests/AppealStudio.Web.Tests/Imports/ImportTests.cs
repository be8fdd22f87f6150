using System.Net;
using System.Text;
using AppealStudio.Data;
using AppealStudio.Data.Remittances;
using AppealStudio.Tests.Shared;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Imports;

public class ImportTests
{
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

    private static async Task<(int Claims, int Denials, int Payments, int Lines)> CountsAsync(AppFactory factory) =>
        await factory.WithDbAsync(async db => (await db.Claims.CountAsync(), await db.Denials.CountAsync(), await db.Payments.CountAsync(),
            await db.ServiceLines.CountAsync()));

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_ValidRemit_ImportsClassifiedDenial_AndTheSameFileAgainChangesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var pcn = "PT-" + Guid.NewGuid().ToString("N")[..8];
        var file = Encoding.ASCII.GetBytes(Remit(pcn, "TRACE-" + pcn));

        var page = await client.GetDocumentAsync("/imports");
        var response = await client.UploadAsync(page, "[data-testid=upload-form]", ("era.835", file));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var results = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("1 denials", results.QuerySelector("[data-testid=import-succeeded]")!.TextContent, StringComparison.Ordinal);
        var denial = await factory.WithDbAsync(d => d.Denials.Include(x => x.ServiceLine).SingleAsync(x => x.Claim.PatientControlNumber == pcn));
        Assert.Equal(("CO", "97", 612.40m), (denial.GroupCode, denial.ReasonCode, denial.Amount));
        Assert.Equal(("hard", "appeal", "modifier-59"), (denial.Severity, denial.Action, denial.Scenario));
        Assert.Equal("N19", denial.RemarkCodes);
        Assert.Equal("XS,LT", denial.ServiceLine!.Modifiers);
        Assert.NotNull(denial.AppealDeadline);

        var before = await CountsAsync(factory);
        page = await client.GetDocumentAsync("/imports");
        response = await client.UploadAsync(page, "[data-testid=upload-form]", ("era-again.835", file));
        results = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("1 claims skipped because they were already imported", results.QuerySelector("[data-testid=import-results]")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_TruncatedFile_SavesNothingAndSaysWhereItBroke(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var pcn = "PT-" + Guid.NewGuid().ToString("N")[..8];
        var full = Remit(pcn, "TRACE-" + pcn);
        var truncated = Encoding.ASCII.GetBytes(full[..full.IndexOf("CAS*", StringComparison.Ordinal)]);
        var before = await CountsAsync(factory);

        var page = await client.GetDocumentAsync("/imports");
        var response = await client.UploadAsync(page, "[data-testid=upload-form]", ("cut.835", truncated));
        var results = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        var error = results.QuerySelector("[data-testid=import-failed]")!.TextContent;
        Assert.Contains("cut.835 was not imported", error, StringComparison.Ordinal);
        Assert.Contains("segment", error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountsAsync(factory));
        var failed = await factory.WithDbAsync(d => d.RemittanceImports.OrderByDescending(i => i.Id).FirstAsync());
        Assert.Equal(ImportStatus.Failed, failed.Status);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_SecondTransactionBroken_RollsBackTheFirstToo(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        var pcn = "PT-" + Guid.NewGuid().ToString("N")[..8];
        var good = Remit(pcn, "TRACE-" + pcn);
        var second = Remit(pcn + "B", "TRACE-B-" + pcn);
        // The second interchange ends inside its claim: the whole file must leave no trace.
        var content = good + second[..second.IndexOf("SVC*", StringComparison.Ordinal)];
        var before = await CountsAsync(factory);

        var page = await client.GetDocumentAsync("/imports");
        await client.UploadAsync(page, "[data-testid=upload-form]", ("two.835", Encoding.ASCII.GetBytes(content)));

        Assert.Equal(before, await CountsAsync(factory));
        Assert.False(await factory.WithDbAsync(d => d.Claims.AnyAsync(c => c.PatientControlNumber == pcn)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_NotAnX12File_ExplainsWhatIsWrong(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), "specialist@demo.local");
        var page = await client.GetDocumentAsync("/imports");

        var response = await client.UploadAsync(page, "[data-testid=upload-form]",
            ("scan.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]), ("empty.835", []));
        var results = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        var failures = results.QuerySelectorAll("[data-testid=import-failed]").Select(e => e.TextContent).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.Contains("scan.png was not imported", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("empty.835 was not imported", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_NoFileChosen_SaysSo(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), "specialist@demo.local");
        var page = await client.GetDocumentAsync("/imports");

        var response = await client.UploadAsync(page, "[data-testid=upload-form]");
        var results = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal("Choose one or more 835 files to import.", results.QuerySelector("[data-testid=import-error]")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_ByHtmx_ReturnsTheResultsFragment(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), "specialist@demo.local");
        var page = await client.GetDocumentAsync("/imports");
        var pcn = "PT-" + Guid.NewGuid().ToString("N")[..8];
        client.Http.DefaultRequestHeaders.Add("HX-Request", "true");

        var response = await client.UploadAsync(page, "[data-testid=upload-form]", ("era.835", Encoding.ASCII.GetBytes(Remit(pcn, "T-" + pcn))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data-testid=\"import-succeeded\"", html, StringComparison.Ordinal);
        Assert.Contains("HX-Request", response.Headers.Vary);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_AsPhysician_IsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var specialist = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var page = await specialist.GetDocumentAsync("/imports");
        using var physician = await BrowserlessClient.SignedInAsync(factory, "physician@demo.local");
        var before = await CountsAsync(factory);

        var response = await physician.UploadAsync(page, "[data-testid=upload-form]", ("era.835", Encoding.ASCII.GetBytes(Remit("PX", "TX"))));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect == response.StatusCode ? "/imports" : "", response.Headers.Location?.AbsolutePath ?? "");
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ImportDetail_ShowsBreakdownAndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var pcn = "PT-" + Guid.NewGuid().ToString("N")[..8];
        var page = await client.GetDocumentAsync("/imports");
        var response = await client.UploadAsync(page, "[data-testid=upload-form]", ("era.835", Encoding.ASCII.GetBytes(Remit(pcn, "T-" + pcn))));
        var id = response.Headers.Location!.OriginalString.Split('=')[1];

        var detail = await client.GetDocumentAsync("/imports/" + id);

        Assert.Contains("technical", detail.QuerySelector("[data-testid=by-category]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(pcn, detail.QuerySelector("[data-testid=import-denials]")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "remit.import-view" && e.EntityId == id)));
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
}

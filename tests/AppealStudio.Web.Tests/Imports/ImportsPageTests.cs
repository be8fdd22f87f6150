using System.Globalization;
using System.Text;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Features.Imports;
using AppealStudio.Web.Tests.Components;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Imports;

/// <summary>The Imports pages rendered on the real app's services: what the user sees, and what a click stores.</summary>
public class ImportsPageTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public ImportsPageTests()
    {
        // A 1 MB limit, so a file just above it is small enough for a test.
        Services.AddSingleton(new ImportOptions(1));
    }

    private static string NewPcn() => "PB-" + Guid.NewGuid().ToString("N")[..8];

    private Task<int> ImportsNamedAsync(string fileName) => App.WithDbAsync(d => d.RemittanceImports.CountAsync(i => i.FileName == fileName));

    private static IRenderedComponent<InputFile> Picker(IRenderedComponent<ImportsPage> page) => page.FindComponent<InputFile>();

    [Fact]
    public async Task ImportsPage_History_ListsImportsNewestFirstWithTheirCountsInWords()
    {
        var pcn = NewPcn();
        var upload = await ImportTests.UploadAsync(App, Specialist, $"{pcn}.835", Encoding.ASCII.GetBytes(ImportTests.Remit(pcn, "T-" + pcn)));
        SignIn(Specialist);

        var page = Render<ImportsPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=import-link]")), Wait);
        var first = page.FindAll("[data-testid=import-link]")[0];
        Assert.Equal($"{pcn}.835", first.TextContent.Trim());
        Assert.Equal($"/imports/{upload.ImportId.ToString(CultureInfo.InvariantCulture)}", first.GetAttribute("href"));
        Assert.Contains("$612.40", page.Find("[data-testid=import-history]").TextContent, StringComparison.Ordinal);
        Assert.Contains("appealstudio remit import FILE", page.Find("[data-testid=upload-panel]").TextContent, StringComparison.Ordinal);
        // Nothing chosen yet: nothing to import.
        Assert.Empty(page.FindAll("[data-testid=import-start]"));
    }

    [Fact]
    public async Task ImportsPage_FileAboveTheLimit_IsRefusedBeforeTheUpload_WithTheLimitAndTheCommandLine()
    {
        SignIn(Specialist);
        var page = Render<ImportsPage>();
        var name = NewPcn() + "-huge.835";

        Picker(page).UploadFiles(InputFileContent.CreateFromBinary(new byte[(1024 * 1024) + 1], name));

        var item = page.Find("[data-testid=upload-item]");
        Assert.Equal("refused", item.GetAttribute("data-state"));
        var message = page.Find("[data-testid=upload-message]").TextContent;
        Assert.Contains("above the upload limit of 1 MB", message, StringComparison.Ordinal);
        Assert.Contains("appealstudio remit import FILE", message, StringComparison.Ordinal);
        // The only file is refused: there is nothing to send, and nothing was stored.
        Assert.True(page.Find("[data-testid=import-start]").HasAttribute("disabled"));
        Assert.Equal(0, await ImportsNamedAsync(name));
    }

    [Fact]
    public async Task ImportsPage_ImportClick_ImportsEachFile_ShowsResultsAndUpdatesTheHistory()
    {
        SignIn(Specialist);
        var page = Render<ImportsPage>();
        var pcn = NewPcn();
        var good = $"{pcn}-good.835";
        var cut = $"{pcn}-cut.835";

        Picker(page).UploadFiles(
            InputFileContent.CreateFromText(ImportTests.Remit(pcn, "T-" + pcn), good),
            InputFileContent.CreateFromText(ImportTests.Truncated(pcn + "X"), cut));
        Assert.Equal("Import 2 files", page.Find("[data-testid=import-start]").TextContent.Trim());
        page.Find("[data-testid=import-start]").Click();

        page.WaitForAssertion(() => Assert.Equal(["done", "failed"], page.FindAll("[data-testid=upload-item]").Select(i => i.GetAttribute("data-state"))), Wait);
        var outcome = page.Find("[data-testid=upload-outcome]").TextContent;
        Assert.Contains("1 claim, 1 service line, 1 denial ($612.40 at stake)", outcome, StringComparison.Ordinal);
        var failure = page.Find("[data-testid=upload-message]").TextContent;
        Assert.Contains("segment", failure, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("byte", failure, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Nothing from this file was saved", failure, StringComparison.Ordinal);
        var id = await App.WithDbAsync(d => d.RemittanceImports.Where(i => i.FileName == good).Select(i => i.Id).SingleAsync());
        Assert.Equal($"/imports/{id.ToString(CultureInfo.InvariantCulture)}", page.Find("[data-testid=upload-result-link]").GetAttribute("href"));
        // The history shows both without a reload.
        page.WaitForAssertion(() => Assert.Contains(good, page.Find("[data-testid=import-history]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains(cut, page.Find("[data-testid=import-history]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportsPage_SecondClickWhileImporting_ImportsTheFileOnce()
    {
        SignIn(Specialist);
        var page = Render<ImportsPage>();
        var pcn = NewPcn();
        var name = $"{pcn}.835";
        Picker(page).UploadFiles(InputFileContent.CreateFromText(ImportTests.Remit(pcn, "T-" + pcn), name));
        var button = page.Find("[data-testid=import-start]");

        // Two clicks on the same button, the second sent before the page re-rendered (a double click, or a click
        // repeated on a slow connection): both reach the page.
        await page.InvokeAsync(() => Task.WhenAll(button.ClickAsync(new MouseEventArgs()), button.ClickAsync(new MouseEventArgs())));

        page.WaitForAssertion(() => Assert.Equal("done", page.Find("[data-testid=upload-item]").GetAttribute("data-state")), Wait);
        Assert.Equal(1, await ImportsNamedAsync(name));
        Assert.Equal(1, await App.WithDbAsync(d => d.Claims.CountAsync(c => c.PatientControlNumber == pcn)));
    }

    [Fact]
    public void UploadQueue_FileOnItsWay_ShowsItsProgressBarAndWhatIsHappening()
    {
        var receiving = new UploadItem(new FakeFile("era.835", 12 * 1024 * 1024)) { State = UploadState.Receiving, Percent = 40, Status = "Uploading: 4.8 MB of 12.0 MB" };
        var importing = new UploadItem(new FakeFile("big.835", 2048)) { State = UploadState.Importing, Percent = 75, Status = "Importing: 1,500 claims stored so far" };
        var waiting = new UploadItem(new FakeFile("next.835", 10)) { State = UploadState.Waiting };

        var queue = Render<UploadQueue>(p => p.Add(q => q.Items, [receiving, importing, waiting]));

        var items = queue.FindAll("[data-testid=upload-item]");
        Assert.Equal(["receiving", "importing", "waiting"], items.Select(i => i.GetAttribute("data-state")));
        Assert.Equal(2, queue.FindAll("[data-testid=upload-progress]").Count);
        Assert.Equal("40", queue.FindAll(".mud-progress-linear")[0].GetAttribute("aria-valuenow"));
        Assert.Equal(["Uploading: 4.8 MB of 12.0 MB", "Importing: 1,500 claims stored so far"], queue.FindAll("[data-testid=upload-status]").Select(s => s.TextContent.Trim()));
        Assert.Contains("12.0 MB", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Waiting", items[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportDetailPage_ShowsCountsBreakdownInWordsAndTheDenialsWithLinks_AndIsAudited()
    {
        var pcn = NewPcn();
        var upload = await ImportTests.UploadAsync(App, Specialist, $"{pcn}.835", Encoding.ASCII.GetBytes(ImportTests.Remit(pcn, "T-" + pcn)));
        var denialId = await App.WithDbAsync(d => d.Denials.Where(x => x.Claim.PatientControlNumber == pcn).Select(x => x.Id).SingleAsync());
        SignIn(Specialist);

        var page = Render<ImportDetailPage>(p => p.Add(x => x.Id, upload.ImportId));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=denial-link]")), Wait);
        Assert.Contains("Technical", page.Find("[data-testid=by-category]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Documentation", page.Find("[data-testid=by-root-cause]").TextContent, StringComparison.Ordinal);
        var link = page.Find("[data-testid=denial-link]");
        Assert.Equal($"/denials/{denialId.ToString(CultureInfo.InvariantCulture)}", link.GetAttribute("href"));
        Assert.Equal("DOE, JANE", link.TextContent.Trim());
        var table = page.Find("[data-testid=import-denials]").TextContent;
        Assert.Contains("Patient account # " + pcn, table, StringComparison.Ordinal);
        Assert.Contains("CO-97 · 29880", table, StringComparison.Ordinal);
        Assert.Contains("$612.40", page.Find("[data-testid=import-summary]").TextContent, StringComparison.Ordinal);
        var id = upload.ImportId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(1, await App.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.Action == "remit.import-view" && e.EntityId == id)));
    }

    [Fact]
    public async Task ImportDetailPage_FailedImport_SaysWhereItBrokeAndThatNothingWasSaved()
    {
        var upload = await ImportTests.UploadAsync(App, Specialist, "broken.835", Encoding.ASCII.GetBytes(ImportTests.Truncated(NewPcn())));
        SignIn(Specialist);

        var page = Render<ImportDetailPage>(p => p.Add(x => x.Id, upload.ImportId));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=import-error]")), Wait);
        var error = page.Find("[data-testid=import-error]").TextContent;
        Assert.Contains("segment", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("byte", error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Nothing from this file was saved", error, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=import-denials]"));
    }

    [Fact]
    public void ImportDetailPage_UnknownImport_SaysNotFound()
    {
        SignIn(Specialist);

        var page = Render<ImportDetailPage>(p => p.Add(x => x.Id, 987654321L));

        page.WaitForAssertion(() => Assert.Contains("There is no such import", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=import-summary]"));
    }

    private sealed class FakeFile(string name, long size) : IBrowserFile
    {
        public string Name => name;

        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public long Size => size;

        public string ContentType => "application/octet-stream";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}

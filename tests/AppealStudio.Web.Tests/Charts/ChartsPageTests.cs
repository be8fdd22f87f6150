using System.Globalization;
using System.Text;
using AppealStudio.Core.Charts;
using AppealStudio.Data.Charts;
using AppealStudio.Web.Features.Charts;
using AppealStudio.Web.Tests.Components;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Charts;

/// <summary>The chart-document pages rendered on the real app's services.</summary>
public class ChartsPageTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static string Tag() => Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private async Task<long> StoreAsync(string fileName, string text)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChartStore>().ImportAsync(fileName, new MemoryStream(Encoding.UTF8.GetBytes(text)));
        Assert.True(result.Succeeded, result.Error);
        return Assert.Single(result.Saved).Id;
    }

    [Fact]
    public async Task ChartsPage_Search_FindsThePatientInComponentState_NeverInTheUrl()
    {
        var tag = Tag();
        var id = await StoreAsync("find.txt", ChartTests.TextNote("S" + tag, "Searchable" + tag + ", Sue", "08/14/2026"));
        SignIn(Specialist);
        At("/charts");
        var page = Render<ChartsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=chart-list]")), Wait);

        page.Find("input[data-testid=chart-search]").Change("searchable" + tag.ToLowerInvariant());
        page.Find("[data-testid=chart-search-go]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=chart-link]")), Wait);
        var link = page.Find("[data-testid=chart-link]");
        Assert.Equal($"/charts/{id.ToString(CultureInfo.InvariantCulture)}", link.GetAttribute("href"));
        Assert.Contains($"Searchable{tag}, Sue", page.Find("[data-testid=chart-patient]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Member ID S" + tag, page.Find("[data-testid=chart-patient]").TextContent, StringComparison.Ordinal);
        // Patient names stay out of addresses (and so out of logs and history).
        Assert.DoesNotContain(tag, Navigation.Uri, StringComparison.OrdinalIgnoreCase);

        page.Find("input[data-testid=chart-search]").Change("nobody" + tag);
        page.Find("[data-testid=chart-search-go]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=chart-no-match]")), Wait);
    }

    [Fact]
    public async Task ChartsPage_Upload_GoodAndBadFiles_ShowsEachResult_AndTheListUpdates()
    {
        var tag = Tag();
        SignIn(Specialist);
        var page = Render<ChartsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=chart-list]")), Wait);

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText(ChartTests.TextNote("U" + tag, "Uploaded" + tag + ", Uma", "08/14/2026"), "visit.txt"),
            InputFileContent.CreateFromBinary([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "scan.png"));
        page.Find("[data-testid=chart-import-start]").Click();

        page.WaitForAssertion(() => Assert.Equal(["done", "failed"], page.FindAll("[data-testid=upload-item]").Select(i => i.GetAttribute("data-state"))), Wait);
        Assert.StartsWith("1 document imported.", page.Find("[data-testid=upload-outcome]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("The file scan.png is an image", page.Find("[data-testid=upload-message]").TextContent, StringComparison.Ordinal);
        var id = await App.WithDbAsync(d => d.ChartDocuments.Where(c => c.PatientMemberId == "U" + tag).Select(c => c.Id).SingleAsync());
        Assert.Equal($"/charts/{id.ToString(CultureInfo.InvariantCulture)}", page.Find("[data-testid=upload-result-link]").GetAttribute("href"));
        Assert.Equal("specialist@demo.local", await App.WithDbAsync(d => d.ChartDocuments.Where(c => c.Id == id).Select(c => c.ImportedBy).SingleAsync()));
    }

    [Fact]
    public async Task ChartsPage_FileAboveTheLimit_IsRefusedBeforeTheUpload()
    {
        SignIn(Specialist);
        var page = Render<ChartsPage>();
        var before = await App.WithDbAsync(d => d.ChartDocuments.CountAsync());

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[ChartImporter.MaxBytes + 1], "export.json"));

        Assert.Equal("refused", page.Find("[data-testid=upload-item]").GetAttribute("data-state"));
        var message = page.Find("[data-testid=upload-message]").TextContent;
        Assert.Contains("above the upload limit of 50 MB", message, StringComparison.Ordinal);
        Assert.Contains("appealstudio chart import FILE", message, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=chart-import-start]").HasAttribute("disabled"));
        Assert.Equal(before, await App.WithDbAsync(d => d.ChartDocuments.CountAsync()));
    }

    [Fact]
    public async Task ChartDocumentPage_ShowsTheTextAndTheLinkedClaimWithItsDenial_AndIsAudited()
    {
        var tag = Tag();
        var claimId = await ChartTests.CreateClaimAsync(App, "V" + tag, "VIEWER" + tag, "VERA", new DateOnly(2026, 7, 1));
        var id = await StoreAsync("view.txt", ChartTests.TextNote("V" + tag, $"Viewer{tag}, Vera", "07/02/2026", "Assessment: knee effusion, plan arthroscopy."));
        var (pcn, denialId) = await App.WithDbAsync(async d => (await d.Claims.Where(c => c.Id == claimId).Select(c => c.PatientControlNumber).SingleAsync(),
            await d.Denials.Where(x => x.ClaimId == claimId).Select(x => x.Id).SingleAsync()));
        SignIn(Specialist);

        var page = Render<ChartDocumentPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=chart-text]")), Wait);
        Assert.Contains("knee effusion, plan arthroscopy", page.Find("[data-testid=chart-text]").TextContent, StringComparison.Ordinal);
        var links = page.Find("[data-testid=chart-linked-claims]").TextContent;
        Assert.Contains("patient account # " + pcn, links, StringComparison.Ordinal);
        Assert.Contains("Member ID V" + tag + " matches", links, StringComparison.Ordinal);
        Assert.Equal($"/denials/{denialId.ToString(CultureInfo.InvariantCulture)}", page.Find("[data-testid=chart-denial-link]").GetAttribute("href"));
        Assert.Contains("07/02/2026", page.Find("[data-testid=chart-facts]").TextContent, StringComparison.Ordinal);
        var idText = id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(1, await App.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.Action == "chart.view" && e.EntityId == idText)));
    }

    [Fact]
    public void ChartDocumentPage_UnknownDocument_SaysNotFound()
    {
        SignIn(Specialist);

        var page = Render<ChartDocumentPage>(p => p.Add(x => x.Id, 987654321L));

        page.WaitForAssertion(() => Assert.Contains("There is no such chart document", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=chart-text]"));
    }
}

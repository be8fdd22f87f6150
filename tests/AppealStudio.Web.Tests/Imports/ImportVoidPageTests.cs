using System.Globalization;
using System.Text;
using AppealStudio.Data.Appeals;
using AppealStudio.Web.Features.Imports;
using AppealStudio.Web.Tests.Components;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Imports;

/// <summary>Voiding an import from its page (Admin, Manager): a required reason, the refusal that names the denial, the undo.</summary>
public class ImportVoidPageTests : ComponentTest
{
    private const string Manager = "manager@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public ImportVoidPageTests()
    {
        Services.AddSingleton(new ImportOptions(1));
    }

    private async Task<long> ImportAsync()
    {
        var pcn = "PV-" + Guid.NewGuid().ToString("N")[..8];
        var upload = await ImportTests.UploadAsync(App, "specialist@demo.local", $"{pcn}.835", Encoding.ASCII.GetBytes(ImportTests.Remit(pcn, "T-" + pcn)));
        return upload.ImportId;
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(long importId)
    {
        var page = RenderInApp<ImportDetailPage>(new Dictionary<string, object?> { [nameof(ImportDetailPage.Id)] = importId });
        page.WaitForAssertion(() => page.Find("[data-testid=import-summary]"), Wait);
        return page;
    }

    private static void Void(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, string reason)
    {
        page.Find("[data-testid=void-import]").Click();
        page.WaitForAssertion(() => page.Find("textarea[data-testid=reason]"), Wait);
        page.Find("textarea[data-testid=reason]").Change(reason);
        page.Find("[data-testid=reason-confirm]").Click();
    }

    [Fact]
    public async Task Void_WithAReason_HidesTheImportsRowsAndSaysSo_ThenUndoBringsThemBack()
    {
        var importId = await ImportAsync();
        SignIn(Manager);
        var page = Open(importId);

        page.Find("[data-testid=void-import]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=reason-confirm]"), Wait);
        page.Find("[data-testid=reason-confirm]").Click();
        page.WaitForAssertion(() => Assert.Contains("Enter the reason.", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Null(await App.WithDbAsync(d => d.RemittanceImports.Where(i => i.Id == importId).Select(i => i.VoidedAt).SingleAsync()));
        page.Find("textarea[data-testid=reason]").Change("A test file from the clearinghouse");
        page.Find("[data-testid=reason-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("A test file from the clearinghouse", page.Find("[data-testid=voided]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=void-import]"));
        Assert.False(await App.WithDbAsync(d => d.Denials.AnyAsync(x => x.Claim.ImportId == importId)));
        Assert.True(await App.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "remit.void" && e.EntityId == importId.ToString(CultureInfo.InvariantCulture))));

        page.Find("[data-testid=undo-void]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=voided]")), Wait);
        Assert.True(await App.WithDbAsync(d => d.Denials.AnyAsync(x => x.Claim.ImportId == importId)));
    }

    [Fact]
    public async Task Void_AppealInProgress_IsRefusedNamingTheDenial_AndNothingChanges()
    {
        var importId = await ImportAsync();
        var denialId = await App.WithDbAsync(d => d.Denials.Where(x => x.Claim.ImportId == importId).Select(x => x.Id).FirstAsync());
        await App.WithDbAsync(async d =>
        {
            d.Appeals.Add(new Appeal
            {
                DenialId = denialId, TemplateId = "ortho-modifier-59", Status = AppealStatus.Draft, Markdown = "letter", Version = 1,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await d.SaveChangesAsync();
        });
        SignIn(Manager);
        var page = Open(importId);

        Void(page, "Another practice's file");

        page.WaitForAssertion(() => Assert.Contains($"denial {denialId.ToString(CultureInfo.InvariantCulture)}", page.Find("[data-testid=void-refused]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Null(await App.WithDbAsync(d => d.RemittanceImports.Where(i => i.Id == importId).Select(i => i.VoidedAt).SingleAsync()));
        Assert.NotNull(page.Find("[data-testid=void-import]"));
    }

    [Fact]
    public async Task Void_Specialist_IsNotOffered()
    {
        var importId = await ImportAsync();
        SignIn("specialist@demo.local");

        var page = Open(importId);

        Assert.Empty(page.FindAll("[data-testid=void-import]"));
    }

    [Fact]
    public async Task History_VoidedImport_IsShownAsVoided()
    {
        var importId = await ImportAsync();
        await AppealStudio.Web.Tests.Infrastructure.ActingAs.RunAsync<AppealStudio.Data.Remittances.ImportVoiding, AppealStudio.Data.Lifecycle.LifecycleResult>(
            App, Manager, v => v.VoidAsync(importId, "Duplicate of the clearinghouse's file"));
        SignIn(Manager);

        var page = Render<ImportsPage>();

        page.WaitForAssertion(() =>
        {
            var row = page.FindAll("[data-testid=import-link]").First(a => a.GetAttribute("data-import-id") == importId.ToString(CultureInfo.InvariantCulture)).Closest("tr")!;
            Assert.Equal("Voided", row.QuerySelector("[data-testid=import-status]")!.TextContent.Trim());
        }, Wait);
    }

    [Fact]
    public async Task Upload_EveryImportSlotTaken_SaysTheServerIsBusy_AndSavesNothing()
    {
        var slots = App.Services.GetRequiredService<AppealStudio.Data.ImportSlots>();
        var held = new List<IDisposable>();
        for (var i = 0; i < slots.MaxConcurrent; i++)
        {
            held.Add(await slots.EnterAsync());
        }

        try
        {
            SignIn("specialist@demo.local");
            var page = Render<ImportsPage>();
            var pcn = "PB-" + Guid.NewGuid().ToString("N")[..8];
            page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(ImportTests.Remit(pcn, "T-" + pcn), pcn + ".835"));
            page.Find("[data-testid=import-start]").Click();

            page.WaitForAssertion(() => Assert.Contains("The server is busy importing other files", page.Find("[data-testid=upload-message]").TextContent, StringComparison.Ordinal), Wait);
            Assert.Equal(0, await App.WithDbAsync(d => d.RemittanceImports.CountAsync(x => x.FileName == pcn + ".835")));
        }
        finally
        {
            held.ForEach(h => h.Dispose());
        }
    }
}

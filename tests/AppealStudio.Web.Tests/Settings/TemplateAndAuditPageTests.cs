using AppealStudio.Data.Audit;
using AppealStudio.Web.Features.Settings.Audit;
using AppealStudio.Web.Features.Settings.Templates;
using AppealStudio.Web.Tests.Components;
using Bunit;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Settings.SettingsPageTests;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>Settings &gt; Letter templates and Audit trail on bunit, against the real services and database, as the demo Admin.</summary>
public class TemplateAndAuditPageTests : ComponentTest
{
    // The template these renders may change; other tests' letters use other templates.
    private const string TemplateId = "corrected-claim-cover";

    private IRenderedComponent<TemplateEditPage> RenderEditor(string templateId = TemplateId)
    {
        SignIn(Acting.Admin);
        At($"/settings/templates/{templateId}");
        var page = Render<TemplateEditPage>(p => p.Add(x => x.TemplateId, templateId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=template-tabs]")), Wait);
        return page;
    }

    private static void OpenTab(IRenderedComponent<TemplateEditPage> page, string text) =>
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains(text, StringComparison.Ordinal)).Click();

    private Task<int> VersionsAsync() => App.WithDbAsync(d => d.TemplateVersions.CountAsync(v => v.TemplateId == TemplateId));

    [Fact]
    public void TemplatesPage_ListsEveryTemplateWithWhatItAnswersAndItsVersion()
    {
        SignIn(Acting.Admin);
        At("/settings/templates");

        var page = Render<TemplatesPage>();

        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=templates] tbody tr").Count >= 10), Wait);
        var ortho = page.Find("td[data-template=ortho-modifier-59]").Closest("tr")!;
        Assert.Contains("Modifier 59", ortho.TextContent, StringComparison.Ordinal);
        Assert.Contains("CARC 97", ortho.TextContent, StringComparison.Ordinal);
        Assert.Equal("/settings/templates/ortho-modifier-59", ortho.QuerySelector("[data-testid=template-link]")!.GetAttribute("href"));
        Assert.DoesNotContain("modifier-59", page.Find("[data-testid=templates]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateEditPage_ShowsTheTemplateAsFields_SectionBySection()
    {
        var page = RenderEditor("ortho-modifier-59");

        Assert.Equal("Orthopedics: distinct procedural service denied as bundled (modifier 59 / XS)", page.Find("[data-testid=template-title]").GetAttribute("value"));
        Assert.Equal(["distinct_site", "separate_approach"], page.FindAll("[data-testid=slot-name]").Select(i => i.GetAttribute("value")));
        var headings = page.FindAll("[data-testid=section-heading]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("Clinical narrative", headings);
        Assert.Contains("Basis for the appeal", headings);
        Assert.Contains("{{payer.name}}", page.FindAll("[data-testid=section-text]")[0].TextContent, StringComparison.Ordinal);

        // No YAML on the form: the front matter's keys are fields.
        Assert.DoesNotContain("evidenceSlots:", page.Find("[data-testid=tab-form]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateEditPage_TitleCleared_TheParsersReasonShowsAtTheTitle_InputKept_NothingSaved()
    {
        var before = await VersionsAsync();
        var page = RenderEditor();

        page.Find("[data-testid=template-title]").Change("");
        page.Find("[data-testid=template-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("'title' is required", FieldText(page.Find("[data-testid=template-title]")), StringComparison.Ordinal), Wait);
        Assert.Equal(before, await VersionsAsync());
        Assert.NotEmpty(page.FindAll("[data-testid=template-section]"));
    }

    [Fact]
    public async Task TemplateEditPage_SourceWithBrokenFrontMatter_IsRefusedAtTheSource_WithTheTextKept()
    {
        var before = await VersionsAsync();
        var page = RenderEditor();
        OpenTab(page, "Advanced");
        page.WaitForAssertion(() => Assert.StartsWith("---", page.Find("[data-testid=template-content]").TextContent, StringComparison.Ordinal), Wait);
        const string Broken = "---\nid: corrected-claim-cover\ntitle: [unclosed\nrule: x\n---\nBody {{payer.name}}\n";

        page.Find("[data-testid=template-content]").Change(Broken);
        page.Find("[data-testid=template-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("front matter is not valid", FieldText(page.Find("[data-testid=template-content]")), StringComparison.Ordinal), Wait);
        Assert.Equal(Broken, page.Find("[data-testid=template-content]").TextContent);
        Assert.Equal(before, await VersionsAsync());
    }

    [Fact]
    public void TemplateEditPage_Preview_FillsTheLetterWithSampleValues()
    {
        var page = RenderEditor();
        var marker = "Preview marker " + Guid.NewGuid().ToString("N")[..6];
        page.FindAll("[data-testid=section-text]")[0].Change(page.FindAll("[data-testid=section-text]")[0].TextContent + "\n\n" + marker);

        page.Find("[data-testid=template-preview]").Click();

        page.WaitForAssertion(() => Assert.Contains(marker, page.Find("[data-testid=template-preview-html]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Sample Patient", page.Find("[data-testid=template-preview-html]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateEditPage_ValidEdit_SavesTheNextVersionAndListsIt()
    {
        var page = RenderEditor();
        var before = await App.WithDbAsync(d => d.TemplateVersions.Where(v => v.TemplateId == TemplateId).MaxAsync(v => (int?)v.Version)) ?? 0;
        var description = "Edited in a test " + Guid.NewGuid().ToString("N")[..6];

        page.Find("[data-testid=template-description]").Change(description);
        page.Find("[data-testid=template-save]").Click();

        page.WaitForAssertion(() => Assert.Contains($"Version {before + 1} in use", page.Markup, StringComparison.Ordinal), Wait);
        OpenTab(page, "Versions");
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=template-history] [data-version='{before + 1}']")), Wait);
        var saved = await App.WithDbAsync(d => d.TemplateVersions.SingleAsync(v => v.TemplateId == TemplateId && v.Version == before + 1));
        Assert.Contains("description: " + description, saved.Content, StringComparison.Ordinal);
        Assert.Equal("admin@demo.local", saved.CreatedBy);
    }

    [Fact]
    public void TemplateEditPage_UnknownTemplate_SaysNotFound()
    {
        SignIn(Acting.Admin);
        At("/settings/templates/no-such-template");

        var page = Render<TemplateEditPage>(p => p.Add(x => x.TemplateId, "no-such-template"));

        page.WaitForAssertion(() => Assert.Contains("There is no such template", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=template-save]"));
    }

    [Fact]
    public async Task AuditPage_ShowsNamesAndActionsInWords_AndTheRawViewShowsUtcAndCodes()
    {
        var at = new DateTimeOffset(2026, 3, 2, 15, 4, 5, TimeSpan.Zero);
        var action = "test." + Guid.NewGuid().ToString("N")[..10];
        var managerId = await App.WithDbAsync(d => d.Users.Where(u => u.Email == Acting.Manager).Select(u => u.Id).SingleAsync());
        await App.WithDbAsync(d =>
        {
            d.AuditEvents.Add(new AuditEvent { At = at, UserId = managerId, Actor = Acting.Manager, Action = action, EntityType = "PayerSetting", EntityId = "77" });
            return d.SaveChangesAsync();
        });
        SignIn(Acting.Admin);
        At("/settings/audit?action=" + action);

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=audit-user]")), Wait);
        Assert.Equal("Morgan Manager", page.Find("[data-testid=audit-user]").TextContent.Trim());
        Assert.StartsWith("Test: ", page.Find("[data-testid=audit-action]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Matches(@"^03/02/2026 \d{1,2}:04 (AM|PM) [A-Z]{2,5}$", page.Find("[data-testid=audit-time]").TextContent.Trim());

        Navigation.NavigateTo($"/settings/audit?action={action}&raw=1");

        page.WaitForAssertion(() => Assert.Equal("2026-03-02 15:04:05", page.Find("[data-testid=audit-time]").TextContent.Trim()), Wait);
        Assert.Equal(managerId, page.Find("[data-testid=audit-user]").TextContent.Trim());
        Assert.Equal(action, page.Find("[data-testid=audit-action]").TextContent.Trim());
    }

    [Fact]
    public void AuditPage_Filter_KeepsTheAddressFiltersAndAddsTheNewOnes()
    {
        SignIn(Acting.Admin);
        At("/settings/audit?action=payer.");
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=audit-filter]").GetAttribute("data-ready")), Wait);

        // The draft starts from the address; a new value joins it when the filter is applied.
        page.Find("[data-testid=filter-record]").Change("4711");
        page.Find("[data-testid=apply-filter]").Click();

        page.WaitForAssertion(() => Assert.Contains("record=4711", Navigation.Uri, StringComparison.Ordinal), Wait);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        Assert.Equal("payer.", query["action"].ToString());
        Assert.Equal("4711", page.Find("[data-testid=filter-record]").GetAttribute("value"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-rows]")), Wait);
    }

    [Fact]
    public async Task AuditPage_ExportCsv_DownloadsTheFilteredTrailAndRecordsTheExport()
    {
        var download = JSInterop.SetupModule("./js/download.js");
        download.SetupVoid("save", _ => true).SetVoidResult();
        var before = await App.CountAuditAsync("audit.export");
        var action = "test." + Guid.NewGuid().ToString("N")[..10];
        await App.WithDbAsync(d =>
        {
            d.AuditEvents.Add(new AuditEvent { At = DateTimeOffset.UtcNow, Actor = "cli:operator", Action = action });
            d.AuditEvents.Add(new AuditEvent { At = DateTimeOffset.UtcNow, Actor = "cli:operator", Action = action });
            return d.SaveChangesAsync();
        });
        SignIn(Acting.Admin);
        At("/settings/audit?action=" + action);
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=audit-time]")), Wait);

        page.Find("[data-testid=export-csv]").Click();

        page.WaitForAssertion(() => Assert.Single(download.Invocations, i => i.Identifier == "save"), TimeSpan.FromSeconds(5));
        var save = download.Invocations.Single(i => i.Identifier == "save");
        Assert.StartsWith("audit-trail-", (string)save.Arguments[0]!, StringComparison.Ordinal);
        Assert.Equal("text/csv", save.Arguments[1]);
        Assert.Equal(before + 1, await App.CountAuditAsync("audit.export"));
        var exported = await App.WithDbAsync(d => d.AuditEvents.Where(e => e.Action == "audit.export").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal("filters=action rows=2", exported.Details);
    }
}

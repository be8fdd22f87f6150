using System.Net;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Appeals.AppealTestData;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>Settings &gt; Templates: the list, edits saved as versions after the core parses them, preview, conflicts.</summary>
public class TemplateSettingsTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    // Only the timely-filing template is edited by these tests, so the other tests' letters are unaffected.
    private const string TemplateId = "timely-filing-proof";

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task TemplateEdit_InvalidFrontMatter_IsRefusedWithTheInputKept(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var url = $"/settings/templates/{TemplateId}";
        var page = await admin.GetDocumentAsync(url);
        var before = await factory.WithDbAsync(d => d.TemplateVersions.CountAsync(v => v.TemplateId == TemplateId));
        var broken = "---\nid: timely-filing-proof\ntitle: [unclosed\nrule: x\n---\nBody {{payer.name}}\n";

        var response = await PostFormAsync(admin, page, url, "[data-testid=template-form]", new Dictionary<string, string>
        {
            ["Edit.Content"] = broken,
            ["Edit.Action"] = "save",
        });
        var typo = await PostFormAsync(admin, page, url, "[data-testid=template-form]", new Dictionary<string, string>
        {
            ["Edit.Content"] = page.QuerySelector("[data-testid=template-content]")!.TextContent.Replace("rootCauses:", "rootCause:", StringComparison.Ordinal),
            ["Edit.Action"] = "save",
        });
        var renamed = await PostFormAsync(admin, page, url, "[data-testid=template-form]", new Dictionary<string, string>
        {
            ["Edit.Content"] = page.QuerySelector("[data-testid=template-content]")!.TextContent.Replace("id: timely-filing-proof", "id: another-id", StringComparison.Ordinal),
            ["Edit.Action"] = "save",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await BrowserlessClient.ParseAsync(response);
        Assert.Contains("front matter is not valid", result.QuerySelector("[data-testid=template-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(broken, result.QuerySelector("[data-testid=template-content]")!.TextContent);
        Assert.NotNull((await BrowserlessClient.ParseAsync(typo)).QuerySelector("[data-testid=template-error]"));
        Assert.Contains("must stay", (await BrowserlessClient.ParseAsync(renamed)).QuerySelector("[data-testid=template-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(d => d.TemplateVersions.CountAsync(v => v.TemplateId == TemplateId)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task TemplateEdit_ValidEdit_SavesNextVersion_PreviewUsesSampleData_AndNewLettersUseIt(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var url = $"/settings/templates/{TemplateId}";
        var page = await admin.GetDocumentAsync(url);
        var marker = "Edited sentence " + Guid.NewGuid().ToString("N")[..8] + ".";
        var content = page.QuerySelector("[data-testid=template-content]")!.TextContent.Replace("{{letter.date}}", "{{letter.date}}\n\n" + marker, StringComparison.Ordinal);

        var preview = await PostFormAsync(admin, page, url, "[data-testid=template-form]", new Dictionary<string, string> { ["Edit.Content"] = content, ["Edit.Action"] = "preview" });
        var previewPage = await BrowserlessClient.ParseAsync(preview);
        Assert.Contains(marker, previewPage.QuerySelector("[data-testid=template-preview-html]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sample Patient", previewPage.QuerySelector("[data-testid=template-preview-html]")!.TextContent, StringComparison.Ordinal);
        var versionBefore = await factory.WithDbAsync(d => d.TemplateVersions.Where(v => v.TemplateId == TemplateId).MaxAsync(v => (int?)v.Version)) ?? 0;

        var saved = await PostFormAsync(admin, page, url, "[data-testid=template-form]", new Dictionary<string, string> { ["Edit.Content"] = content, ["Edit.Action"] = "save" });
        var stale = await PostFormAsync(admin, page, url, "[data-testid=template-form]", new Dictionary<string, string> { ["Edit.Content"] = content + "\nOther edit.", ["Edit.Action"] = "save" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains($"saved={versionBefore + 1}", Location(saved), StringComparison.Ordinal);
        var stalePage = await BrowserlessClient.ParseAsync(stale);
        Assert.Contains("after you opened the template", stalePage.QuerySelector("[data-testid=template-error]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(stalePage.QuerySelector("[data-testid=diff-table]"));
        Assert.Equal(versionBefore + 1, await factory.WithDbAsync(d => d.TemplateVersions.Where(v => v.TemplateId == TemplateId).MaxAsync(v => v.Version)));
        Assert.Equal(1, await factory.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.Action == "template.version-saved" && e.Details == $"version={versionBefore + 1}" && e.EntityId == TemplateId)));
        var list = await admin.GetDocumentAsync("/settings/templates");
        Assert.Equal((versionBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            list.QuerySelector($"tr[data-template={TemplateId}] [data-testid=template-version]")!.TextContent.Trim());

        var denialId = await ReadyDenialAsync(factory);
        using var specialist = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(specialist, factory, denialId, templateId: TemplateId);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal(versionBefore + 1, appeal.TemplateVersion);
        Assert.Contains(marker, appeal.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Templates_OnlyAdminsOpenThem_AndAnUnknownTemplateIsNotFound(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var specialist = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");

        var denied = await specialist.Http.GetAsync("/settings/templates");
        var missing = await admin.Http.GetAsync("/settings/templates/no-such-template");
        var list = await admin.GetDocumentAsync("/settings/templates");

        Assert.Contains("/account/access-denied", denied.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True(list.QuerySelectorAll("[data-testid=templates] tbody tr").Length >= 10);
        Assert.NotNull(list.QuerySelector("tr[data-template=ortho-modifier-59]"));
    }
}

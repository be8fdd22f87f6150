using AppealStudio.Core.Letters;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Settings;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Appeals.AppealTestData;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>
/// Settings &gt; Templates through the service the page calls: the list, a template as fields or as its source, saves
/// judged by the core's parser with the reason at the field, preview with sample data, conflicts, versions.
/// </summary>
public class TemplateSettingsTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    // Only the timely-filing template is edited by these tests, so the other tests' letters are unaffected.
    private const string TemplateId = "timely-filing-proof";

    private static Task<T> AsAdminAsync<T>(AppFactory factory, Func<TemplateAdministration, Task<T>> operation) =>
        Acting.RunAsync(factory, Acting.Admin, operation);

    private static Task<int> VersionCountAsync(AppFactory factory) =>
        factory.WithDbAsync(d => d.TemplateVersions.CountAsync(v => v.TemplateId == TemplateId));

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task SaveSource_InvalidFrontMatterTypoOrRenamedId_IsRefusedAtTheSource_NothingSaved(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var editor = (await AsAdminAsync(factory, t => t.OpenAsync(TemplateId, null)))!;
        var before = await VersionCountAsync(factory);
        var file = editor.Shown.FileName;
        var version = editor.Current.Version;

        var broken = await AsAdminAsync(factory, t => t.SaveAsync(TemplateId, "---\nid: timely-filing-proof\ntitle: [unclosed\nrule: x\n---\nBody {{payer.name}}\n", file, version));
        var typo = await AsAdminAsync(factory, t => t.SaveAsync(TemplateId, editor.Shown.Content.Replace("rootCauses:", "rootCause:", StringComparison.Ordinal), file, version));
        var renamed = await AsAdminAsync(factory, t => t.SaveAsync(TemplateId, editor.Shown.Content.Replace("id: timely-filing-proof", "id: another-id", StringComparison.Ordinal), file, version));

        var error = Assert.Single(broken.Errors);
        Assert.Equal((TemplateAdministration.SourceField, false), (error.Field, broken.Succeeded));
        Assert.Contains("front matter is not valid", error.Message, StringComparison.Ordinal);
        Assert.Equal(TemplateAdministration.SourceField, Assert.Single(typo.Errors).Field);
        Assert.Contains("must stay", Assert.Single(renamed.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(before, await VersionCountAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task SaveForm_ParserErrors_ComeBackAtTheFieldTheyAreAbout(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var editor = (await AsAdminAsync(factory, t => t.OpenAsync(TemplateId, null)))!;
        var document = editor.Document!;
        var file = editor.Shown.FileName;
        var version = editor.Current.Version;
        var before = await VersionCountAsync(factory);
        var last = document.Sections.Count - 1;

        var noTitle = await AsAdminAsync(factory, t => t.SaveAsync(TemplateId, document with { Title = " " }, file, version));
        var noRule = await AsAdminAsync(factory, t => t.SaveAsync(TemplateId, document with { Rule = "" }, file, version));
        var unusedFact = await AsAdminAsync(factory, t => t.SaveAsync(TemplateId, document with { RequiredFacts = [.. document.RequiredFacts, "claim.notInTheBody"] }, file, version));
        var badSection = await AsAdminAsync(factory, t => t.SaveAsync(TemplateId,
            document with { Sections = [.. document.Sections.Take(last), document.Sections[last] with { Text = document.Sections[last].Text + "\n{{#if payer.name}}never closed" }] },
            file, version));

        Assert.Equal(nameof(TemplateDocument.Title), Assert.Single(noTitle.Errors).Field);
        Assert.StartsWith("'title' is required", noTitle.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(nameof(TemplateDocument.Rule), Assert.Single(noRule.Errors).Field);
        Assert.Equal(nameof(TemplateDocument.RequiredFacts), Assert.Single(unusedFact.Errors).Field);
        Assert.Equal(TemplateAdministration.SectionField + last.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(badSection.Errors).Field);
        Assert.Equal(before, await VersionCountAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task SaveForm_ValidEdit_SavesTheNextVersion_PreviewUsesSampleData_StaleSaveConflicts_AndNewLettersUseIt(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var editor = (await AsAdminAsync(factory, t => t.OpenAsync(TemplateId, null)))!;
        var marker = "Edited sentence " + Guid.NewGuid().ToString("N")[..8] + ".";
        var document = editor.Document!;
        var edited = document with { Sections = [document.Sections[0] with { Text = document.Sections[0].Text + "\n\n" + marker }, .. document.Sections.Skip(1)] };
        var file = editor.Shown.FileName;
        var versionBefore = editor.Current.Version;

        var preview = await AsAdminAsync(factory, t => Task.FromResult(t.Preview(edited, file)));
        var saved = await AsAdminAsync(factory, t => t.SaveAsync(TemplateId, edited, file, versionBefore));
        var stale = await AsAdminAsync(factory, t => t.SaveAsync(TemplateId, edited with { Title = edited.Title + " (other edit)" }, file, versionBefore));

        Assert.Contains(marker, preview.Html, StringComparison.Ordinal);
        Assert.Contains("Sample Patient", preview.Html, StringComparison.Ordinal);
        Assert.Equal(versionBefore + 1, saved.Saved!.Version);
        Assert.True(stale.Conflict);
        Assert.Contains("after you opened the template", Assert.Single(stale.Errors).Message, StringComparison.Ordinal);
        Assert.Contains(marker, stale.CurrentContent, StringComparison.Ordinal);
        Assert.Equal(versionBefore + 1, stale.CurrentVersion);
        Assert.Equal(versionBefore + 1, await factory.WithDbAsync(d => d.TemplateVersions.Where(v => v.TemplateId == TemplateId).MaxAsync(v => v.Version)));
        Assert.Equal(1, await factory.WithDbAsync(d => d.AuditEvents.CountAsync(e =>
            e.Action == "template.version-saved" && e.Details == $"version={versionBefore + 1}" && e.EntityId == TemplateId)));
        var list = await AsAdminAsync(factory, t => t.ListAsync());
        Assert.Equal(versionBefore + 1, list.Templates.Single(t => t.Id == TemplateId).Version);

        // The saved version reads back as the same fields (the form does not drift the template).
        var reopened = (await AsAdminAsync(factory, t => t.OpenAsync(TemplateId, null)))!;
        Assert.Equal(edited.Write(), reopened.Document!.Write());
        Assert.Equal(versionBefore + 1, reopened.History[0].Version);

        // New letters start from the newest version.
        var denialId = await ReadyDenialAsync(factory);
        var started = await Acting.RunAsync<StartAppeal, AppealResult>(factory, Acting.Specialist, w => w.StartAsync(denialId, TemplateId,
            new LetterStartDetails("Appeals Department\nPO Box 100\nSpringfield, IL 62701", "Example Health Plan policy RP-1", new Dictionary<string, string>()),
            autoEvidence: true));
        var appeal = await AppealAsync(factory, started.AppealId);
        Assert.Equal(versionBefore + 1, appeal.TemplateVersion);
        Assert.Contains(marker, appeal.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Templates_ListHasTheLibrary_AnOlderVersionOpens_AndAnUnknownTemplateIsNotFound(TestDatabase db)
    {
        var factory = AppFactory.For(db);

        var list = await AsAdminAsync(factory, t => t.ListAsync());
        var missing = await AsAdminAsync(factory, t => t.OpenAsync("no-such-template", null));
        var file = await AsAdminAsync(factory, t => t.OpenAsync("ortho-modifier-59", 0));

        Assert.True(list.Templates.Count >= 10);
        Assert.Contains(list.Templates, t => t.Id == "ortho-modifier-59" && t.Clinical);
        Assert.Null(missing);
        Assert.Equal(0, file!.Shown.Version);
        Assert.Equal(["distinct_site", "separate_approach"], file.Document!.EvidenceSlots.Select(s => s.Name));
        Assert.Contains(file.Document.Sections, s => s.Heading == ClinicalNarrative.Heading);
    }
}

using AppealStudio.Data.Appeals;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>
/// The appeal workspace rendered with bunit over the real app: starting a letter, the editor's autosave and conflict,
/// the evidence panel's quote at the cursor, and the panels that say why an action is not available.
/// </summary>
public class AppealWorkspaceRenderTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(long denialId, string ready)
    {
        var page = RenderInApp<AppealWorkspacePage>(new Dictionary<string, object?> { [nameof(AppealWorkspacePage.Id)] = denialId });
        page.WaitForAssertion(() => page.Find(ready), Wait);
        return page;
    }

    private async Task<long> StartedAsync(long denialId, string template = "ortho-modifier-59", bool autoEvidence = true)
    {
        var result = await ActingAs.RunAsync<StartAppeal, AppealResult>(App, Specialist,
            // Most of these denials have no chart linked, so the record-support check would refuse; these tests are
            // about the editor and panels, so the letter is drafted anyway as the specialist may choose to.
            w => w.StartAsync(denialId, template, LetterStartDetails.None, autoEvidence, allowUnsupported: true));
        Assert.True(result.Succeeded, result.Message);
        return result.AppealId;
    }

    [Fact]
    public async Task Start_ShowsTheBestFitFirstAndOnlyTheChosenTemplatesFields_AndStartsOnce()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        await AppealTestData.AddChartAsync(App, denialId);
        SignIn(Specialist);
        var page = Open(denialId, "[data-testid=start-form]");

        var first = page.FindAll("[data-testid=suggestion]").First();
        Assert.Contains("modifier 59", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Best fit", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Matches scenario", first.QuerySelector("[data-testid=suggestion-reason]")!.TextContent, StringComparison.Ordinal);
        // The passages of the linked operative report are already beside the form.
        Assert.NotEmpty(page.FindAll("[data-testid=passage]"));

        page.Find("[data-testid=start-letter]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=letter-panel]"), Wait);

        var appeals = await App.WithDbAsync(d => d.Appeals.Where(a => a.DenialId == denialId).ToListAsync());
        var appeal = Assert.Single(appeals);
        Assert.Equal("ortho-modifier-59", appeal.TemplateId);
        Assert.NotEmpty(await App.WithDbAsync(d => d.AppealExcerpts.Where(e => e.AppealId == appeal.Id).ToListAsync()));
        // A second start (another tab, a double click) opens the same letter.
        var again = await ActingAs.RunAsync<StartAppeal, AppealResult>(App, Specialist,
            w => w.StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, autoEvidence: false));
        Assert.Equal((AppealOutcome.Unchanged, appeal.Id), (again.Outcome, again.AppealId));
    }

    [Fact]
    public async Task Start_ChoosingAnotherTemplate_ShowsThatTemplatesDetailFieldsOnly()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        SignIn(Specialist);
        var page = Open(denialId, "[data-testid=start-form]");
        var before = page.FindAll("[data-testid^=detail-]").Select(e => e.GetAttribute("data-testid")).ToList();

        // The eligibility letter (it asks for the coverage finding) does not fit a CARC 97 denial: it is under "Other
        // templates", which opens on a click.
        if (page.FindAll("input[data-testid=template-eligibility-cob]").Count == 0)
        {
            page.Find(".mud-expand-panel-header").Click();
        }

        page.WaitForAssertion(() => page.Find("input[data-testid=template-eligibility-cob]"), Wait);
        page.Find("input[data-testid=template-eligibility-cob]").Click();

        page.WaitForAssertion(() =>
        {
            var after = page.FindAll("[data-testid^=detail-]").Select(e => e.GetAttribute("data-testid")).ToList();
            Assert.NotEqual(before, after);
            Assert.Contains("detail-coverageFinding", after);
        }, Wait);
    }

    [Fact]
    public async Task Editor_Change_AutosavesAndTheStateSaysSo()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        var appealId = await StartedAsync(denialId);
        SignIn(Specialist);
        var page = Open(denialId, "[data-testid=letter-panel]");
        var editor = page.FindComponent<LetterEditor>();
        var text = (await AppealTestData.AppealAsync(App, appealId)).Markdown + "\n\nA sentence the specialist added.";

        await editor.InvokeAsync(() => editor.Instance.OnEditorChanged(text));

        page.WaitForAssertion(() => Assert.Equal("saved", page.Find("[data-testid=save-state]").GetAttribute("data-state")), Wait);
        var saved = await AppealTestData.AppealAsync(App, appealId);
        Assert.EndsWith("A sentence the specialist added.", saved.Markdown, StringComparison.Ordinal);
        Assert.Equal(AppealRules.KindAutosave, (await AppealTestData.RevisionsAsync(App, appealId)).OrderBy(r => r.Number).Last().Kind);
    }

    [Fact]
    public async Task PreviewTab_DraftWithMergeFields_ShowsTheLetterAsSentWithTheFieldsResolved()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        var appealId = await StartedAsync(denialId);
        var stored = (await AppealTestData.AppealAsync(App, appealId)).Markdown;
        Assert.Contains("{{letter.date}}", stored, StringComparison.Ordinal);
        SignIn(Specialist);
        var page = Open(denialId, "[data-testid=letter-panel]");

        // Found and clicked on the renderer's thread: the editor's ready callback can re-render the tabs in between.
        await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.Contains("Preview as sent", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() =>
        {
            var preview = page.Find("[data-testid=letter-preview]").TextContent;
            Assert.DoesNotContain("{{", preview, StringComparison.Ordinal);
            Assert.Contains("Dear Appeals Reviewer", preview, StringComparison.Ordinal);
        }, Wait);
        // Previewing resolves for the screen only: the stored draft keeps its fields for the export to fill.
        Assert.Equal(stored, (await AppealTestData.AppealAsync(App, appealId)).Markdown);
    }

    [Fact]
    public async Task Editor_SomeoneElseSavedFirst_ShowsBothVersionsAndKeepingMineLosesNothing()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        var appealId = await StartedAsync(denialId);
        SignIn(Specialist);
        var page = Open(denialId, "[data-testid=letter-panel]");
        var original = (await AppealTestData.AppealAsync(App, appealId)).Markdown;
        // A manager saves their version while the specialist's editor is open on the old one.
        var theirs = original + "\n\nThe manager's paragraph.";
        Assert.True((await ActingAs.RunAsync<SaveLetter, AppealResult>(App, "manager@demo.local",
            w => w.SaveAsync(appealId, theirs, 1, AppealRules.KindDraft))).Succeeded);
        var editor = page.FindComponent<LetterEditor>();

        // The browser's change callback: its save waits on the conflict dialog, which the user answers below.
        var typing = editor.InvokeAsync(() => editor.Instance.OnEditorChanged(original + "\n\nThe specialist's paragraph."));

        page.WaitForAssertion(() => page.Find("[data-testid=conflict-dialog]"), Wait);
        var diff = page.Find("[data-testid=diff-table]").TextContent;
        Assert.Contains("The manager's paragraph.", diff, StringComparison.Ordinal);
        Assert.Contains("The specialist's paragraph.", diff, StringComparison.Ordinal);
        page.Find("[data-testid=conflict-mine]").Click();

        await typing.WaitAsync(Wait);
        await EventuallyAsync(async () =>
            Assert.EndsWith("The specialist's paragraph.", (await AppealTestData.AppealAsync(App, appealId)).Markdown, StringComparison.Ordinal), Wait);
        // The manager's version is still in the history.
        Assert.Contains(await AppealTestData.RevisionsAsync(App, appealId), r => r.Markdown.EndsWith("The manager's paragraph.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Editor_TakingTheirVersion_KeepsMyTextBesideTheEditor()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        var appealId = await StartedAsync(denialId);
        SignIn(Specialist);
        var page = Open(denialId, "[data-testid=letter-panel]");
        var original = (await AppealTestData.AppealAsync(App, appealId)).Markdown;
        Assert.True((await ActingAs.RunAsync<SaveLetter, AppealResult>(App, "manager@demo.local",
            w => w.SaveAsync(appealId, original + "\n\nTheirs.", 1, AppealRules.KindDraft))).Succeeded);
        var editor = page.FindComponent<LetterEditor>();

        var typing = editor.InvokeAsync(() => editor.Instance.OnEditorChanged(original + "\n\nMine, unsaved."));
        page.WaitForAssertion(() => page.Find("[data-testid=conflict-theirs]"), Wait);
        page.Find("[data-testid=conflict-theirs]").Click();
        await typing.WaitAsync(Wait);

        page.WaitForAssertion(() => Assert.Contains("Mine, unsaved.", page.Find("[data-testid=kept-text]").TextContent, StringComparison.Ordinal), Wait);
        Assert.EndsWith("Theirs.", (await AppealTestData.AppealAsync(App, appealId)).Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_QuoteAtTheCursor_AddsTheExcerptAndInsertsItsQuotationWithTheCitation()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        await AppealTestData.AddChartAsync(App, denialId);
        // No passage chosen yet, so quoting the best one adds it as an excerpt as well.
        var appealId = await StartedAsync(denialId, "medical-necessity", autoEvidence: false);
        var module = JSInterop.SetupModule("./js/letter-editor.js");
        module.Setup<bool>("insertAtCursor", _ => true).SetResult(true);
        SignIn(Specialist);
        var page = Open(denialId, "[data-testid=evidence-panel]");
        var excerptsBefore = await App.WithDbAsync(d => d.AppealExcerpts.CountAsync(e => e.AppealId == appealId));

        page.FindAll("[data-testid=insert-excerpt]").First().Click();

        page.WaitForAssertion(() =>
        {
            var call = module.Invocations.Single(i => i.Identifier == "insertAtCursor");
            var text = (string)call.Arguments[1]!;
            Assert.Matches(@"\[E\d+\]$", text);
            Assert.StartsWith("\"", text, StringComparison.Ordinal);
        }, Wait);
        Assert.Equal(excerptsBefore + 1, await App.WithDbAsync(d => d.AppealExcerpts.CountAsync(e => e.AppealId == appealId)));
    }

    [Fact]
    public async Task Panels_WithBlockingProblems_SignOffAndExportSayWhyTheyAreUnavailable()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        await StartedAsync(denialId);
        SignIn(Specialist);

        var page = Open(denialId, "[data-testid=letter-panel]");

        Assert.NotEmpty(page.FindAll("[data-testid=letter-issues-blocking] li"));
        Assert.NotNull(page.Find("[data-testid=signoff-blocked]"));
        Assert.True(page.Find("[data-testid=request-signoff]").HasAttribute("disabled"));
        Assert.False(string.IsNullOrWhiteSpace(page.Find("[data-testid=export-refused]").TextContent));
        var docx = page.Find("[data-testid=export-docx]");
        Assert.True(docx.HasAttribute("disabled") || docx.GetAttribute("aria-disabled") == "true" || docx.GetAttribute("href") is null, docx.OuterHtml);
    }

    [Fact]
    public async Task Workspace_PastTheDeadlineWithoutALetter_WarnsBeforeStarting()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        await App.WithDbAsync(async d =>
        {
            var denial = await d.Denials.SingleAsync(x => x.Id == denialId);
            denial.AppealDeadline = DateOnly.FromDateTime(DateTime.Today).AddDays(-3);
            return await d.SaveChangesAsync();
        });
        SignIn(Specialist);

        var page = Open(denialId, "[data-testid=start-form]");

        Assert.Contains("The appeal deadline passed", page.Find("[data-testid=deadline-passed]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workspace_ViewIsAudited_AndAPhysicianIsRefusedByTheService()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        var appealId = await StartedAsync(denialId);
        SignIn(Specialist);

        Open(denialId, "[data-testid=letter-panel]");

        Assert.True(await App.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "appeal.view" && e.EntityId == appealId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<AppealWorkspace, WorkspaceModel?>(App, "physician@demo.local", w => w.LoadAsync(denialId)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<SaveLetter, AppealResult>(App, "physician@demo.local", w => w.SaveAsync(appealId, "x", 1, AppealRules.KindDraft)));
    }

    [Fact]
    public async Task History_ShowsEveryVersionAndTheDifferenceBetweenTwo()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        var appealId = await StartedAsync(denialId);
        var text = (await AppealTestData.AppealAsync(App, appealId)).Markdown;
        Assert.True((await ActingAs.RunAsync<SaveLetter, AppealResult>(App, Specialist,
            w => w.SaveAsync(appealId, text + "\n\nSecond version line.", 1, AppealRules.KindDraft))).Succeeded);
        SignIn(Specialist);

        var page = RenderInApp<AppealHistoryPage>(new Dictionary<string, object?> { [nameof(AppealHistoryPage.Id)] = appealId });

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=revisions] tbody tr").Count), Wait);
        Assert.Contains("Second version line.", string.Join("\n", page.FindAll("[data-testid=diff-table] .diff-added").Select(r => r.TextContent)), StringComparison.Ordinal);
        Assert.True(await App.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "appeal.history")));
    }
}

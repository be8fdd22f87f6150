using System.Net;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AppealStudio.Web.Tests.Appeals.AppealTestData;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>
/// What the workspace's panels call, on every database: starting a letter, choosing evidence, saving with versions,
/// conflicts and second clicks. The panels themselves (what a click shows) are rendered in <see cref="AppealWorkspaceRenderTests"/>.
/// </summary>
public class AppealWorkspaceTests
{
    private const string Specialist = "specialist@demo.local";

    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static Task<AppealResult> SaveAsync(AppFactory factory, string email, long appealId, string markdown, int version, string kind = "draft") =>
        ActingAs.RunAsync<SaveLetter, AppealResult>(factory, email, w => w.SaveAsync(appealId, markdown, version, kind));

    private static Task<WorkspaceModel?> LoadAsync(AppFactory factory, long denialId, string email = Specialist) =>
        ActingAs.RunAsync<AppealWorkspace, WorkspaceModel?>(factory, email, w => w.LoadAsync(denialId));

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Workspace_Modifier59Denial_SuggestsOrthoTemplateWithReason_AndShowsRankedEvidenceWithMarks(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);

        var model = (await LoadAsync(factory, denialId))!;

        var first = model.Suggestions[0];
        Assert.Equal("ortho-modifier-59", first.Template.Id);
        Assert.Contains("scenario modifier-59", first.Reason, StringComparison.Ordinal);
        var passage = model.Passages[0];
        Assert.Contains("contralateral left knee", passage.Text, StringComparison.Ordinal);
        Assert.NotEmpty(passage.FactSpans);
        var linked = Assert.Single(model.Linked);
        Assert.Equal(ServiceDate, linked.Document.EncounterDate);
        Assert.Equal(1, await factory.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.Action == "appeal.view" && e.Details!.Contains("denial=" + denialId.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StartLetter_WithBestEvidence_CreatesDraftWithFilledLetterRevisionAndExcerpts(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);

        var appealId = await StartLetterAsync(client, factory, denialId);

        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal(AppealStatus.Draft, appeal.Status);
        Assert.Equal("ortho-modifier-59", appeal.TemplateId);
        Assert.Equal(DenialStatus.InProgress, appeal.Denial.Status);
        Assert.Contains("contralateral left knee", appeal.Markdown, StringComparison.Ordinal);
        Assert.Contains("[E1]", appeal.Markdown, StringComparison.Ordinal);
        Assert.Contains("Example Health Plan reimbursement policy RP-059", appeal.Markdown, StringComparison.Ordinal);
        // Directory values stay merge fields in the draft and are resolved when the letter is shown.
        Assert.Contains("{{signer.nameWithCredentials}}", appeal.Markdown, StringComparison.Ordinal);
        Assert.Equal("E1", appeal.Excerpts.OrderBy(e => e.Id).First().Label);
        Assert.Equal("distinct_site", appeal.Excerpts.OrderBy(e => e.Id).First().Slot);
        var revision = Assert.Single(await RevisionsAsync(factory, appealId));
        Assert.Equal((1, "template"), (revision.Number, revision.Kind));
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.started", appealId));

        var model = (await LoadAsync(factory, denialId))!;
        Assert.Empty(model.State!.Blocking);
        Assert.Contains("contralateral left knee", model.State.Resolved, StringComparison.Ordinal);
        Assert.Contains("Dana Reyes, MD", model.State.Resolved, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", model.State.Resolved, StringComparison.Ordinal);
        Assert.Contains(model.State.Cited, c => c.Marker == "E1");
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StartLetter_SecondClick_KeepsOneAppeal(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);

        var first = await ActingAs.RunAsync<StartAppeal, AppealResult>(factory, Specialist, w => w.StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, true));
        var second = await ActingAs.RunAsync<StartAppeal, AppealResult>(factory, Specialist, w => w.StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, true));

        Assert.Equal(AppealOutcome.Done, first.Outcome);
        Assert.Equal((AppealOutcome.Unchanged, first.AppealId), (second.Outcome, second.AppealId));
        Assert.Contains("already started", second.Message, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(d => d.Appeals.CountAsync(a => a.DenialId == denialId)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StartLetter_SimultaneousClicksOnADenialInProgress_KeepOneAppeal(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        // In progress already (someone added a note, say): starting the letter changes no status, yet must still
        // stop a second appeal being created by a click that arrives at the same moment.
        await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == denialId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, DenialStatus.InProgress)));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            ActingAs.RunAsync<StartAppeal, AppealResult>(factory, Specialist, w => w.StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, true))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results.Select(r => r.AppealId).Distinct());
        Assert.Equal(1, await factory.WithDbAsync(d => d.Appeals.CountAsync(a => a.DenialId == denialId)));
        Assert.Equal(1, await factory.WithDbAsync(d => d.LetterRevisions.CountAsync(r => d.Appeals.Any(a => a.Id == r.AppealId && a.DenialId == denialId))));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StartLetter_UnknownTemplate_IsRefusedAtTheTemplateField_AndStartsNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);

        var result = await ActingAs.RunAsync<StartAppeal, AppealResult>(factory, Specialist,
            w => w.StartAsync(denialId, "no-such-template", new LetterStartDetails(null, "Policy 77", new Dictionary<string, string>()), true));
        var badLevel = await ActingAs.RunAsync<StartAppeal, AppealResult>(factory, Specialist,
            w => w.StartAsync(denialId, "ortho-modifier-59", new LetterStartDetails(null, null, new Dictionary<string, string>(), "Level 9"), true));

        Assert.Equal((AppealOutcome.Invalid, "TemplateId"), (result.Outcome, result.Field));
        Assert.Contains("Choose a template", result.Message, StringComparison.Ordinal);
        Assert.Equal((AppealOutcome.Invalid, "Level"), (badLevel.Outcome, badLevel.Field));
        Assert.Equal(0, await factory.WithDbAsync(d => d.Appeals.CountAsync(a => a.DenialId == denialId)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Evidence_PickExcerptAndRefill_QuotesItInTheLetter_AndRemoveDeletesIt(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var appealId = await StartLetterAsync(client, factory, denialId, autoEvidence: false);
        Assert.Contains("[[MISSING: evidence.distinct_site]]", (await AppealAsync(factory, appealId)).Markdown, StringComparison.Ordinal);
        var model = (await LoadAsync(factory, denialId))!;
        Assert.Contains(model.State!.Blocking, i => i.Kind == LetterIssueKind.EmptyRequiredEvidence);
        var passage = model.Passages[0];
        var document = model.Linked.Single(l => l.Document.Id == passage.DocumentId).Entity.Id;
        Task<AppealResult> AddAsync(string slot) =>
            ActingAs.RunAsync<ChooseExcerpts, AppealResult>(factory, Specialist, w => w.AddExcerptAsync(appealId, document, passage.Start, passage.End, slot));

        Assert.Equal(AppealOutcome.Done, (await AddAsync("distinct_site")).Outcome);
        Assert.Equal(AppealOutcome.Unchanged, (await AddAsync("distinct_site")).Outcome);
        var excerpt = Assert.Single((await AppealAsync(factory, appealId)).Excerpts);
        Assert.Equal(("E1", "distinct_site"), (excerpt.Label, excerpt.Slot));
        var wrongSlot = await AddAsync("no_such_slot");
        Assert.Equal((AppealOutcome.Invalid, "Slot"), (wrongSlot.Outcome, wrongSlot.Field));

        // The same passage for the second slot (it shows the separate portals too): quoted once, cited in both.
        Assert.Equal(AppealOutcome.Done, (await AddAsync("separate_approach")).Outcome);
        var both = (await AppealAsync(factory, appealId)).Excerpts.OrderBy(e => e.Id).ToList();
        Assert.Equal([("E1", "distinct_site"), ("E1", "separate_approach")], both.Select(e => (e.Label, e.Slot!)));

        var version = (await AppealAsync(factory, appealId)).Version;
        var refill = await ActingAs.RunAsync<RefillEvidence, AppealResult>(factory, Specialist, w => w.RefillEvidenceAsync(appealId, version));
        Assert.Equal(AppealOutcome.Done, refill.Outcome);
        var appeal = await AppealAsync(factory, appealId);
        Assert.DoesNotContain("[[MISSING: evidence.distinct_site]]", appeal.Markdown, StringComparison.Ordinal);
        Assert.Contains("> \"", appeal.Markdown, StringComparison.Ordinal);
        Assert.Contains("[E1]", appeal.Markdown, StringComparison.Ordinal);
        Assert.Contains(await RevisionsAsync(factory, appealId), r => r.Kind == "template" && r.Number > 1);
        Assert.DoesNotContain((await LoadAsync(factory, denialId))!.State!.Blocking, i => i.Kind == LetterIssueKind.EmptyRequiredEvidence);

        foreach (var e in appeal.Excerpts.ToList())
        {
            Assert.True((await ActingAs.RunAsync<ChooseExcerpts, AppealResult>(factory, Specialist, w => w.RemoveExcerptAsync(appealId, e.Id))).Succeeded);
        }

        Assert.Empty((await AppealAsync(factory, appealId)).Excerpts);
        Assert.Contains((await LoadAsync(factory, denialId))!.State!.Blocking, i => i.Kind == LetterIssueKind.UnknownCitation);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Save_EditedText_AddsRevision_AndHistoryHasBothVersions(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var appealId = await StartLetterAsync(client, factory, denialId);
        var edited = (await AppealAsync(factory, appealId)).Markdown + "\nThank you for your prompt review.\n";

        var saved = await SaveAsync(factory, Specialist, appealId, edited, 1);

        Assert.Equal((AppealOutcome.Done, 2), (saved.Outcome, saved.Version));
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal(2, appeal.Version);
        Assert.Contains("Thank you for your prompt review.", appeal.Markdown, StringComparison.Ordinal);
        Assert.Equal(new[] { "template", "draft" }, (await RevisionsAsync(factory, appealId)).Select(r => r.Kind));
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.saved", appealId));
        var history = await ActingAs.RunAsync<AppealWorkspace, (Appeal, IReadOnlyList<LetterRevision>)?>(factory, Specialist, w => w.HistoryAsync(appealId));
        Assert.Equal(2, history!.Value.Item2.Count);
        var diff = TextDiff.Lines(history.Value.Item2.Single(r => r.Number == 1).Markdown, history.Value.Item2.Single(r => r.Number == 2).Markdown);
        Assert.Contains(diff, l => l.Kind == DiffKind.Added && l.Text.Contains("Thank you for your prompt review.", StringComparison.Ordinal));
        Assert.DoesNotContain(diff, l => l.Kind == DiffKind.Removed);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Save_BadText_IsRefusedAndKeepsTheLetter(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var appealId = await StartLetterAsync(client, factory, denialId);
        var before = (await AppealAsync(factory, appealId)).Markdown;

        var empty = await SaveAsync(factory, Specialist, appealId, "   ", 1);
        var huge = await SaveAsync(factory, Specialist, appealId, new string('x', AppealRules.MaxLetterLength + 1), 1);
        var kind = await SaveAsync(factory, Specialist, appealId, before + "x", 1, "bogus");

        Assert.Equal((AppealOutcome.Invalid, "Markdown"), (empty.Outcome, empty.Field));
        Assert.Equal((AppealOutcome.Invalid, "Markdown"), (huge.Outcome, huge.Field));
        Assert.Equal(AppealOutcome.Invalid, kind.Outcome);
        Assert.Equal(before, (await AppealAsync(factory, appealId)).Markdown);
        Assert.Single(await RevisionsAsync(factory, appealId));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Save_SameTextTwice_CreatesOneRevision(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var appealId = await StartLetterAsync(client, factory, denialId);
        var text = (await AppealAsync(factory, appealId)).Markdown.Replace("Dear Appeals Reviewer:", "Dear Reviewer:", StringComparison.Ordinal);

        var first = await SaveAsync(factory, Specialist, appealId, text, 1);
        var second = await SaveAsync(factory, Specialist, appealId, text, 1);

        Assert.Equal(AppealOutcome.Done, first.Outcome);
        Assert.Equal(AppealOutcome.Unchanged, second.Outcome);
        Assert.Equal(2, (await RevisionsAsync(factory, appealId)).Count);
        Assert.Equal(2, (await AppealAsync(factory, appealId)).Version);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Save_StaleVersion_ConflictKeepsTheUsersText_AndSaveMineAnywayWins(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var alice = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var appealId = await StartLetterAsync(alice, factory, denialId);
        var original = (await AppealAsync(factory, appealId)).Markdown;
        var aliceText = original + "\nAlice's closing line.\n";
        var bobText = original + "\nBob's closing line.\n";

        var saved = await SaveAsync(factory, Specialist, appealId, aliceText, 1);
        var conflict = await SaveAsync(factory, "manager@demo.local", appealId, bobText, 1);

        Assert.Equal(AppealOutcome.Done, saved.Outcome);
        Assert.Equal(AppealOutcome.Conflict, conflict.Outcome);
        Assert.Contains("Alice's closing line.", conflict.CurrentMarkdown, StringComparison.Ordinal);
        Assert.Equal(2, conflict.Version);
        Assert.Contains("Alice's closing line.", (await AppealAsync(factory, appealId)).Markdown, StringComparison.Ordinal);

        // "Keep mine": Bob saves over the version the conflict showed him.
        var forced = await SaveAsync(factory, "manager@demo.local", appealId, bobText, conflict.Version);

        Assert.Equal(AppealOutcome.Done, forced.Outcome);
        Assert.Contains("Bob's closing line.", (await AppealAsync(factory, appealId)).Markdown, StringComparison.Ordinal);
        Assert.Equal(3, (await RevisionsAsync(factory, appealId)).Count);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Autosave_ReplacesItsOwnAutosave_AnExplicitSaveKeepsIt_AndAStaleAutosaveConflicts(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var appealId = await StartLetterAsync(client, factory, denialId);
        var text = (await AppealAsync(factory, appealId)).Markdown;

        var first = await SaveAsync(factory, Specialist, appealId, text + "\nOne", 1, "autosave");
        var second = await SaveAsync(factory, Specialist, appealId, text + "\nOne two", first.Version, "autosave");

        Assert.Equal((AppealOutcome.Done, 2), (first.Outcome, first.Version));
        Assert.Equal(AppealOutcome.Done, second.Outcome);
        var revisions = await RevisionsAsync(factory, appealId);
        Assert.Equal(new[] { "template", "autosave" }, revisions.Select(r => r.Kind));
        Assert.EndsWith("One two", revisions[1].Markdown, StringComparison.Ordinal);

        var explicitSave = await SaveAsync(factory, Specialist, appealId, text + "\nOne two", second.Version, "draft");
        Assert.True(explicitSave.Succeeded, explicitSave.Message);
        Assert.Equal(new[] { "template", "draft" }, (await RevisionsAsync(factory, appealId)).Select(r => r.Kind));

        var stale = await SaveAsync(factory, Specialist, appealId, text + "\nSomething else", 1, "autosave");
        Assert.Equal(AppealOutcome.Conflict, stale.Outcome);
        Assert.EndsWith("One two", (await AppealAsync(factory, appealId)).Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Check_TypedText_ReportsPlaceholdersAndUncitedClinicalStatements_AndThePreviewShowsRawHtmlAsText(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var appealId = await StartLetterAsync(client, factory, denialId);

        var issues = await ActingAs.RunAsync<AppealWorkspace, IReadOnlyList<LetterIssue>>(factory, Specialist,
            w => w.CheckAsync(appealId, "**Bold** claim <script>alert(1)</script> [[MISSING: payer.name]]"));
        var html = SafeHtml.FromMarkdown("**Bold** claim <script>alert(1)</script>");

        Assert.Contains(issues, i => i.Kind == LetterIssueKind.UnfilledPlaceholder);
        Assert.Contains("<strong>Bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);

        // A clinical statement without a citation marker blocks export until it is cited or the physician attests it.
        var letter = (await AppealAsync(factory, appealId)).Markdown.Replace("## Clinical narrative\n", "## Clinical narrative\n\nThe patient had severe knee pain with a recurrent effusion.\n", StringComparison.Ordinal);
        var flagged = await ActingAs.RunAsync<AppealWorkspace, IReadOnlyList<LetterIssue>>(factory, Specialist, w => w.CheckAsync(appealId, letter));
        Assert.Contains(flagged, i => i.BlocksExport && i.Kind == LetterIssueKind.UncitedClinicalSentence && i.Message.Contains("severe knee pain", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Workspace_UnknownDenial_IsNotFound_AndPhysicianIsDenied(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var specialist = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var appealId = await StartLetterAsync(specialist, factory, denialId);
        using var physician = await BrowserlessClient.SignedInAsync(factory, "physician@demo.local");

        Assert.Null(await LoadAsync(factory, 987654321));
        Assert.Null(await ActingAs.RunAsync<AppealWorkspace, (Appeal, IReadOnlyList<LetterRevision>)?>(factory, Specialist, w => w.HistoryAsync(987654321)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => LoadAsync(factory, denialId, "physician@demo.local"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => SaveAsync(factory, "physician@demo.local", appealId, "Changed by the wrong role", 1));
        Assert.Single(await RevisionsAsync(factory, appealId));
        // The pages and downloads refuse the physician before anything renders.
        foreach (var url in new[] { WorkspaceUrl(denialId), $"/appeals/{appealId}/history", $"/appeals/{appealId}/letter.docx", $"/appeals/{appealId}/print" })
        {
            var response = await physician.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} gave {(int)response.StatusCode}");
            Assert.Contains("/account/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }
}

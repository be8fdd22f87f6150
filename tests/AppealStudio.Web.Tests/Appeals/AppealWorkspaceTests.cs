using System.Net;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Appeals.AppealTestData;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>Starting a letter, choosing evidence, saving with versions, conflicts and second clicks.</summary>
public class AppealWorkspaceTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Workspace_Modifier59Denial_SuggestsOrthoTemplateWithReason_AndShowsRankedEvidenceWithMarks(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");

        var page = await client.GetDocumentAsync(WorkspaceUrl(denialId));

        var first = page.QuerySelector("[data-testid=suggestion] input[type=radio]")!;
        Assert.Equal("ortho-modifier-59", first.GetAttribute("value"));
        Assert.True(first.HasAttribute("checked"));
        Assert.Contains("scenario modifier-59", page.QuerySelector("[data-testid=suggestion-reason]")!.TextContent, StringComparison.Ordinal);
        var passage = page.QuerySelector("[data-testid=passage]")!;
        Assert.Contains("contralateral left knee", passage.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(passage.QuerySelectorAll("mark[data-fact]"));
        Assert.Contains("2026-08-14", passage.TextContent, StringComparison.Ordinal);
        Assert.Contains("Member ID", page.QuerySelector("[data-testid=linked-documents]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StartLetter_WithBestEvidence_CreatesDraftWithFilledLetterRevisionAndExcerpts(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");

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

        var page = await client.GetDocumentAsync(WorkspaceUrl(denialId));
        Assert.Null(page.QuerySelector("[data-testid=letter-issues-blocking]"));
        Assert.False(page.QuerySelector("[data-testid=request-signoff]")!.HasAttribute("disabled"));
        Assert.Contains("contralateral left knee", page.QuerySelector("[data-testid=letter-preview]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dana Reyes, MD", page.QuerySelector("[data-testid=letter-preview]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", page.QuerySelector("[data-testid=letter-preview]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=chosen-excerpt][data-label=E1]"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StartLetter_SecondClick_KeepsOneAppeal(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var url = WorkspaceUrl(denialId);
        var page = await client.GetDocumentAsync(url);
        var values = new Dictionary<string, string> { ["Start.TemplateId"] = "ortho-modifier-59" };

        var first = await PostFormAsync(client, page, url, "[data-testid=start-form]", values);
        var second = await PostFormAsync(client, page, url, "[data-testid=start-form]", values);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("already-started", Location(second), StringComparison.Ordinal);
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
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var url = WorkspaceUrl(denialId);
        var page = await client.GetDocumentAsync(url);
        var values = new Dictionary<string, string> { ["Start.TemplateId"] = "ortho-modifier-59" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostFormAsync(client, page, url, "[data-testid=start-form]", values)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await factory.WithDbAsync(d => d.Appeals.CountAsync(a => a.DenialId == denialId)));
        Assert.Equal(1, await factory.WithDbAsync(d => d.LetterRevisions.CountAsync(r => d.Appeals.Any(a => a.Id == r.AppealId && a.DenialId == denialId))));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StartLetter_NoTemplateChosen_ShowsErrorAndKeepsInput(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var url = WorkspaceUrl(denialId);
        var page = await client.GetDocumentAsync(url);

        var response = await PostFormAsync(client, page, url, "[data-testid=start-form]", new Dictionary<string, string>
        {
            ["Start.TemplateId"] = "no-such-template",
            ["Start.PolicyReference"] = "Policy 77",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await BrowserlessClient.ParseAsync(response);
        Assert.Contains("Choose a template", result.QuerySelector("[data-testid=start-form] .validation-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Policy 77", result.QuerySelector("#policy-reference")!.GetAttribute("value"));
        Assert.Equal(0, await factory.WithDbAsync(d => d.Appeals.CountAsync(a => a.DenialId == denialId)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Evidence_PickExcerptAndRefill_QuotesItInTheLetter_AndRemoveDeletesIt(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId, autoEvidence: false);
        var url = WorkspaceUrl(denialId);
        Assert.Contains("[[MISSING: evidence.distinct_site]]", (await AppealAsync(factory, appealId)).Markdown, StringComparison.Ordinal);
        var page = await client.GetDocumentAsync(url);
        Assert.Contains(page.QuerySelectorAll("[data-testid=letter-issues-blocking] li"), li => li.GetAttribute("data-kind") == "EmptyRequiredEvidence");
        Assert.True(page.QuerySelector("[data-testid=request-signoff]")!.HasAttribute("disabled"));

        var added = await PostFormAsync(client, page, url, "[data-testid=add-excerpt-form]", new Dictionary<string, string> { ["Slot"] = "distinct_site" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("excerpt-added", Location(added), StringComparison.Ordinal);
        var again = await PostFormAsync(client, page, url, "[data-testid=add-excerpt-form]", new Dictionary<string, string> { ["Slot"] = "distinct_site" });
        Assert.Contains("excerpt-exists", Location(again), StringComparison.Ordinal);
        var excerpt = Assert.Single((await AppealAsync(factory, appealId)).Excerpts);
        Assert.Equal(("E1", "distinct_site"), (excerpt.Label, excerpt.Slot));

        // The same passage for the second slot (it shows the separate portals too): quoted once, cited in both.
        var second = await PostFormAsync(client, page, url, "[data-testid=add-excerpt-form]", new Dictionary<string, string> { ["Slot"] = "separate_approach" });
        Assert.Contains("excerpt-added", Location(second), StringComparison.Ordinal);
        var both = (await AppealAsync(factory, appealId)).Excerpts.OrderBy(e => e.Id).ToList();
        Assert.Equal([("E1", "distinct_site"), ("E1", "separate_approach")], both.Select(e => (e.Label, e.Slot!)));

        page = await client.GetDocumentAsync(url);
        var refill = await PostFormAsync(client, page, url, "[data-testid=letter-form]", new Dictionary<string, string>
        {
            ["Letter.Markdown"] = page.QuerySelector("[data-testid=letter-markdown]")!.TextContent,
            ["Letter.Action"] = "refill",
        });
        Assert.Contains("refilled", Location(refill), StringComparison.Ordinal);
        var appeal = await AppealAsync(factory, appealId);
        Assert.DoesNotContain("[[MISSING: evidence.distinct_site]]", appeal.Markdown, StringComparison.Ordinal);
        Assert.Contains("> \"", appeal.Markdown, StringComparison.Ordinal);
        Assert.Contains("[E1]", appeal.Markdown, StringComparison.Ordinal);
        Assert.Contains(await RevisionsAsync(factory, appealId), r => r.Kind == "template" && r.Number > 1);

        page = await client.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("[data-testid=letter-issues-blocking] li[data-kind=EmptyRequiredEvidence]"));
        var removed = await PostFormAsync(client, page, url, "[data-testid=chosen-excerpt] form", new Dictionary<string, string>());
        Assert.Contains("excerpt-removed", Location(removed), StringComparison.Ordinal);
        page = await client.GetDocumentAsync(url);
        await PostFormAsync(client, page, url, "[data-testid=chosen-excerpt] form", new Dictionary<string, string>());
        Assert.Empty((await AppealAsync(factory, appealId)).Excerpts);
        page = await client.GetDocumentAsync(url);
        Assert.Contains(page.QuerySelectorAll("[data-testid=letter-issues-blocking] li"), li => li.GetAttribute("data-kind") == "UnknownCitation");
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Save_EditedText_AddsRevision_AndHistoryShowsTheDiff(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        var url = WorkspaceUrl(denialId);
        var page = await client.GetDocumentAsync(url);
        var edited = page.QuerySelector("[data-testid=letter-markdown]")!.TextContent + "\nThank you for your prompt review.\n";

        var response = await PostFormAsync(client, page, url, "[data-testid=letter-form]", new Dictionary<string, string>
        {
            ["Letter.Markdown"] = edited,
            ["Letter.Kind"] = "draft",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("msg=saved", Location(response), StringComparison.Ordinal);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal(2, appeal.Version);
        Assert.Contains("Thank you for your prompt review.", appeal.Markdown, StringComparison.Ordinal);
        var revisions = await RevisionsAsync(factory, appealId);
        Assert.Equal(new[] { "template", "draft" }, revisions.Select(r => r.Kind));
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.saved", appealId));

        var history = await client.GetDocumentAsync($"/appeals/{appealId}/history?from=1&to=2");
        Assert.Equal(2, history.QuerySelectorAll("[data-testid=revisions] tbody tr").Length);
        Assert.Contains(history.QuerySelectorAll("[data-testid=diff-table] tr[data-diff=added]"), r => r.TextContent.Contains("Thank you for your prompt review.", StringComparison.Ordinal));
        Assert.Empty(history.QuerySelectorAll("[data-testid=diff-table] tr[data-diff=removed]"));
        var same = await client.GetDocumentAsync($"/appeals/{appealId}/history?from=2&to=2");
        Assert.NotNull(same.QuerySelector("[data-testid=diff-identical]"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Save_SameFormTwice_CreatesOneRevision(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        var url = WorkspaceUrl(denialId);
        var page = await client.GetDocumentAsync(url);
        var values = new Dictionary<string, string>
        {
            ["Letter.Markdown"] = page.QuerySelector("[data-testid=letter-markdown]")!.TextContent.Replace("Dear Appeals Reviewer:", "Dear Reviewer:", StringComparison.Ordinal),
            ["Letter.Kind"] = "draft",
        };

        var first = await PostFormAsync(client, page, url, "[data-testid=letter-form]", values);
        var second = await PostFormAsync(client, page, url, "[data-testid=letter-form]", values);

        Assert.Contains("msg=saved", Location(first), StringComparison.Ordinal);
        Assert.Contains("msg=unchanged", Location(second), StringComparison.Ordinal);
        Assert.Equal(2, (await RevisionsAsync(factory, appealId)).Count);
        Assert.Equal(2, (await AppealAsync(factory, appealId)).Version);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Save_StaleVersion_ConflictKeepsTheUsersText_AndSaveMineAnywayWins(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var alice = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        using var bob = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        var appealId = await StartLetterAsync(alice, factory, denialId);
        var url = WorkspaceUrl(denialId);
        var alicePage = await alice.GetDocumentAsync(url);
        var bobPage = await bob.GetDocumentAsync(url);
        var original = alicePage.QuerySelector("[data-testid=letter-markdown]")!.TextContent;
        var aliceText = original + "\nAlice's closing line.\n";
        var bobText = original + "\nBob's closing line.\n";

        var saved = await PostFormAsync(alice, alicePage, url, "[data-testid=letter-form]", new Dictionary<string, string> { ["Letter.Markdown"] = aliceText });
        var conflict = await PostFormAsync(bob, bobPage, url, "[data-testid=letter-form]", new Dictionary<string, string> { ["Letter.Markdown"] = bobText });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var conflictPage = await BrowserlessClient.ParseAsync(conflict);
        Assert.NotNull(conflictPage.QuerySelector("[data-testid=save-conflict]"));
        Assert.Contains("Bob's closing line.", conflictPage.QuerySelector("[data-testid=letter-markdown]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(conflictPage.QuerySelectorAll("[data-testid=diff-table] tr[data-diff=removed]"), r => r.TextContent.Contains("Alice's closing line.", StringComparison.Ordinal));
        Assert.Contains("Alice's closing line.", (await AppealAsync(factory, appealId)).Markdown, StringComparison.Ordinal);

        var forced = await PostFormAsync(bob, conflictPage, url, "[data-testid=letter-form]", new Dictionary<string, string>
        {
            ["Letter.Markdown"] = bobText,
            ["Letter.ForceVersion"] = conflictPage.QuerySelector("[data-testid=save-mine]")!.GetAttribute("value")!,
        });

        Assert.Contains("msg=saved", Location(forced), StringComparison.Ordinal);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Contains("Bob's closing line.", appeal.Markdown, StringComparison.Ordinal);
        Assert.Equal(3, (await RevisionsAsync(factory, appealId)).Count);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task HtmxSave_StaleVersion_ReturnsConflictFragment_AndAutosaveReplacesItsOwnAutosave(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        var page = await client.GetDocumentAsync(WorkspaceUrl(denialId));
        var text = page.QuerySelector("[data-testid=letter-markdown]")!.TextContent;
        var save = $"/appeals/{appealId}/save";

        var first = await HtmxPostAsync(client, page, save, [new("Letter.Markdown", text + "\nOne"), new("Letter.Version", "1"), new("Letter.Kind", "autosave")]);
        var firstHtml = await BrowserlessClient.ParseAsync(first);
        Assert.Equal("saved", firstHtml.QuerySelector("[data-testid=save-status]")!.GetAttribute("data-state"));
        Assert.Equal("2", firstHtml.QuerySelector("[data-testid=save-status]")!.GetAttribute("data-version"));
        var second = await HtmxPostAsync(client, page, save, [new("Letter.Markdown", text + "\nOne two"), new("Letter.Version", "2"), new("Letter.Kind", "autosave")]);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var revisions = await RevisionsAsync(factory, appealId);
        Assert.Equal(new[] { "template", "autosave" }, revisions.Select(r => r.Kind));
        Assert.EndsWith("One two", revisions[1].Markdown, StringComparison.Ordinal);

        var explicitSave = await HtmxPostAsync(client, page, save, [new("Letter.Markdown", text + "\nOne two"), new("Letter.Version", "3"), new("Letter.Kind", "draft")]);
        Assert.Equal(HttpStatusCode.OK, explicitSave.StatusCode);
        Assert.Equal(new[] { "template", "draft" }, (await RevisionsAsync(factory, appealId)).Select(r => r.Kind));

        var stale = await HtmxPostAsync(client, page, save, [new("Letter.Markdown", text + "\nSomething else"), new("Letter.Version", "1"), new("Letter.Kind", "autosave")]);
        var staleHtml = await BrowserlessClient.ParseAsync(stale);
        Assert.Equal("conflict", staleHtml.QuerySelector("[data-testid=save-status]")!.GetAttribute("data-state"));
        Assert.False(staleHtml.QuerySelector("[data-testid=save-status]")!.HasAttribute("data-version"));
        Assert.Contains(staleHtml.QuerySelectorAll("[data-testid=diff-table] tr[data-diff=added]"), r => r.TextContent.Contains("Something else", StringComparison.Ordinal));
        Assert.EndsWith("One two", (await AppealAsync(factory, appealId)).Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Preview_RendersMarkdown_WithRawHtmlShownAsText_AndReportsIssues(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        var page = await client.GetDocumentAsync(WorkspaceUrl(denialId));

        var response = await HtmxPostAsync(client, page, $"/appeals/{appealId}/preview",
            [new("Letter.Markdown", "**Bold** claim <script>alert(1)</script> [[MISSING: payer.name]]")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<strong>Bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var fragment = await BrowserlessClient.ParseAsync(response);
        Assert.NotNull(fragment.QuerySelector("#letter-issues[hx-swap-oob] li[data-kind=UnfilledPlaceholder]"));

        // A clinical statement without a citation marker blocks export until it is cited or the physician attests it.
        var letter = (await AppealAsync(factory, appealId)).Markdown.Replace("## Clinical narrative\n", "## Clinical narrative\n\nThe patient had severe knee pain with a recurrent effusion.\n", StringComparison.Ordinal);
        var flagged = await BrowserlessClient.ParseAsync(await HtmxPostAsync(client, page, $"/appeals/{appealId}/preview", [new("Letter.Markdown", letter)]));
        Assert.Contains(flagged.QuerySelectorAll("[data-testid=letter-issues-blocking] li[data-kind=UncitedClinicalSentence]"),
            li => li.TextContent.Contains("severe knee pain", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Workspace_UnknownDenial_IsNotFound_AndPhysicianIsDenied(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var specialist = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(specialist, factory, denialId);
        using var physician = await BrowserlessClient.SignedInAsync(factory, "physician@demo.local");

        var missing = await specialist.Http.GetAsync("/denials/987654321/appeal");
        Assert.True(missing.StatusCode == HttpStatusCode.NotFound, await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await specialist.Http.GetAsync("/appeals/987654321/history")).StatusCode);
        foreach (var url in new[] { WorkspaceUrl(denialId), $"/appeals/{appealId}/history", $"/appeals/{appealId}/letter.docx", $"/appeals/{appealId}/print" })
        {
            var response = await physician.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }
}

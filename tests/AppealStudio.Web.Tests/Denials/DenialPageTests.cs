using System.Globalization;
using System.Net;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Denials;

public class DenialPageTests
{
    private const string Specialist = "specialist@demo.local";

    private static string Url(Denial d) => "/denials/" + d.Id.ToString(CultureInfo.InvariantCulture);

    private static string Text(AngleSharp.Dom.IDocument page, string testId) =>
        page.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? throw new InvalidOperationException($"No [data-testid={testId}]");

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DenialPage_ShowsFactsAndCodesInPlainWords(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync(
            d => { d.ReasonCode = "97"; d.RemarkCodes = "N19,M80"; d.Scenario = "modifier-59"; d.DeadlineIsDefault = true; },
            c => { c.PatientLastName = "Rivera"; c.PatientFirstName = "Ana"; c.PatientMemberId = "XYZ123456"; },
            l => { l.ProcedureCode = "97140"; l.Modifiers = "59,GP"; l.Units = 2m; l.SubmittedProcedureCode = "97530"; });
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);

        var page = await client.GetDocumentAsync(Url(denial));

        Assert.Equal(CodeDictionary.Default.Describe("CO", "97"), Text(page, "carc-text"));
        Assert.StartsWith("Contractual Obligations (CO): 97 — ", Text(page, "carc-text"), StringComparison.Ordinal);
        var remarks = page.QuerySelectorAll("[data-testid=rarc-text]").Select(r => r.TextContent.Trim()).ToList();
        Assert.Equal([CodeDictionary.Default.DescribeRemark("N19"), CodeDictionary.Default.DescribeRemark("M80")], remarks);
        Assert.DoesNotContain("not in AppealStudio's code list", string.Join(" ", remarks), StringComparison.Ordinal);
        Assert.Equal("Rivera, Ana", Text(page, "patient-name"));
        Assert.Equal("XYZ123456", Text(page, "member-id"));
        Assert.Contains(seed.Payer, Text(page, "payer"), StringComparison.Ordinal);
        Assert.Equal("4: Denied", Text(page, "claim-status"));
        Assert.Contains("NPI 1234567893", Text(page, "rendering-provider"), StringComparison.Ordinal);
        Assert.Equal("HC:97140", Text(page, "procedure"));
        Assert.Equal("59, GP", Text(page, "modifiers"));
        Assert.Equal("2", Text(page, "units"));
        Assert.StartsWith("97530", Text(page, "submitted-code"), StringComparison.Ordinal);
        Assert.Equal("Medical necessity", Text(page, "cls-root"));
        Assert.Equal("Modifier 59", Text(page, "cls-scenario"));
        Assert.Equal("CARC-50", Text(page, "rule-id"));
        Assert.Equal("60 days left", Text(page, "days-left"));
        Assert.NotNull(page.QuerySelector("[data-testid=default-deadline]"));
        Assert.Equal("45%", Text(page, "probability"));
        Assert.Equal(Url(denial) + "/appeal", page.QuerySelector("[data-testid=start-appeal]")!.GetAttribute("href"));
        // Only the moves the workflow allows from New are offered.
        var options = page.QuerySelectorAll("#st-new option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        Assert.Equal(DenialWorkflow.NextStatuses(DenialStatus.New).Select(s => s.ToString()), options);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DenialPage_SameSubmittedCode_HidesTheSubmittedLine(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync(line: l => l.SubmittedProcedureCode = "99214");
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);

        var page = await client.GetDocumentAsync(Url(denial));

        Assert.Null(page.QuerySelector("[data-testid=submitted-code]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DenialPage_EveryView_IsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");

        await client.GetDocumentAsync(Url(denial));
        await client.GetDocumentAsync(Url(denial));

        Assert.Equal(2, await seed.AuditCountAsync("denial.view", denial.Id));
        var row = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().Where(e => e.Action == "denial.view" &&
            e.EntityId == denial.Id.ToString(CultureInfo.InvariantCulture)).FirstAsync());
        Assert.Equal("manager@demo.local", row.Actor);
        Assert.Null(row.Details);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Override_WithoutReason_IsRefusedAndKeepsTheInput(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var page = await client.GetDocumentAsync(Url(denial));

        var response = await client.SubmitAsync(page, "[data-testid=override-form]", new Dictionary<string, string>
        {
            ["OverrideIn.Severity"] = "soft",
            ["OverrideIn.Action"] = "resubmit",
            ["OverrideIn.Category"] = "technical",
            ["OverrideIn.RootCause"] = "coding",
            ["OverrideIn.Owner"] = "coder",
            ["OverrideIn.Scenario"] = "",
            ["OverrideIn.Reason"] = "   ",
        });

        var result = await FormPosts.OkDocumentAsync(response);
        Assert.Contains("Enter the reason for the override.", result.QuerySelector("[data-testid=override-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("soft", result.QuerySelector("#ov-severity option[selected]")!.GetAttribute("value"));
        Assert.Equal("coding", result.QuerySelector("#ov-root option[selected]")!.GetAttribute("value"));
        Assert.True(result.QuerySelector("[data-testid=override-panel]")!.HasAttribute("open"));
        var unchanged = await seed.ReloadAsync(denial.Id);
        Assert.Equal(("hard", "medical-necessity", "CARC-50", 0), (unchanged.Severity, unchanged.RootCause, unchanged.RuleId, unchanged.Version));
        Assert.Equal(0, await seed.AuditCountAsync("denial.override", denial.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Override_WithReason_ChangesClassificationKeepsTheOriginalAndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync(d => d.Amount = 400m);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var page = await client.GetDocumentAsync(Url(denial));

        var response = await client.SubmitAsync(page, "[data-testid=override-form]", new Dictionary<string, string>
        {
            ["OverrideIn.Severity"] = "soft",
            ["OverrideIn.Action"] = "resubmit",
            ["OverrideIn.Category"] = "technical",
            ["OverrideIn.RootCause"] = "coding",
            ["OverrideIn.Owner"] = "coder",
            ["OverrideIn.Scenario"] = "modifier-59",
            ["OverrideIn.Reason"] = "Wrong modifier on the claim; a corrected claim fixes it",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("?saved=override", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var changed = await seed.ReloadAsync(denial.Id);
        Assert.Equal(("soft", "resubmit", "technical", "coding", "coder", "modifier-59"),
            (changed.Severity, changed.Action, changed.Category, changed.RootCause, changed.Owner, changed.Scenario));
        Assert.Equal("override: Wrong modifier on the claim; a corrected claim fixes it", changed.RuleId);
        Assert.Equal("Wrong modifier on the claim; a corrected claim fixes it", changed.OverrideReason);
        Assert.StartsWith("Originally classified by rule CARC-50 as hard / appeal / clinical / medical-necessity / clinician", changed.Explanation, StringComparison.Ordinal);
        Assert.Equal(1, changed.Version);
        // Recomputed: soft prior 0.65 × $400 − $10 correction cost = $250, 60 days out so no urgency.
        Assert.Equal(0.65m, changed.Probability);
        Assert.Equal(250m, changed.PriorityScore);
        var ev = Assert.Single(await seed.EventsAsync(denial.Id));
        Assert.Equal("override", ev.Type);
        Assert.Contains("rule CARC-50", ev.Text, StringComparison.Ordinal);
        Assert.Equal(1, await seed.AuditCountAsync("denial.override", denial.Id));
        var audit = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "denial.override" &&
            e.EntityId == denial.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.DoesNotContain("Wrong modifier", audit.Details, StringComparison.Ordinal);

        var after = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("Coding", Text(after, "cls-root"));
        Assert.Contains("Originally classified by rule CARC-50", Text(after, "explanation"), StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("[data-testid=override-note]"));
        Assert.NotNull(after.QuerySelector("[data-event-type=override]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Override_RanksWithThePracticeOutcomeHistory_OfThePayerRuleNotTheRawName(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        // A payer in Settings found by its id: two 835 names for it, one history.
        var payerId = "Z" + Guid.NewGuid().ToString("N")[..9];
        var ruleName = "Zeta Health " + payerId;
        await Settings.SettingsTestData.AddPayerAsync(factory, ruleName, payerId, firstLevel: 180, timelyFiling: 365);
        var east = new DenialBuilder(factory);
        var now = DateTimeOffset.UtcNow;
        foreach (var decision in new[] { "overturned", "overturned", "overturned", "partially-overturned", "overturned", "overturned", "overturned", "upheld" })
        {
            var decided = await east.AddAsync(d =>
            {
                d.PayerName = "ZETA HEALTH EAST";
                d.PayerIdentifier = payerId;
                d.RootCause = "coding";
                d.Status = DenialStatus.Decided;
            });
            await factory.WithDbAsync(async x =>
            {
                x.Appeals.Add(new AppealStudio.Data.Appeals.Appeal
                {
                    DenialId = decided.Id, TemplateId = "ortho-modifier-59", TemplateVersion = 1, Status = AppealStudio.Data.Appeals.AppealStatus.Decided,
                    Markdown = "letter", Version = 1, CreatedAt = now, UpdatedAt = now, Decision = decision, DecidedOn = DenialBuilder.Today,
                });
                return await x.SaveChangesAsync();
            });
        }

        var west = new DenialBuilder(factory);
        var denial = await west.AddAsync(d =>
        {
            d.Amount = 400m;
            d.PayerName = "ZETA HEALTH WEST";
            d.PayerIdentifier = payerId;
        });
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var page = await client.GetDocumentAsync(Url(denial));

        var response = await client.SubmitAsync(page, "[data-testid=override-form]", new Dictionary<string, string>
        {
            ["OverrideIn.Severity"] = "soft",
            ["OverrideIn.Action"] = "resubmit",
            ["OverrideIn.Category"] = "technical",
            ["OverrideIn.RootCause"] = "coding",
            ["OverrideIn.Owner"] = "coder",
            ["OverrideIn.Scenario"] = "",
            ["OverrideIn.Reason"] = "Modifier missing; corrected claim",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var changed = await east.ReloadAsync(denial.Id);
        // 7 wins and 1 loss for this payer and root cause move the estimate off the soft prior (0.65) toward 7/8.
        var expected = new PriorityCalculator().Compute(400m, Severity.Soft, RootCause.Coding, RecommendedAction.Resubmit,
            new OutcomeStats(7, 1), denial.AppealDeadline, DenialBuilder.Today);
        Assert.Equal(decimal.Round(expected.Probability, 4, MidpointRounding.AwayFromZero), changed.Probability);
        Assert.True(changed.Probability > 0.65m, $"history ignored: {changed.Probability}");
        Assert.Equal(expected.Score, changed.PriorityScore);

        // The page explains the stored score with the same history.
        var after = await client.GetDocumentAsync(Url(denial));
        Assert.Contains(expected.Score.ToString("0.00", CultureInfo.InvariantCulture), after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task StaleForm_GetsAConflictAndLosesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        using var first = await BrowserlessClient.SignedInAsync(factory, Specialist);
        using var second = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        var stale = await first.GetDocumentAsync(Url(denial));

        // Someone else moves it on first.
        var other = await second.GetDocumentAsync(Url(denial));
        var moved = await second.SubmitAsync(other, "[data-testid=status-form]", new Dictionary<string, string> { ["StatusIn.NewStatus"] = "InProgress" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var overrideFields = new Dictionary<string, string>
        {
            ["OverrideIn.Severity"] = "hard",
            ["OverrideIn.Action"] = "appeal",
            ["OverrideIn.Category"] = "administrative",
            ["OverrideIn.RootCause"] = "authorization",
            ["OverrideIn.Owner"] = "front-desk",
            ["OverrideIn.Scenario"] = "",
            ["OverrideIn.Reason"] = "The auth was on file; payer missed it",
        };
        var response = await first.SubmitAsync(stale, "[data-testid=override-form]", overrideFields);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await BrowserlessClient.ParseAsync(response);
        Assert.Contains("Someone else changed this denial", page.QuerySelector("[data-testid=override-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The auth was on file; payer missed it", page.QuerySelector("#ov-reason")!.TextContent);
        Assert.Equal("authorization", page.QuerySelector("#ov-root option[selected]")!.GetAttribute("value"));
        Assert.Equal("In progress", Text(page, "denial-status"));
        var current = await seed.ReloadAsync(denial.Id);
        Assert.Equal((DenialStatus.InProgress, "medical-necessity", 1), (current.Status, current.RootCause, current.Version));
        Assert.Equal(0, await seed.AuditCountAsync("denial.override", denial.Id));

        // The re-rendered form carries the current version: sending it again on purpose succeeds.
        Assert.Equal("1", page.QuerySelector("input[name='OverrideIn.Version']")!.GetAttribute("value"));
        var retry = await first.SubmitAsync(page, "[data-testid=override-form]", overrideFields);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(("authorization", DenialStatus.InProgress, 2), ((await seed.ReloadAsync(denial.Id)).RootCause, (await seed.ReloadAsync(denial.Id)).Status, (await seed.ReloadAsync(denial.Id)).Version));

        // A stale status form conflicts too (second's page still says version 1).
        var staleStatus = await second.SubmitAsync(other, "[data-testid=status-form]", new Dictionary<string, string> { ["StatusIn.NewStatus"] = "Ready" });
        Assert.Equal(HttpStatusCode.Conflict, staleStatus.StatusCode);
        Assert.Equal(DenialStatus.InProgress, (await seed.ReloadAsync(denial.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task StatusChange_FollowsTheWorkflowAndWriteOffNeedsAReason(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var page = await client.GetDocumentAsync(Url(denial));

        var noReason = await client.SubmitAsync(page, "[data-testid=status-form]", new Dictionary<string, string> { ["StatusIn.NewStatus"] = "WrittenOff" });
        var refused = await FormPosts.OkDocumentAsync(noReason);
        Assert.Contains("Enter the reason for the write-off.", refused.QuerySelector("[data-testid=status-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("WrittenOff", refused.QuerySelector("#st-new option[selected]")!.GetAttribute("value"));

        var notAllowed = await client.SubmitAsync(page, "[data-testid=status-form]", new Dictionary<string, string> { ["StatusIn.NewStatus"] = "Decided" });
        Assert.Contains("New cannot move to Decided", (await FormPosts.OkDocumentAsync(notAllowed)).QuerySelector("[data-testid=status-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DenialStatus.New, (await seed.ReloadAsync(denial.Id)).Status);

        var ok = await client.SubmitAsync(refused, "[data-testid=status-form]", new Dictionary<string, string>
        {
            ["StatusIn.NewStatus"] = "WrittenOff",
            ["StatusIn.Reason"] = "Below the cost of appealing",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var written = await seed.ReloadAsync(denial.Id);
        Assert.Equal(DenialStatus.WrittenOff, written.Status);
        Assert.NotNull(written.StatusChangedAt);
        var ev = Assert.Single(await seed.EventsAsync(denial.Id));
        Assert.Equal(("New", "WrittenOff", "Below the cost of appealing"), (ev.FromStatus, ev.ToStatus, ev.Text));
        Assert.Equal(1, await seed.AuditCountAsync("denial.status", denial.Id));

        var after = await client.GetDocumentAsync(response(ok));
        Assert.Equal("Status changed.", Text(after, "saved-message"));
        Assert.Contains("New → Written off", after.QuerySelector("[data-event-type=status]")!.TextContent, StringComparison.Ordinal);

        static string response(HttpResponseMessage r) => r.Headers.Location!.OriginalString;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task AssignToMeAndNotes_AreRecordedOnTheTimeline(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        var me = await DenialBuilder.UserIdAsync(factory, Specialist);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var page = await client.GetDocumentAsync(Url(denial));

        var assigned = await client.SubmitAsync(page, "[data-testid=assign-form]", new Dictionary<string, string> { ["AssignIn.ToMe"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(me, (await seed.ReloadAsync(denial.Id)).AssigneeUserId);

        page = await client.GetDocumentAsync(assigned.Headers.Location!.OriginalString);
        Assert.Equal("Sam Specialist", Text(page, "assignee"));
        Assert.Null(page.QuerySelector("[data-testid=assign-me]"));

        var empty = await client.SubmitAsync(page, "[data-testid=note-form]", new Dictionary<string, string> { ["NoteIn.Text"] = "" });
        Assert.Contains("Write the note first.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noted = await client.SubmitAsync(page, "[data-testid=note-form]", new Dictionary<string, string> { ["NoteIn.Text"] = "Called the payer, ref 4411." });
        Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);
        var events = await seed.EventsAsync(denial.Id);
        Assert.Equal(["assign", "note"], events.Select(e => e.Type));
        Assert.Equal("Called the payer, ref 4411.", events[1].Text);
        Assert.Equal(Specialist, events[1].Actor);
        Assert.Equal(1, await seed.AuditCountAsync("denial.note", denial.Id));
        Assert.Equal(1, await seed.AuditCountAsync("denial.assign", denial.Id));
        // A note does not move the version: an open form elsewhere still saves.
        Assert.Equal(1, (await seed.ReloadAsync(denial.Id)).Version);

        var physician = await DenialBuilder.UserIdAsync(factory, "physician@demo.local");
        var wrongUser = await client.SubmitAsync(page, "[data-testid=assign-form]", new Dictionary<string, string> { ["AssignIn.UserId"] = physician });
        Assert.Contains("Choose a specialist, manager or admin", (await FormPosts.OkDocumentAsync(wrongUser)).QuerySelector("[data-testid=assign-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(me, (await seed.ReloadAsync(denial.Id)).AssigneeUserId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DenialPage_UnknownOrMalformedId_IsNotFound(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), Specialist);

        var missing = await client.Http.GetAsync("/denials/987654321");
        Assert.True(missing.StatusCode == HttpStatusCode.NotFound, await missing.Content.ReadAsStringAsync());
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/denials/does-not-exist")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/denials/99999999999999999999999")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DenialPage_Physician_IsDeniedAndNothingIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        using var client = await BrowserlessClient.SignedInAsync(factory, "physician@demo.local");

        var response = await client.Http.GetAsync(Url(denial));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", Account.SignInTests.PathOf(response));
        Assert.Equal(0, await seed.AuditCountAsync("denial.view", denial.Id));
    }
}

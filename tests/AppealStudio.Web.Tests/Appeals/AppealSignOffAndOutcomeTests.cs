using System.Globalization;
using System.Net;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Appeals.AppealTestData;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>Requesting sign-off, the lock on a signed letter and voiding it, recording the submission and the decision.</summary>
public class AppealSignOffAndOutcomeTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Yesterday => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RequestSignOff_DefaultsToTheRenderingProvider_LocksTheLetter_AndWithdrawUnlocksIt(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        var url = WorkspaceUrl(denialId);
        var page = await client.GetDocumentAsync(url);
        var physicianId = await factory.WithDbAsync(d => d.Users.Where(u => u.Email == "physician@demo.local").Select(u => u.Id).SingleAsync());
        Assert.Equal(physicianId, page.QuerySelector("#physician option[selected]")!.GetAttribute("value"));

        var response = await PostFormAsync(client, page, url, "[data-testid=signoff-form]", new Dictionary<string, string> { ["SignOff.PhysicianUserId"] = physicianId });
        var again = await PostFormAsync(client, page, url, "[data-testid=signoff-form]", new Dictionary<string, string> { ["SignOff.PhysicianUserId"] = physicianId });

        Assert.Contains("msg=signoff-requested", Location(response), StringComparison.Ordinal);
        Assert.Contains("msg=signoff-requested", Location(again), StringComparison.Ordinal);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal(AppealStatus.AwaitingSignOff, appeal.Status);
        Assert.Equal(physicianId, appeal.SignOffRequestedToUserId);
        Assert.Equal(appeal.Markdown, appeal.DraftAtSignOffRequest);
        Assert.Equal(DenialStatus.AwaitingSignOff, appeal.Denial.Status);
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.signoff-requested", appealId));

        page = await client.GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector("[data-testid=editor-locked]"));
        Assert.True(page.QuerySelector("[data-testid=letter-markdown]")!.HasAttribute("readonly"));
        var edit = await PostFormAsync(client, page, url, "[data-testid=letter-form]", new Dictionary<string, string> { ["Letter.Markdown"] = appeal.Markdown + "\nLate edit." });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.NotNull((await BrowserlessClient.ParseAsync(edit)).QuerySelector("[data-testid=workspace-error]"));
        Assert.Equal(appeal.Markdown, (await AppealAsync(factory, appealId)).Markdown);

        var withdraw = await PostFormAsync(client, page, url, "form:has([data-testid=withdraw])", new Dictionary<string, string>());
        Assert.Contains("msg=withdrawn", Location(withdraw), StringComparison.Ordinal);
        appeal = await AppealAsync(factory, appealId);
        Assert.Equal((AppealStatus.Draft, DenialStatus.InProgress), (appeal.Status, appeal.Denial.Status));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RequestSignOff_WithBlockingProblems_IsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId, policyReference: null);
        var url = WorkspaceUrl(denialId);
        var page = await client.GetDocumentAsync(url);
        var physicianId = page.QuerySelector("#physician option[selected]")!.GetAttribute("value")!;

        var response = await PostFormAsync(client, page, url, "[data-testid=signoff-form]", new Dictionary<string, string> { ["SignOff.PhysicianUserId"] = physicianId });
        var wrongUser = await PostFormAsync(client, page, url, "[data-testid=signoff-form]", new Dictionary<string, string> { ["SignOff.PhysicianUserId"] = "not-a-physician" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Fix the", (await BrowserlessClient.ParseAsync(response)).QuerySelector("[data-testid=signoff-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Choose the physician", (await BrowserlessClient.ParseAsync(wrongUser)).QuerySelector("[data-testid=signoff-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(AppealStatus.Draft, (await AppealAsync(factory, appealId)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task SignedLetter_IsReadOnly_AndEditVoidsTheSignatureKeepingTheSignedRevision(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        await SignAsync(factory, appealId);
        var url = WorkspaceUrl(denialId);
        var page = await client.GetDocumentAsync(url);
        Assert.True(page.QuerySelector("[data-testid=letter-markdown]")!.HasAttribute("readonly"));
        Assert.Null(page.QuerySelector("[data-testid=save-letter]"));
        Assert.Contains("Dana Reyes, MD", page.QuerySelector("[data-testid=signature-info]")!.TextContent, StringComparison.Ordinal);

        var response = await PostFormAsync(client, page, url, "form:has([data-testid=void-signature])", new Dictionary<string, string>());

        Assert.Contains("msg=voided", Location(response), StringComparison.Ordinal);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal(AppealStatus.Draft, appeal.Status);
        Assert.Null(appeal.SignatureSha256);
        Assert.Null(appeal.SignedByUserId);
        Assert.Null(appeal.SignedMarkdown);
        Assert.Equal(DenialStatus.InProgress, appeal.Denial.Status);
        Assert.Contains(await RevisionsAsync(factory, appealId), r => r.Kind == "signed" && r.Markdown == appeal.Markdown);
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.signature-voided", appealId));
        page = await client.GetDocumentAsync(url);
        Assert.False(page.QuerySelector("[data-testid=letter-markdown]")!.HasAttribute("readonly"));

        // The old page's button again: the letter is no longer signed, nothing else changes.
        var stale = await PostFormAsync(client, page, url, "[data-testid=letter-form]", new Dictionary<string, string> { ["Letter.Markdown"] = appeal.Markdown });
        Assert.Contains("msg=unchanged", Location(stale), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Submission_PastTheDeadline_IsRecordedAndFlagged_AndBadDatesAreRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        var url = WorkspaceUrl(denialId);
        var unsigned = await client.GetDocumentAsync(url);
        Assert.Null(unsigned.QuerySelector("[data-testid=submission-form]"));
        await SignAsync(factory, appealId);
        await factory.WithDbAsync(async d =>
        {
            var denial = await d.Denials.SingleAsync(x => x.Id == denialId);
            denial.AppealDeadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3);
            return await d.SaveChangesAsync();
        });
        var page = await client.GetDocumentAsync(url);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var future = await PostFormAsync(client, page, url, "[data-testid=submission-form]", Submission(tomorrow, null));
        var followUpBefore = await PostFormAsync(client, page, url, "[data-testid=submission-form]", Submission(Today, "2026-01-01"));
        var notADate = await PostFormAsync(client, page, url, "[data-testid=submission-form]", Submission("next week", null));

        Assert.Contains("cannot be in the future", (await BrowserlessClient.ParseAsync(future)).QuerySelector("[data-field=SubmittedOn]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("on or after", (await BrowserlessClient.ParseAsync(followUpBefore)).QuerySelector("[data-field=FollowUpOn]")!.TextContent, StringComparison.Ordinal);
        var kept = await BrowserlessClient.ParseAsync(notADate);
        Assert.Contains("Enter the date", kept.QuerySelector("[data-field=SubmittedOn]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("PORTAL-123", kept.QuerySelector("#reference")!.GetAttribute("value"));
        Assert.Equal(AppealStatus.Signed, (await AppealAsync(factory, appealId)).Status);

        var response = await PostFormAsync(client, page, url, "[data-testid=submission-form]", Submission(Today, null));

        Assert.Contains("msg=submitted-late", Location(response), StringComparison.Ordinal);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal(AppealStatus.Submitted, appeal.Status);
        Assert.True(appeal.SubmittedAfterDeadline);
        Assert.Equal(("first-level", "fax", "PORTAL-123"), (appeal.Level, appeal.Method, appeal.SubmissionReference));
        Assert.Equal(DenialStatus.Submitted, appeal.Denial.Status);
        var after = await client.GetDocumentAsync(Location(response));
        Assert.NotNull(after.QuerySelector("[data-testid=submitted-late]"));
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.submitted", appealId));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Decision_AmountRules_AreEnforced_ThenTheOutcomeIsRecorded(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        await SignAsync(factory, appealId);
        var url = WorkspaceUrl(denialId);
        var page = await client.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("[data-testid=decision-form]"));
        var early = await PostFormAsync(client, page, url, "form:has(input[name=_handler][value=decision])", new Dictionary<string, string>
        {
            ["Decision.Decision"] = AppealDecisions.Overturned,
            ["Decision.DecidedOn"] = Today,
            ["Decision.AmountRecovered"] = "612.40",
        });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Record the submission", (await BrowserlessClient.ParseAsync(early)).QuerySelector("[data-testid=workspace-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await AppealAsync(factory, appealId)).Decision);
        // Sent yesterday: a decision dated the day of sending needs its own confirmation (checked below).
        await PostFormAsync(client, page, url, "[data-testid=submission-form]", Submission(Yesterday, null));
        page = await client.GetDocumentAsync(url);

        async Task<string> ErrorFor(string decision, string amount, bool confirm = false)
        {
            var values = new Dictionary<string, string> { ["Decision.Decision"] = decision, ["Decision.DecidedOn"] = Today, ["Decision.AmountRecovered"] = amount };
            if (confirm)
            {
                values["Decision.ConfirmOverDenied"] = "true";
            }

            var response = await PostFormAsync(client, page, url, "[data-testid=decision-form]", values);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await BrowserlessClient.ParseAsync(response);
            Assert.Equal(amount, result.QuerySelector("#amount")!.GetAttribute("value"));
            return result.QuerySelector("[data-testid=decision-form] .validation-message")!.TextContent;
        }

        Assert.Contains("cannot be negative", await ErrorFor("partially-overturned", "-5.00"), StringComparison.Ordinal);
        Assert.Contains("more than the denied amount", await ErrorFor("overturned", "700.00"), StringComparison.Ordinal);
        Assert.Contains("recovers nothing", await ErrorFor("upheld", "10.00"), StringComparison.Ordinal);
        Assert.Contains("Enter the amount the payer paid", await ErrorFor("overturned", ""), StringComparison.Ordinal);
        Assert.Contains("as a number", await ErrorFor("overturned", "lots"), StringComparison.Ordinal);
        Assert.Contains("Choose the decision", await ErrorFor("", "10.00"), StringComparison.Ordinal);
        var sameDay = await PostFormAsync(client, page, url, "[data-testid=decision-form]", new Dictionary<string, string>
        {
            ["Decision.Decision"] = AppealDecisions.Upheld,
            ["Decision.DecidedOn"] = Yesterday,
            ["Decision.AmountRecovered"] = "",
        });
        Assert.Contains("the day the appeal was sent", (await BrowserlessClient.ParseAsync(sameDay)).QuerySelector("[data-testid=decision-form] .validation-message")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(AppealStatus.Submitted, (await AppealAsync(factory, appealId)).Status);

        var response = await PostFormAsync(client, page, url, "[data-testid=decision-form]", new Dictionary<string, string>
        {
            ["Decision.Decision"] = AppealDecisions.PartiallyOverturned,
            ["Decision.DecidedOn"] = Today,
            ["Decision.AmountRecovered"] = "400.00",
        });

        Assert.Contains("msg=decided", Location(response), StringComparison.Ordinal);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal((AppealStatus.Decided, AppealDecisions.PartiallyOverturned, 400.00m), (appeal.Status, appeal.Decision, appeal.AmountRecovered));
        Assert.Equal(DenialStatus.Decided, appeal.Denial.Status);
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.decided", appealId));

        // More than denied is accepted once confirmed (interest or other lines paid with it).
        page = await client.GetDocumentAsync(url);
        var confirmed = await PostFormAsync(client, page, url, "[data-testid=decision-form]", new Dictionary<string, string>
        {
            ["Decision.Decision"] = AppealDecisions.Overturned,
            ["Decision.DecidedOn"] = Today,
            ["Decision.AmountRecovered"] = "650.00",
            ["Decision.ConfirmOverDenied"] = "true",
        });
        Assert.Contains("msg=decided", Location(confirmed), StringComparison.Ordinal);
        Assert.Equal(650.00m, (await AppealAsync(factory, appealId)).AmountRecovered);
    }

    private static Dictionary<string, string> Submission(string sentOn, string? followUp) => new()
    {
        ["Submission.Level"] = "first-level",
        ["Submission.Method"] = "fax",
        ["Submission.SubmittedOn"] = sentOn,
        ["Submission.Reference"] = "PORTAL-123",
        ["Submission.FollowUpOn"] = followUp ?? "",
    };
}

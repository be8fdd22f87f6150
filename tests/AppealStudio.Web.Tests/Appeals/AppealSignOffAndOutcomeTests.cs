using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Appeals.AppealTestData;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>
/// Requesting sign-off, the lock on a signed letter and voiding it, recording the submission and the decision: the
/// rules of what the workspace's panels call, on every database. What the panels show is in
/// <see cref="AppealWorkspaceRenderTests"/>; the date and amount fields there are typed inputs, so "not a date" cannot reach these rules.
/// </summary>
public class AppealSignOffAndOutcomeTests
{
    private const string Specialist = "specialist@demo.local";

    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static Task<AppealResult> RunAsync<TUseCase>(AppFactory factory, Func<TUseCase, Task<AppealResult>> operation)
        where TUseCase : notnull =>
        ActingAs.RunAsync<TUseCase, AppealResult>(factory, Specialist, operation);

    private static async Task<(AppFactory Factory, long DenialId, long AppealId)> StartedAsync(TestDatabase db, string? policyReference = "Example Health Plan reimbursement policy RP-059 (NCCI edits)")
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        return (factory, denialId, await StartLetterAsync(client, factory, denialId, policyReference: policyReference));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RequestSignOff_DefaultsToTheRenderingProvider_LocksTheLetter_AndWithdrawUnlocksIt(TestDatabase db)
    {
        var (factory, denialId, appealId) = await StartedAsync(db);
        var physicianId = await factory.WithDbAsync(d => d.Users.Where(u => u.Email == "physician@demo.local").Select(u => u.Id).SingleAsync());
        var model = await ActingAs.RunAsync<AppealWorkspace, WorkspaceModel?>(factory, Specialist, w => w.LoadAsync(denialId));
        Assert.Equal(physicianId, model!.DefaultPhysicianId);

        var response = await RunAsync<RequestSignOff>(factory, w => w.RequestSignOffAsync(appealId, physicianId, 1));
        var again = await RunAsync<RequestSignOff>(factory, w => w.RequestSignOffAsync(appealId, physicianId, 1));

        Assert.Equal(AppealOutcome.Done, response.Outcome);
        Assert.True(again.Succeeded, again.Message);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal(AppealStatus.AwaitingSignOff, appeal.Status);
        Assert.Equal(physicianId, appeal.SignOffRequestedToUserId);
        Assert.Equal(appeal.Markdown, appeal.DraftAtSignOffRequest);
        Assert.Equal(DenialStatus.AwaitingSignOff, appeal.Denial.Status);
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.signoff-requested", appealId));

        var edit = await RunAsync<SaveLetter>(factory, w => w.SaveAsync(appealId, appeal.Markdown + "\nLate edit.", appeal.Version, "draft"));
        Assert.Equal(AppealOutcome.Locked, edit.Outcome);
        Assert.Equal(appeal.Markdown, (await AppealAsync(factory, appealId)).Markdown);

        var withdraw = await RunAsync<WithdrawSignOff>(factory, w => w.WithdrawSignOffAsync(appealId, appeal.Version));
        Assert.Equal(AppealOutcome.Done, withdraw.Outcome);
        appeal = await AppealAsync(factory, appealId);
        Assert.Equal((AppealStatus.Draft, DenialStatus.InProgress), (appeal.Status, appeal.Denial.Status));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RequestSignOff_WithBlockingProblems_IsRefused(TestDatabase db)
    {
        var (factory, _, appealId) = await StartedAsync(db, policyReference: null);
        var physicianId = await factory.WithDbAsync(d => d.Users.Where(u => u.Email == "physician@demo.local").Select(u => u.Id).SingleAsync());

        var response = await RunAsync<RequestSignOff>(factory, w => w.RequestSignOffAsync(appealId, physicianId, 1));
        var wrongUser = await RunAsync<RequestSignOff>(factory, w => w.RequestSignOffAsync(appealId, "not-a-physician", 1));

        Assert.Equal(AppealOutcome.Invalid, response.Outcome);
        Assert.Contains("Fix the", response.Message, StringComparison.Ordinal);
        Assert.Equal((AppealOutcome.Invalid, "PhysicianUserId"), (wrongUser.Outcome, wrongUser.Field));
        Assert.Contains("Choose the physician", wrongUser.Message, StringComparison.Ordinal);
        Assert.Equal(AppealStatus.Draft, (await AppealAsync(factory, appealId)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task SignedLetter_IsReadOnly_AndVoidingTheSignatureKeepsTheSignedRevision(TestDatabase db)
    {
        var (factory, _, appealId) = await StartedAsync(db);
        await SignAsync(factory, appealId);
        var signed = await AppealAsync(factory, appealId);
        var edit = await RunAsync<SaveLetter>(factory, w => w.SaveAsync(appealId, signed.Markdown + "\nAfter signing.", signed.Version, "draft"));
        Assert.Equal(AppealOutcome.Locked, edit.Outcome);

        var response = await RunAsync<VoidSignature>(factory, w => w.VoidSignatureAsync(appealId, signed.Version));

        Assert.Equal(AppealOutcome.Done, response.Outcome);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal(AppealStatus.Draft, appeal.Status);
        Assert.Null(appeal.SignatureSha256);
        Assert.Null(appeal.SignedByUserId);
        Assert.Null(appeal.SignedMarkdown);
        Assert.Equal(DenialStatus.InProgress, appeal.Denial.Status);
        Assert.Contains(await RevisionsAsync(factory, appealId), r => r.Kind == "signed" && r.Markdown == appeal.Markdown);
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.signature-voided", appealId));

        // The old page's button again (its version is stale): nothing else changes.
        var stale = await RunAsync<VoidSignature>(factory, w => w.VoidSignatureAsync(appealId, signed.Version));
        Assert.False(stale.Outcome == AppealOutcome.Done, stale.Message);
        var same = await RunAsync<SaveLetter>(factory, w => w.SaveAsync(appealId, appeal.Markdown, appeal.Version, "draft"));
        Assert.Equal(AppealOutcome.Unchanged, same.Outcome);
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.signature-voided", appealId));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Submission_PastTheDeadline_IsRecordedAndFlagged_AndBadDatesAreRefused(TestDatabase db)
    {
        var (factory, denialId, appealId) = await StartedAsync(db);
        var unsigned = await RunAsync<RecordSubmission>(factory, w => w.RecordSubmissionAsync(appealId, Submission(Today, null)));
        Assert.Contains("must be signed", unsigned.Message, StringComparison.Ordinal);
        await SignAsync(factory, appealId);
        await factory.WithDbAsync(async d =>
        {
            var denial = await d.Denials.SingleAsync(x => x.Id == denialId);
            denial.AppealDeadline = Today.AddDays(-3);
            return await d.SaveChangesAsync();
        });

        var future = await RunAsync<RecordSubmission>(factory, w => w.RecordSubmissionAsync(appealId, Submission(Today.AddDays(1), null)));
        var followUpBefore = await RunAsync<RecordSubmission>(factory, w => w.RecordSubmissionAsync(appealId, Submission(Today, new DateOnly(2026, 1, 1))));
        var noMethod = await RunAsync<RecordSubmission>(factory, w => w.RecordSubmissionAsync(appealId, Submission(Today, null) with { Method = "" }));

        Assert.Equal(("SubmittedOn", "FollowUpOn", "Method"), (future.Field, followUpBefore.Field, noMethod.Field));
        Assert.Contains("cannot be in the future", future.Message, StringComparison.Ordinal);
        Assert.Contains("on or after", followUpBefore.Message, StringComparison.Ordinal);
        Assert.Equal(AppealStatus.Signed, (await AppealAsync(factory, appealId)).Status);

        var response = await RunAsync<RecordSubmission>(factory, w => w.RecordSubmissionAsync(appealId, Submission(Today, null)));

        Assert.Equal(AppealOutcome.Done, response.Outcome);
        Assert.Contains("deadline", response.Message, StringComparison.OrdinalIgnoreCase);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal(AppealStatus.Submitted, appeal.Status);
        Assert.True(appeal.SubmittedAfterDeadline);
        Assert.Equal(("first-level", "fax", "PORTAL-123"), (appeal.Level, appeal.Method, appeal.SubmissionReference));
        Assert.Equal(DenialStatus.Submitted, appeal.Denial.Status);
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.submitted", appealId));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Decision_AmountRules_AreEnforced_ThenTheOutcomeIsRecorded(TestDatabase db)
    {
        var (factory, _, appealId) = await StartedAsync(db);
        await SignAsync(factory, appealId);
        var early = await RunAsync<RecordDecision>(factory, w => w.RecordDecisionAsync(appealId, new DecisionInput(AppealDecisions.Overturned, Today, 612.40m, false)));
        Assert.Contains("Record the submission", early.Message, StringComparison.Ordinal);
        Assert.Null((await AppealAsync(factory, appealId)).Decision);
        // Sent yesterday: a decision dated the day of sending needs its own confirmation (checked below).
        Assert.True((await RunAsync<RecordSubmission>(factory, w => w.RecordSubmissionAsync(appealId, Submission(Today.AddDays(-1), null)))).Succeeded);

        async Task<string?> ErrorFor(string decision, decimal? amount, bool confirm = false)
        {
            var result = await RunAsync<RecordDecision>(factory, w => w.RecordDecisionAsync(appealId, new DecisionInput(decision, Today, amount, confirm)));
            Assert.Equal(AppealOutcome.Invalid, result.Outcome);
            return result.Message;
        }

        Assert.Contains("cannot be negative", await ErrorFor(AppealDecisions.PartiallyOverturned, -5.00m), StringComparison.Ordinal);
        Assert.Contains("more than the denied amount", await ErrorFor(AppealDecisions.Overturned, 700.00m), StringComparison.Ordinal);
        Assert.Contains("recovers nothing", await ErrorFor(AppealDecisions.Upheld, 10.00m), StringComparison.Ordinal);
        Assert.Contains("Enter the amount the payer paid", await ErrorFor(AppealDecisions.Overturned, null), StringComparison.Ordinal);
        Assert.Contains("dollars and cents", await ErrorFor(AppealDecisions.Overturned, 10.001m), StringComparison.Ordinal);
        Assert.Contains("Choose the decision", await ErrorFor("", 10.00m), StringComparison.Ordinal);
        var sameDay = await RunAsync<RecordDecision>(factory, w => w.RecordDecisionAsync(appealId, new DecisionInput(AppealDecisions.Upheld, Today.AddDays(-1), null, false)));
        Assert.Equal("DecidedOn", sameDay.Field);
        Assert.Contains("the day the appeal was sent", sameDay.Message, StringComparison.Ordinal);
        var beforeSent = await RunAsync<RecordDecision>(factory, w => w.RecordDecisionAsync(appealId, new DecisionInput(AppealDecisions.Upheld, Today.AddDays(-2), null, false)));
        Assert.Contains("before the submission", beforeSent.Message, StringComparison.Ordinal);
        Assert.Equal(AppealStatus.Submitted, (await AppealAsync(factory, appealId)).Status);

        var response = await RunAsync<RecordDecision>(factory, w => w.RecordDecisionAsync(appealId, new DecisionInput(AppealDecisions.PartiallyOverturned, Today, 400.00m, false)));

        Assert.Equal(AppealOutcome.Done, response.Outcome);
        var appeal = await AppealAsync(factory, appealId);
        Assert.Equal((AppealStatus.Decided, AppealDecisions.PartiallyOverturned, 400.00m), (appeal.Status, appeal.Decision, appeal.AmountRecovered));
        Assert.Equal(DenialStatus.Decided, appeal.Denial.Status);
        Assert.Equal(1, await AuditCountAsync(factory, "appeal.decided", appealId));

        // More than denied is accepted once confirmed (interest or other lines paid with it).
        var confirmed = await RunAsync<RecordDecision>(factory, w => w.RecordDecisionAsync(appealId, new DecisionInput(AppealDecisions.Overturned, Today, 650.00m, true)));
        Assert.Equal(AppealOutcome.Done, confirmed.Outcome);
        Assert.Equal(650.00m, (await AppealAsync(factory, appealId)).AmountRecovered);
    }

    private static SubmissionInput Submission(DateOnly sentOn, DateOnly? followUp) => new("first-level", "fax", sentOn, "PORTAL-123", followUp);
}

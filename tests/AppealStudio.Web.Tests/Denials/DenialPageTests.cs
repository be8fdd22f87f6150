using System.Globalization;
using System.Net;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Denials;

/// <summary>
/// What the denial page reads and changes, through the services it calls (a scope of the real app acting as the
/// signed-in user), on every database: the facts, the audit of each view, overrides, status moves, assignment, notes,
/// conflicts, and who may do any of it. The page's own rendering is in <see cref="DenialPageRenderTests"/>.
/// </summary>
public class DenialPageTests
{
    private const string Specialist = "specialist@demo.local";

    private static Task<DenialDetails?> Load(AppFactory factory, long id, string email = Specialist) =>
        ActingAs.RunAsync<DenialDetailsService, DenialDetails?>(factory, email, s => s.LoadAsync(id));

    private static Task<WorkflowResult> Run(AppFactory factory, Func<DenialWorkflow, Task<WorkflowResult>> command, string email = Specialist) =>
        ActingAs.RunAsync(factory, email, command);

    private static ClassificationChange Change(string root = "coding", string? scenario = null) =>
        new("soft", "resubmit", "technical", root, "coder", scenario);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Load_ReadsTheDenialWithItsClaimLinesAndPaidAsOtherCode(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync(
            d => { d.ReasonCode = "97"; d.RemarkCodes = "N19,M80"; d.Scenario = "modifier-59"; },
            c => { c.PatientLastName = "Rivera"; c.PatientFirstName = "Ana"; c.PatientMemberId = "XYZ123456"; },
            l => { l.ProcedureCode = "97140"; l.Modifiers = "59,GP"; l.Units = 2m; l.SubmittedProcedureCode = "97530"; });

        var details = await Load(factory, denial.Id);

        Assert.NotNull(details);
        Assert.Equal(["N19", "M80"], details.Remarks);
        Assert.Equal("Rivera, Ana", details.Claim.PatientDisplayName);
        Assert.True(details.PaidAsOtherCode);
        Assert.Single(details.ClaimLines);
        Assert.Null(details.Appeal);
        Assert.Equal(0.45m, details.Denial.Probability);
        Assert.NotNull(details.Breakdown);
        Assert.Equal("Denied", DenialDetailsService.ClaimStatusMeaning(details.Claim.StatusCode));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Load_SameSubmittedCode_IsNotPaidAsOtherCode(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync(line: l => l.SubmittedProcedureCode = "99214");

        Assert.False((await Load(factory, denial.Id))!.PaidAsOtherCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Load_EveryView_IsAuditedWithTheIdOnly(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();

        await Load(factory, denial.Id, "manager@demo.local");
        await Load(factory, denial.Id, "manager@demo.local");

        Assert.Equal(2, await seed.AuditCountAsync("denial.view", denial.Id));
        var row = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().Where(e => e.Action == "denial.view" &&
            e.EntityId == denial.Id.ToString(CultureInfo.InvariantCulture)).FirstAsync());
        Assert.Equal("manager@demo.local", row.Actor);
        Assert.Null(row.Details);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Load_UnknownId_IsNullAndNotAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var before = await factory.CountAuditAsync("denial.view");

        Assert.Null(await Load(factory, 987654321));
        Assert.Equal(before, await factory.CountAuditAsync("denial.view"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Physician_IsRefusedByEveryServiceAndNothingIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        const string physician = "physician@demo.local";

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Load(factory, denial.Id, physician));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Run(factory, w => w.ChangeStatusAsync(denial.Id, 0, DenialStatus.InProgress, null), physician));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Run(factory, w => w.AssignAsync(denial.Id, 0, null), physician));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Run(factory, w => w.AddNoteAsync(denial.Id, "x"), physician));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Run(factory, w => w.OverrideAsync(denial.Id, 0, Change(), "r"), physician));
        Assert.Equal(0, await seed.AuditCountAsync("denial.view", denial.Id));
        Assert.Equal(0, (await seed.ReloadAsync(denial.Id)).Version);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Physician_OpeningTheDenialPage_IsSentToAccessDenied(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        using var client = await BrowserlessClient.SignedInAsync(factory, "physician@demo.local");

        var response = await client.Http.GetAsync("/denials/" + denial.Id.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", Account.SignInTests.PathOf(response));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Override_WithoutReason_IsRefusedAndChangesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();

        var result = await Run(factory, w => w.OverrideAsync(denial.Id, 0, Change(), "   "));

        Assert.Equal(WorkflowOutcome.Invalid, result.Outcome);
        Assert.Contains("Enter the reason for the override.", result.Message, StringComparison.Ordinal);
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

        var result = await Run(factory, w => w.OverrideAsync(denial.Id, 0, Change(scenario: "modifier-59"), "Wrong modifier on the claim; a corrected claim fixes it"));

        Assert.True(result.Succeeded, result.Message);
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
        var audit = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "denial.override" &&
            e.EntityId == denial.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.DoesNotContain("Wrong modifier", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Override_RanksWithThePracticeOutcomeHistory_OfThePayerRuleNotTheRawName(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        // A payer in Settings found by its id: two 835 names for it, one history.
        var payerId = "Z" + Guid.NewGuid().ToString("N")[..9];
        await Settings.SettingsTestData.AddPayerAsync(factory, "Zeta Health " + payerId, payerId, firstLevel: 180, timelyFiling: 365);
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

        Assert.True((await Run(factory, w => w.OverrideAsync(denial.Id, 0, new ClassificationChange("soft", "resubmit", "technical", "coding", "coder", null),
            "Modifier missing; corrected claim"))).Succeeded);

        var changed = await east.ReloadAsync(denial.Id);
        // 7 wins and 1 loss for this payer and root cause move the estimate off the soft prior (0.65) toward 7/8.
        var expected = new PriorityCalculator().Compute(400m, Severity.Soft, RootCause.Coding, RecommendedAction.Resubmit,
            new OutcomeStats(7, 1), denial.AppealDeadline, DenialBuilder.Today);
        Assert.Equal(decimal.Round(expected.Probability, 4, MidpointRounding.AwayFromZero), changed.Probability);
        Assert.True(changed.Probability > 0.65m, $"history ignored: {changed.Probability}");
        Assert.Equal(expected.Score, changed.PriorityScore);
        // The page explains the stored score with the same history.
        var details = await Load(factory, denial.Id);
        Assert.Equal(expected.Score, details!.Breakdown!.Score);
        Assert.Equal((7, 1), (details.Breakdown.ObservedWins, details.Breakdown.ObservedLosses));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task StaleVersion_GetsAConflictChangesNothingAndReportsTheCurrentVersion(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        // Someone else moves it on first (version 0 -> 1).
        Assert.True((await Run(factory, w => w.ChangeStatusAsync(denial.Id, 0, DenialStatus.InProgress, null), "manager@demo.local")).Succeeded);

        var stale = await Run(factory, w => w.OverrideAsync(denial.Id, 0, Change("authorization"), "The auth was on file"));

        Assert.Equal(WorkflowOutcome.Conflict, stale.Outcome);
        Assert.Contains("Someone else changed this denial", stale.Message, StringComparison.Ordinal);
        Assert.Equal(1, stale.CurrentVersion);
        var current = await seed.ReloadAsync(denial.Id);
        Assert.Equal((DenialStatus.InProgress, "medical-necessity", 1), (current.Status, current.RootCause, current.Version));
        Assert.Equal(0, await seed.AuditCountAsync("denial.override", denial.Id));

        // Sent again on purpose with the current version, it succeeds.
        Assert.True((await Run(factory, w => w.OverrideAsync(denial.Id, 1, Change("authorization"), "The auth was on file"))).Succeeded);
        Assert.Equal(("authorization", 2), ((await seed.ReloadAsync(denial.Id)).RootCause, (await seed.ReloadAsync(denial.Id)).Version));
        Assert.Equal(WorkflowOutcome.Conflict, (await Run(factory, w => w.ChangeStatusAsync(denial.Id, 1, DenialStatus.Ready, null))).Outcome);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task StatusChange_FollowsTheWorkflowAndWriteOffNeedsAReason(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();

        var noReason = await Run(factory, w => w.ChangeStatusAsync(denial.Id, 0, DenialStatus.WrittenOff, null));
        Assert.Contains("Enter the reason for the write-off.", noReason.Message, StringComparison.Ordinal);
        var notAllowed = await Run(factory, w => w.ChangeStatusAsync(denial.Id, 0, DenialStatus.Decided, null));
        Assert.Contains("New cannot move to Decided", notAllowed.Message, StringComparison.Ordinal);
        Assert.Equal(DenialStatus.New, (await seed.ReloadAsync(denial.Id)).Status);

        Assert.True((await Run(factory, w => w.ChangeStatusAsync(denial.Id, 0, DenialStatus.WrittenOff, "Below the cost of appealing"))).Succeeded);
        var written = await seed.ReloadAsync(denial.Id);
        Assert.Equal(DenialStatus.WrittenOff, written.Status);
        Assert.NotNull(written.StatusChangedAt);
        var ev = Assert.Single(await seed.EventsAsync(denial.Id));
        Assert.Equal(("New", "WrittenOff", "Below the cost of appealing"), (ev.FromStatus, ev.ToStatus, ev.Text));
        Assert.Equal(1, await seed.AuditCountAsync("denial.status", denial.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task AssignAndNotes_AreRecordedOnTheTimeline(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        var me = await DenialBuilder.UserIdAsync(factory, Specialist);

        Assert.True((await Run(factory, w => w.AssignAsync(denial.Id, 0, me))).Succeeded);
        Assert.Equal("Sam Specialist", (await Load(factory, denial.Id))!.AssigneeName);
        Assert.Contains("Write the note first.", (await Run(factory, w => w.AddNoteAsync(denial.Id, " "))).Message, StringComparison.Ordinal);
        Assert.True((await Run(factory, w => w.AddNoteAsync(denial.Id, "Called the payer, ref 4411."))).Succeeded);

        var events = (await seed.EventsAsync(denial.Id)).OrderBy(e => e.Id).ToList();
        Assert.Equal(["assign", "note"], events.Select(e => e.Type));
        Assert.Equal(("Called the payer, ref 4411.", Specialist), (events[1].Text, events[1].Actor));
        Assert.Equal(1, await seed.AuditCountAsync("denial.note", denial.Id));
        Assert.Equal(1, await seed.AuditCountAsync("denial.assign", denial.Id));
        // A note does not move the version: an open page elsewhere still saves.
        Assert.Equal(1, (await seed.ReloadAsync(denial.Id)).Version);

        var physician = await DenialBuilder.UserIdAsync(factory, "physician@demo.local");
        Assert.Contains("Choose a specialist, manager or admin", (await Run(factory, w => w.AssignAsync(denial.Id, 1, physician))).Message, StringComparison.Ordinal);
        Assert.Equal(me, (await seed.ReloadAsync(denial.Id)).AssigneeUserId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DenialPage_MalformedId_IsNotFound(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), Specialist);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/denials/does-not-exist")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/denials/99999999999999999999999")).StatusCode);
    }
}

using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

public class AppealLadderTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    /// <summary>A Medicare medical-necessity denial remitted 20 days ago; returns its id.</summary>
    private static async Task<long> MedicareDenialAsync(LifecycleHarness h, int daysAgo = 20)
    {
        var pcn = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835("MEDICARE PART B JURISDICTION " + pcn, "", h.Clock.Today.AddDays(-daysAgo))
            .Add(new ClaimSpec(pcn, "1", "C" + pcn, new Line("72148", 640m, 0m, new Cas("CO", "50", 640m)))).ToString());
        return await h.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
    }

    private static Task<AppealResult> StartAsync(LifecycleHarness h, long denialId) =>
        h.RunAsync(sp => sp.GetRequiredService<StartAppeal>().StartAsync(denialId, "medical-necessity", LetterStartDetails.None, false));

    private static Task<AppealLadderResult?> LadderAsync(LifecycleHarness h, long denialId) =>
        h.RunAsync(sp => sp.GetRequiredService<AppealLevels>().LadderAsync(denialId));

    /// <summary>The payer's answer as the workspace leaves it: sent, then decided.</summary>
    private static Task SetDecidedAsync(LifecycleHarness h, long appealId, string level, DateOnly sent, string decision, DateOnly decided) =>
        h.WithDbAsync(async db =>
        {
            var appeal = await db.Appeals.Include(a => a.Denial).SingleAsync(a => a.Id == appealId);
            (appeal.Status, appeal.Level, appeal.Method, appeal.SubmittedOn, appeal.Decision, appeal.DecidedOn, appeal.AmountRecovered) =
                (AppealStatus.Decided, level, "mail", sent, decision, decided, 0m);
            appeal.Denial.Status = DenialStatus.Decided;
            return await db.SaveChangesAsync();
        });

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task UpheldDecision_OffersTheNextLevel_AndStartingItOpensItsOwnAppealWithItsDeadline(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var denialId = await MedicareDenialAsync(h);
        var first = await StartAsync(h, denialId);
        var before = await LadderAsync(h, denialId);
        Assert.Equal(LadderStepState.Current, before!.Steps[0].State);
        Assert.Equal(first.AppealId, before.Steps[0].Appeal!.Id);
        Assert.Equal(5, before.Steps.Count);

        var decided = h.Clock.Today.AddDays(-2);
        await SetDecidedAsync(h, first.AppealId, "first-level", h.Clock.Today.AddDays(-10), AppealDecisions.Upheld, decided);
        var offered = (await LadderAsync(h, denialId))!.Offered;

        Assert.NotNull(offered);
        Assert.Equal((AppealLevel.SecondLevel, "reconsideration (QIC)"), (offered.Level, offered.Name));
        Assert.Equal(decided.AddDays(5 + 180), offered.Deadline);

        var second = await StartAsync(h, denialId);

        Assert.Equal(AppealOutcome.Done, second.Outcome);
        Assert.NotEqual(first.AppealId, second.AppealId);
        var appeal = await h.WithDbAsync(db => db.Appeals.AsNoTracking().Include(a => a.Denial).SingleAsync(a => a.Id == second.AppealId));
        Assert.Equal((2, first.AppealId, "second-level"), (appeal.Sequence, appeal.PreviousAppealId!.Value, appeal.Level!));
        Assert.Equal((DenialStatus.InProgress, offered.Deadline), (appeal.Denial.Status, appeal.Denial.AppealDeadline));
        Assert.Contains(await h.WithDbAsync(db => db.DenialEvents.Where(e => e.DenialId == denialId).Select(e => e.Text).ToListAsync()),
            t => t != null && t.StartsWith("Next level started: reconsideration (QIC)", StringComparison.Ordinal));
        var ladder = (await LadderAsync(h, denialId))!;
        Assert.Equal([LadderStepState.Done, LadderStepState.Current, LadderStepState.Next, LadderStepState.Next, LadderStepState.Next], ladder.Steps.Select(s => s.State));
        Assert.Equal(second.AppealId, ladder.Steps[1].Appeal!.Id);
        Assert.Equal(second.AppealId, (await h.RunAsync(sp => sp.GetRequiredService<AppealQueries>().AppealForDenialAsync(denialId)))!.Id);

        // Starting again returns the current level's letter; a payer change keeps the ladder's deadline.
        Assert.Equal((AppealOutcome.Unchanged, second.AppealId), ((await StartAsync(h, denialId)).Outcome, (await StartAsync(h, denialId)).AppealId));
        await h.RunAsync(sp => sp.GetRequiredService<DenialReassessment>().ReassessAsync(new ReassessmentScope("test", null, null, false)));
        Assert.Equal(offered.Deadline, await h.WithDbAsync(db => db.Denials.Where(d => d.Id == denialId).Select(d => d.AppealDeadline).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DecisionDates_BeforeSubmissionRefused_SameDayNeedsConfirmation(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var denialId = await MedicareDenialAsync(h);
        var started = await StartAsync(h, denialId);
        var sent = h.Clock.Today.AddDays(-3);
        await h.WithDbAsync(async db =>
        {
            var appeal = await db.Appeals.SingleAsync(a => a.Id == started.AppealId);
            (appeal.Status, appeal.Level, appeal.Method, appeal.SubmittedOn) = (AppealStatus.Submitted, "first-level", "mail", sent);
            return await db.SaveChangesAsync();
        });

        Task<AppealResult> DecideAsync(DateOnly on, bool confirm) => h.RunAsync(sp => sp.GetRequiredService<RecordDecision>()
            .RecordDecisionAsync(started.AppealId, new DecisionInput(AppealDecisions.Upheld, on, null, false, confirm)));

        var before = await DecideAsync(sent.AddDays(-1), false);
        var sameDay = await DecideAsync(sent, false);
        var confirmed = await DecideAsync(sent, true);

        Assert.Equal(("DecidedOn", AppealOutcome.Invalid), (before.Field!, before.Outcome));
        Assert.Contains("cannot be before the submission", before.Message, StringComparison.Ordinal);
        Assert.Equal(("DecidedOn", AppealOutcome.Invalid), (sameDay.Field!, sameDay.Outcome));
        Assert.Contains("tick the confirmation", sameDay.Message, StringComparison.Ordinal);
        Assert.Equal(AppealOutcome.Done, confirmed.Outcome);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task FirstLevelDeadlinePassed_LadderIsExpired_AndTheDenialLeavesTheQueue(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var denialId = await MedicareDenialAsync(h, daysAgo: 130);

        var ladder = (await LadderAsync(h, denialId))!;

        Assert.True(ladder.IsExpired);
        Assert.Equal(LadderStepState.Expired, ladder.Steps[0].State);
        Assert.True(await h.WithDbAsync(db => db.Denials.Expired(h.Clock.Today).AnyAsync(d => d.Id == denialId)));
        Assert.False(await h.WithDbAsync(db => db.Denials.WorkQueue(h.Clock.Today).AnyAsync(d => d.Id == denialId)));
        Assert.Null(await h.RunAsync(sp => sp.GetRequiredService<AppealLevels>().LadderAsync(-1)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task PracticeLevelRow_ChangesALaterLevelsWindow_ButTheFirstLevelStaysInPayerSettings(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var denialId = await MedicareDenialAsync(h);
        Assert.Contains("180 days", (await LadderAsync(h, denialId))!.Steps[1].Basis, StringComparison.Ordinal);

        var added = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().AddAsync(new AppealLevelRuleInput(
            "medicare", null, "second-level", 90, null, null, new DateOnly(2026, 1, 1), null, "Test: a shorter window from 2026")));
        var first = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().AddAsync(new AppealLevelRuleInput(
            "medicare", null, "first-level", 90, null, null, null, null, "x")));
        var negative = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().AddAsync(new AppealLevelRuleInput(
            "medicare", null, "council-review", -5, null, null, null, null, "x")));

        Assert.True(added.Succeeded, added.Message);
        Assert.Contains("Settings > Payers", first.Message, StringComparison.Ordinal);
        Assert.False(negative.Succeeded);
        var step = (await LadderAsync(h, denialId))!.Steps[1];
        Assert.Contains("90 days", step.Basis, StringComparison.Ordinal);
        Assert.Equal("Test: a shorter window from 2026", step.Source);
    }
}

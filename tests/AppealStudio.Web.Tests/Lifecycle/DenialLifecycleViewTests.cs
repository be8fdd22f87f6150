using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

/// <summary>The denial page's lifecycle read: the ladder, the live priority in words, the warnings, the recovery.</summary>
public class DenialLifecycleViewTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static Task<DenialLifecycleDetails?> LoadAsync(LifecycleHarness h, long id) =>
        h.RunAsync(sp => sp.GetRequiredService<DenialLifecycleView>().LoadAsync(id));

    private static async Task<long> MedicareDenialAsync(LifecycleHarness h, int daysAgo)
    {
        var pcn = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835("MEDICARE PART B JURISDICTION " + pcn, "", h.Clock.Today.AddDays(-daysAgo))
            .Add(new ClaimSpec(pcn, "1", "C" + pcn, new Line("72148", 640m, 0m, new Cas("CO", "50", 640m)))).ToString());
        return await h.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task LoadAsync_UpheldFirstLevel_LadderShowsDoneThenTheCurrentLevelWithItsDeadline(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var denialId = await MedicareDenialAsync(h, 20);
        var first = await h.RunAsync(sp => sp.GetRequiredService<StartAppeal>().StartAsync(denialId, "medical-necessity", LetterStartDetails.None, false));
        var decided = h.Clock.Today.AddDays(-2);
        await h.WithDbAsync(async db =>
        {
            var appeal = await db.Appeals.Include(a => a.Denial).SingleAsync(a => a.Id == first.AppealId);
            (appeal.Status, appeal.Level, appeal.SubmittedOn, appeal.Decision, appeal.DecidedOn, appeal.AmountRecovered) =
                (AppealStatus.Decided, "first-level", h.Clock.Today.AddDays(-10), AppealDecisions.Upheld, decided, 0m);
            appeal.Denial.Status = DenialStatus.Decided;
            return await db.SaveChangesAsync();
        });

        var view = await LoadAsync(h, denialId);

        Assert.Equal(LadderStepState.Done, view!.Ladder.Steps[0].State);
        Assert.Equal((LadderStepState.Current, decided.AddDays(5 + 180)), (view.Ladder.Steps[1].State, view.Ladder.Steps[1].Deadline!.Value));
        Assert.Null(view.Recovery);
        Assert.Contains(view.PriorityWords, w => w.Contains("not being worked now", StringComparison.Ordinal));
        h.Reset();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task LoadAsync_DeadlinePassed_WarnsWithRuleAndSource_AndTheLadderSaysExpired(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var denialId = await MedicareDenialAsync(h, 200);

        var view = await LoadAsync(h, denialId);

        var warning = Assert.Single(view!.Viability.Warnings, w => w.Code == ViabilityChecker.DeadlinePassed);
        Assert.False(string.IsNullOrWhiteSpace(warning.Source));
        Assert.Equal(LadderStepState.Expired, view.Ladder.Steps[0].State);
        Assert.Equal(0m, view.Priority.Score);
        Assert.Contains(view.PriorityWords, w => w.Contains("deadline has passed", StringComparison.Ordinal));
        h.Reset();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task LoadAsync_LaterCheckWithoutAppeal_ShowsThePartialRecoveryAndItsRemittance(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var payer = Remit835.UniquePayer();
        var pcn = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835(payer, "P1", h.Clock.Today.AddDays(-60)).Add(new ClaimSpec(pcn, "1", "ICN-" + pcn,
            new Line("29880", 612.40m, 0m, new Cas("CO", "97", 612.40m)) { Modifiers = ["XS", "LT"], Remarks = ["N19"] })).ToString());
        var denialId = await h.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
        var summary = await h.ImportAsync(new Remit835(payer, "P1", h.Clock.Today.AddDays(-5))
            .Add(new ClaimSpec(pcn, "1", "ICN-" + pcn, new Line("29880", 0m, 300m) { Modifiers = ["XS", "LT"] })).ToString(), "later-check.835");

        var recovery = (await LoadAsync(h, denialId))!.Recovery;

        Assert.NotNull(recovery);
        Assert.Equal((false, 300m, h.Clock.Today.AddDays(-5), summary.ImportId, "later-check.835", true),
            (recovery.Full, recovery.Amount, recovery.On!.Value, recovery.ImportId!.Value, recovery.FileName!, recovery.WithoutAppeal));
        h.Reset();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task LoadAsync_MissingDenialIsNull_AndAPhysicianIsRefused(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var denialId = await MedicareDenialAsync(h, 20);

        Assert.Null(await LoadAsync(h, long.MaxValue));
        h.ActAs(await h.CreateUserAsync(Roles.Physician), Roles.Physician);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => LoadAsync(h, denialId));
        h.Reset();
    }

    [Fact]
    public void Explain_NoDeadline_SaysSoAndThatItIsListedAfterTheDatedOnes()
    {
        var breakdown = new PriorityBreakdown(640m, 0.3m, "payer type", 4m, 1, 2, 0.25m, 40m, 120m, null, 1m, 120m, PriorityFlags.NoDeadline);

        var words = DenialLifecycleView.Explain(breakdown, new Denial { Amount = 640m, PriorityScore = 120m });

        Assert.Contains(words, w => w.Contains("No deadline is known", StringComparison.Ordinal) && w.Contains("after the denials with a deadline", StringComparison.Ordinal));
        Assert.Equal("Priority score today: 120.", words[^1]);
    }
}

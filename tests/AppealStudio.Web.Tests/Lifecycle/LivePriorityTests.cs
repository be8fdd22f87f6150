using AppealStudio.Core.Denials;
using AppealStudio.Data;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

public class LivePriorityTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static ClaimSpec MedicalNecessity(string pcn, decimal amount = 400m) =>
        new(pcn, "1", "PCN-" + pcn, new Line("72148", amount, 0m, new Cas("CO", "50", amount)));

    /// <summary>Three denials: one whose 60-day default window passed, one due in 3 days, one with no known window.</summary>
    private static async Task<(long Expired, long DueSoon, long NoDeadline, string Payer)> SeedAsync(LifecycleHarness h)
    {
        var payer = Remit835.UniquePayer();
        var today = h.Clock.Today;
        await h.ImportAsync(new Remit835(payer, "U1", today.AddDays(-70)).Add(MedicalNecessity(Remit835.UniquePcn())).ToString());
        await h.ImportAsync(new Remit835(payer, "U1", today.AddDays(-57)).Add(MedicalNecessity(Remit835.UniquePcn(), 90m)).ToString());
        // "MEDICAID" in the name resolves to the shipped Medicaid rule, which has no appeal window (never guessed).
        await h.ImportAsync(new Remit835(payer + " MEDICAID", "", today.AddDays(-200)).Add(MedicalNecessity(Remit835.UniquePcn(), 5000m)).ToString());
        var ids = await h.WithDbAsync(db => db.Denials.Where(d => d.PayerName.StartsWith(payer)).OrderBy(d => d.RemittanceDate)
            .Select(d => new { d.Id, d.AppealDeadline }).ToListAsync());
        Assert.Equal(3, ids.Count);
        Assert.Null(ids[0].AppealDeadline);
        return (ids[1].Id, ids[2].Id, ids[0].Id, payer);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Views_EvaluatedForTheDate_ExpiredLeavesTheQueueAndNoDeadlineRanksLast(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var (expired, dueSoon, noDeadline, payer) = await SeedAsync(h);
        var today = h.Clock.Today;

        var (queue, expiredView, dueWeek) = await h.WithDbAsync(async db =>
        {
            var mine = db.Denials.Where(d => d.PayerName.StartsWith(payer));
            return (await mine.WorkQueue(today).ByPriority().Select(d => d.Id).ToListAsync(),
                await mine.Expired(today).Select(d => d.Id).ToListAsync(),
                await mine.DueThisWeek(today).Select(d => d.Id).ToListAsync());
        });

        // The $5,000 denial without a deadline comes after the $90 one that has a deadline.
        Assert.Equal([dueSoon, noDeadline], queue);
        Assert.Equal([expired], expiredView);
        Assert.Equal([dueSoon], dueWeek);

        var lost = await h.RunAsync(sp => sp.GetRequiredService<LifecycleReport>().GetAsync(new ReportFilter(today.AddDays(-365), today, payer)));
        Assert.Equal((1, 400m), (lost.Expired, lost.ExpiredAmount));

        var later = today.AddDays(4);
        var laterQueue = await h.WithDbAsync(db => db.Denials.Where(d => d.PayerName.StartsWith(payer)).WorkQueue(later).Select(d => d.Id).ToListAsync());
        Assert.Equal([noDeadline], laterQueue);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Evaluate_AsTheDeadlineNears_ScoreRisesThenDropsToZeroOncePast(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var (_, dueSoon, noDeadline, _) = await SeedAsync(h);
        var today = h.Clock.Today;

        var (farAway, near, past, none) = await h.RunAsync(async sp =>
        {
            var live = sp.GetRequiredService<LivePriority>();
            var denial = await sp.GetRequiredService<AppDbContext>().Denials.AsNoTracking().SingleAsync(d => d.Id == dueSoon);
            var other = await sp.GetRequiredService<AppDbContext>().Denials.AsNoTracking().SingleAsync(d => d.Id == noDeadline);
            var assessor = await live.AssessorAsync();
            return (LivePriority.Evaluate(assessor, denial, today.AddDays(-40)), LivePriority.Evaluate(assessor, denial, today),
                LivePriority.Evaluate(assessor, denial, today.AddDays(4)), LivePriority.Evaluate(assessor, other, today));
        });

        Assert.Equal(1m, farAway.UrgencyMultiplier);
        Assert.True(near.UrgencyMultiplier > 1.8m, "3 days before the deadline urgency is near its maximum");
        Assert.True(near.Score > farAway.Score);
        Assert.Equal(3, near.DaysLeft);
        Assert.Equal(0m, past.Score);
        Assert.True(past.Flags.HasFlag(PriorityFlags.PastDeadline));
        Assert.True(none.Flags.HasFlag(PriorityFlags.NoDeadline));
        Assert.Null(none.DaysLeft);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RescoreOpen_DailyJob_WritesTodaysScoreWithoutMakingFormsStale(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var (_, dueSoon, _, _) = await SeedAsync(h);
        var before = await h.WithDbAsync(db => db.Denials.AsNoTracking().SingleAsync(d => d.Id == dueSoon));
        Assert.True(before.PriorityScore > 0m);

        var result = await h.RunAsync(sp => sp.GetRequiredService<LivePriority>().RescoreOpenAsync(h.Clock.Today.AddDays(4), "system:test"));

        var after = await h.WithDbAsync(db => db.Denials.AsNoTracking().SingleAsync(d => d.Id == dueSoon));
        Assert.Equal(0m, after.PriorityScore);
        Assert.Equal(before.Version, after.Version);
        Assert.True(result.Changed >= 1);
        Assert.True(await h.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "denial.rescore" && e.Actor == "system:test")));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task SlaBreaches_SoftNewAfterFiveBusinessDays_AndHardAppealAfterThirtyDays(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset(new DateOnly(2026, 9, 1)); // a Tuesday
        var payer = Remit835.UniquePayer();
        // CO-16 (missing information) is soft and still New; CO-50 is hard, to appeal.
        await h.ImportAsync(new Remit835(payer, "U2", h.Clock.Today.AddDays(-2)).Add(
            new ClaimSpec(Remit835.UniquePcn(), "1", "A1", new Line("99213", 120m, 0m, new Cas("CO", "16", 120m)) { Remarks = ["M51"] }))
            .Add(MedicalNecessity(Remit835.UniquePcn())).ToString());
        var options = new ReportOptions();

        async Task<List<string>> BreachesAsync(DateTimeOffset now) => await h.WithDbAsync(db =>
            db.Denials.Where(d => d.PayerName == payer).SlaBreaches(options, now).Select(d => d.Severity).ToListAsync());

        Assert.Empty(await BreachesAsync(h.Clock.Now.AddDays(6)));   // Monday 7 Sept: 4 business days
        Assert.Equal(["soft"], await BreachesAsync(h.Clock.Now.AddDays(8)));  // Wednesday 9 Sept: 6 business days
        Assert.Equal(["hard", "soft"], (await BreachesAsync(h.Clock.Now.AddDays(31))).Order().ToList());
    }
}

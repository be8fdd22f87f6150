using AppealStudio.Data.Identity;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Notifications;
using AppealStudio.Data.Scheduling;
using AppealStudio.Data.Scheduling.Jobs;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

public class SchedulerTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    /// <summary>Two app instances on one database, as two web servers behind a load balancer would be.</summary>
    private static async Task<(LifecycleHarness A, LifecycleHarness B)> TwoInstancesAsync(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        var a = await LifecycleHarness.CreateAsync(database, null, With(settings, "instance-a"));
        var b = await LifecycleHarness.CreateAsync(database, (a.Provider, a.ConnectionString), With(settings, "instance-b"));
        return (a, b);
    }

    private static Dictionary<string, string?> With(IDictionary<string, string?>? settings, string instance) =>
        new(settings ?? new Dictionary<string, string?>()) { ["Scheduler:Instance"] = instance };

    /// <summary>A denial due in 3 days assigned to a specialist (a reminder to raise) and returns its assignee.</summary>
    private static async Task<(long DenialId, string UserId)> DueSoonAsync(LifecycleHarness h)
    {
        var user = await h.CreateUserAsync(Roles.Specialist);
        var pcn = Remit835.UniquePcn();
        // Unknown payer: 60 days from the remittance date, so 57 days ago leaves 3.
        await h.ImportAsync(new Remit835(Remit835.UniquePayer(), "S1", h.Clock.Today.AddDays(-57))
            .Add(new ClaimSpec(pcn, "1", "C" + pcn, new Line("72148", 400m, 0m, new Cas("CO", "50", 400m)))).ToString());
        var id = await h.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
        await h.WithDbAsync(db => db.Denials.Where(d => d.Id == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.AssigneeUserId, user)));
        return (id, user);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task TwoInstancesOnOneDatabase_EachJobRunsOncePerDay(TestDatabase database)
    {
        var (a, b) = await TwoInstancesAsync(database);
        var (_, user) = await DueSoonAsync(a);
        var runnerA = a.Services.GetRequiredService<JobRunner>();
        var runnerB = b.Services.GetRequiredService<JobRunner>();

        var reports = new List<JobRunReport>();
        for (var tick = 0; tick < 3; tick++)
        {
            var both = await Task.WhenAll(runnerA.RunDueAsync(), runnerB.RunDueAsync());
            reports.AddRange(both.SelectMany(r => r));
        }

        var failed = reports.Where(r => r.Result == JobRunReport.Failed).Select(r => $"{r.Job}: {r.Outcome}").ToList();
        Assert.True(failed.Count == 0, "Failed runs: " + string.Join("; ", failed));
        var ran = reports.Where(r => r.Result == JobRunReport.Ran).ToList();
        Assert.Equal(["auto-assign", "purge-voided", "reminders", "rescore"], ran.Select(r => r.Job).Order(StringComparer.Ordinal));
        var runs = await a.WithDbAsync(db => db.ScheduledJobRuns.AsNoTracking().ToListAsync());
        Assert.Equal(4, runs.Count);
        Assert.All(runs, r => Assert.NotNull(r.CompletedAt));
        Assert.Equal(1, await a.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "denial.rescore")));
        Assert.Equal(1, await a.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == user && n.Kind == "deadline")));

        // The next day is a new period: each job runs once more.
        a.Clock.Today = b.Clock.Today = a.Clock.Today.AddDays(1);
        await Task.WhenAll(runnerA.RunDueAsync(), runnerB.RunDueAsync());
        Assert.Equal(8, await a.WithDbAsync(db => db.ScheduledJobRuns.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DeadInstance_ExpiredLeaseIsTakenOver_ButALiveOneIsLeftAlone(TestDatabase database)
    {
        var (a, b) = await TwoInstancesAsync(database);
        var period = a.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await a.WithDbAsync(async db =>
        {
            db.ScheduledJobRuns.Add(new ScheduledJobRun { Job = RescoreJob.JobName, Period = period, Instance = "dead", StartedAt = a.Clock.Now.AddHours(-2), LeaseUntil = a.Clock.Now.AddMinutes(-1), Attempt = 1 });
            db.ScheduledJobRuns.Add(new ScheduledJobRun { Job = ReminderJob.JobName, Period = period, Instance = "alive", StartedAt = a.Clock.Now, LeaseUntil = a.Clock.Now.AddMinutes(10), Attempt = 1 });
            return await db.SaveChangesAsync();
        });

        var rescore = await b.Services.GetRequiredService<JobRunner>().RunNowAsync(RescoreJob.JobName);
        var reminders = await b.Services.GetRequiredService<JobRunner>().RunNowAsync(ReminderJob.JobName);

        Assert.Equal(JobRunReport.Ran, rescore.Result);
        Assert.Equal((JobRunReport.RunningElsewhere, "alive"), (reminders.Result, reminders.Outcome));
        var run = await a.WithDbAsync(db => db.ScheduledJobRuns.AsNoTracking().SingleAsync(r => r.Job == RescoreJob.JobName));
        Assert.Equal(("instance-b", 2), (run.Instance, run.Attempt));
        Assert.NotNull(run.CompletedAt);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RunDue_BeforeTheDailyHour_RunsNothing(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null, new Dictionary<string, string?> { ["Scheduler:DailyAtHour"] = "15" });

        var reports = await h.Services.GetRequiredService<JobRunner>().RunDueAsync();

        Assert.All(reports, r => Assert.Equal(JobRunReport.NotDue, r.Result));
        Assert.Equal(0, await h.WithDbAsync(db => db.ScheduledJobRuns.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Reminders_FollowUpAndSlaBreach_NotifyOnceAndEscalateToManagers(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var manager = await h.CreateUserAsync(Roles.Manager);
        var (denialId, specialist) = await DueSoonAsync(h);
        await h.WithDbAsync(async db =>
        {
            db.Appeals.Add(new Data.Appeals.Appeal
            {
                DenialId = denialId, TemplateId = "medical-necessity", Status = Data.Appeals.AppealStatus.Submitted, Markdown = "x", Version = 1,
                CreatedAt = h.Clock.Now, UpdatedAt = h.Clock.Now, SubmittedOn = h.Clock.Today.AddDays(-20), FollowUpOn = h.Clock.Today.AddDays(-1),
            });
            return await db.SaveChangesAsync();
        });
        // 31 days later the same denial (still New, hard, to appeal) breaches its service level; imported "today" it was
        // not yet. The denial moved on: its deadline passed, so no deadline reminder either.
        h.Clock.Now = h.Clock.Now.AddDays(31);

        Assert.True(await h.WithDbAsync(db => db.Denials.FollowUpsDue(db.Appeals, h.Clock.Today).AnyAsync(d => d.Id == denialId)));
        var job = h.Services.GetServices<IScheduledJob>().Single(j => j.Name == ReminderJob.JobName);
        await h.RunAsync(sp => job.RunAsync(sp, h.Clock.Today, CancellationToken.None));
        await h.RunAsync(sp => job.RunAsync(sp, h.Clock.Today, CancellationToken.None));

        var notes = await h.WithDbAsync(db => db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync());
        Assert.Equal(["follow-up", "sla-breach"], notes.Where(n => n.UserId == specialist).Select(n => n.Kind));
        var escalation = Assert.Single(notes, n => n.UserId == manager);
        Assert.Equal(("sla-escalation", "/worklist?view=sla"), (escalation.Kind, escalation.Link));
        Assert.All(notes, n => Assert.DoesNotContain("DOE", n.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Bell_CountsListsAndMarksOnlyTheActorsOwn(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var (_, user) = await DueSoonAsync(h);
        var other = await h.CreateUserAsync(Roles.Specialist);
        await h.RunAsync(sp => sp.GetRequiredService<JobRunner>().RunNowAsync(ReminderJob.JobName));
        h.ActAs(user, Roles.Specialist);

        var (count, list) = await h.RunAsync(async sp => (await sp.GetRequiredService<NotificationService>().UnreadCountAsync(),
            await sp.GetRequiredService<NotificationService>().ListAsync()));
        Assert.Equal(1, count);
        var item = Assert.Single(list);
        Assert.StartsWith("Denial ", item.Text, StringComparison.Ordinal);
        Assert.Contains("in 3 days", item.Text, StringComparison.Ordinal);

        h.ActAs(other, Roles.Specialist);
        Assert.False(await h.RunAsync(sp => sp.GetRequiredService<NotificationService>().MarkReadAsync(item.Id)));
        h.ActAs(user, Roles.Specialist);
        Assert.True(await h.RunAsync(sp => sp.GetRequiredService<NotificationService>().MarkReadAsync(item.Id)));
        Assert.Equal(0, await h.RunAsync(sp => sp.GetRequiredService<NotificationService>().UnreadCountAsync()));
        Assert.Single(await h.RunAsync(sp => sp.GetRequiredService<NotificationService>().ListAsync(includeRead: true)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Email_WhenSmtpIsConfigured_SendsALinkAndNoPatientData(TestDatabase database)
    {
        await using var smtp = new FakeSmtpServer();
        var h = await LifecycleHarness.CreateAsync(database, null, new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:Security"] = "none",
            ["Notifications:Smtp:From"] = "appealstudio@practice.test",
            ["Notifications:BaseUrl"] = "https://appeals.practice.test/",
        });
        var (denialId, user) = await DueSoonAsync(h);
        var email = await h.WithDbAsync(db => db.Users.Where(u => u.Id == user).Select(u => u.Email!).SingleAsync());

        var report = await h.RunAsync(sp => sp.GetRequiredService<SchedulerStatus>().RunNowAsync(ReminderJob.JobName));

        Assert.Contains("emails=1", report.Outcome, StringComparison.Ordinal);
        var status = await h.RunAsync(sp => sp.GetRequiredService<SchedulerStatus>().JobsAsync());
        Assert.Single(status.Single(j => j.Job == ReminderJob.JobName).LastRuns);
        var (to, data) = Assert.Single(smtp.Messages);
        Assert.Equal(email, to);
        Assert.Contains($"https://appeals.practice.test/denials/{denialId}", data, StringComparison.Ordinal);
        Assert.DoesNotContain("DOE", data, StringComparison.Ordinal);
        Assert.DoesNotContain("JANE", data, StringComparison.Ordinal);
        Assert.NotNull(await h.WithDbAsync(db => db.Notifications.Where(n => n.UserId == user).Select(n => n.EmailedAt).SingleAsync()));
    }
}

using AppealStudio.Data.Scheduling;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppealStudio.Web.Tests.Lifecycle;

/// <summary>
/// Issue 14: background work runs once per cluster and survives an instance stopping mid-job. Two real runners on one
/// database (two app instances); instance A is stopped while its job runs, and B takes the day's run over once A's
/// lease has run out, not before.
/// </summary>
public sealed class SchedulerTakeoverTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    /// <summary>A job that counts its runs per instance; A's run waits until the test stops A.</summary>
    private sealed class CountingJob(string instance, TaskCompletionSource? started = null) : IScheduledJob
    {
        public static readonly List<string> Completed = [];

        public string Name => "takeover-probe";

        public async Task<string> RunAsync(IServiceProvider services, DateOnly day, CancellationToken cancellationToken)
        {
            if (started is not null)
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            lock (Completed)
            {
                Completed.Add(instance);
            }

            return "probed by " + instance;
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task InstanceStoppedMidJob_TheOtherTakesTheRunOverAfterTheLease_AndItRunsOnce(TestDatabase database)
    {
        var a = await LifecycleHarness.CreateAsync(database, null, new Dictionary<string, string?> { ["Scheduler:Instance"] = "instance-a" });
        var b = await LifecycleHarness.CreateAsync(database, (a.Provider, a.ConnectionString), new Dictionary<string, string?> { ["Scheduler:Instance"] = "instance-b" });
        lock (CountingJob.Completed)
        {
            CountingJob.Completed.Clear();
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runnerA = Runner(a, "instance-a", new CountingJob("instance-a", started));
        var runnerB = Runner(b, "instance-b", new CountingJob("instance-b"));

        using var stopA = new CancellationTokenSource();
        var runA = runnerA.RunNowAsync("takeover-probe", stopA.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // While A holds a live lease, B leaves the run alone.
        var whileAlive = await runnerB.RunNowAsync("takeover-probe");
        Assert.Equal((JobRunReport.RunningElsewhere, "instance-a"), (whileAlive.Result, whileAlive.Outcome));

        // A stops mid-job (the host's stopping token): its run is neither finished nor released.
        await stopA.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runA);
        var orphan = await a.WithDbAsync(db => db.ScheduledJobRuns.AsNoTracking().SingleAsync(r => r.Job == "takeover-probe"));
        Assert.Equal(("instance-a", (DateTimeOffset?)null), (orphan.Instance, orphan.CompletedAt));

        // Still inside the lease: B waits. Past it: B takes the run over and finishes it.
        var inside = await runnerB.RunNowAsync("takeover-probe");
        Assert.Equal(JobRunReport.RunningElsewhere, inside.Result);
        a.Clock.Now = b.Clock.Now = orphan.LeaseUntil.AddSeconds(1);
        var takeover = await runnerB.RunNowAsync("takeover-probe");
        Assert.Equal((JobRunReport.Ran, "probed by instance-b"), (takeover.Result, takeover.Outcome));

        var run = await a.WithDbAsync(db => db.ScheduledJobRuns.AsNoTracking().SingleAsync(r => r.Job == "takeover-probe"));
        Assert.Equal(("instance-b", 2, "probed by instance-b"), (run.Instance, run.Attempt, run.Outcome));
        Assert.NotNull(run.CompletedAt);

        // Done for the day on the whole cluster: neither instance runs it again.
        var afterA = await Runner(a, "instance-a", new CountingJob("instance-a")).RunNowAsync("takeover-probe");
        var afterB = await runnerB.RunNowAsync("takeover-probe");
        Assert.Equal((JobRunReport.AlreadyDone, JobRunReport.AlreadyDone), (afterA.Result, afterB.Result));
        lock (CountingJob.Completed)
        {
            Assert.Equal(["instance-b"], CountingJob.Completed);
        }
    }

    /// <summary>A job that throws <paramref name="error"/> on its first <paramref name="failures"/> runs.</summary>
    private sealed class FlakyJob(int failures, Func<Exception> error) : IScheduledJob
    {
        public int Runs { get; private set; }

        public string Name => "flaky-probe";

        public Task<string> RunAsync(IServiceProvider services, DateOnly day, CancellationToken cancellationToken)
        {
            Runs++;
            return Runs <= failures ? throw error() : Task.FromResult("done on run " + Runs);
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task BusyDatabase_TheJobRunsAgainAtOnce_AndTheDayIsDone(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        // What EF Core throws when SQLite reports SQLITE_BUSY on a save: the busy error wrapped in an update exception.
        var job = new FlakyJob(2, () => new DbUpdateException("save failed", new Microsoft.Data.Sqlite.SqliteException("database is locked", 5)));

        var report = await Runner(h, "instance-a", job).RunNowAsync("flaky-probe");

        Assert.Equal((JobRunReport.Ran, "done on run 3", 3), (report.Result, report.Outcome, job.Runs));
        var run = await h.WithDbAsync(db => db.ScheduledJobRuns.AsNoTracking().SingleAsync(r => r.Job == "flaky-probe"));
        Assert.NotNull(run.CompletedAt);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task JobBug_IsNotRetried_TheRunIsMarkedFailedWithTheErrorTypeOnly(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var job = new FlakyJob(1, () => new InvalidOperationException("patient Kowalski, claim 123"));

        var report = await Runner(h, "instance-a", job).RunNowAsync("flaky-probe");

        Assert.Equal((JobRunReport.Failed, "InvalidOperationException", 1), (report.Result, report.Outcome, job.Runs));
        var run = await h.WithDbAsync(db => db.ScheduledJobRuns.AsNoTracking().SingleAsync(r => r.Job == "flaky-probe"));
        Assert.Equal((true, (DateTimeOffset?)null, "InvalidOperationException"), (run.Failed, run.CompletedAt, run.Outcome));
    }

    private static JobRunner Runner(LifecycleHarness h, string instance, IScheduledJob job) =>
        new(h.Services.GetRequiredService<IServiceScopeFactory>(), [job], new SchedulerOptions(true, 60, 0, 15, instance), h.Clock,
            NullLogger<JobRunner>.Instance);
}

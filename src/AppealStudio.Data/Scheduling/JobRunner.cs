using System.Globalization;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppealStudio.Data.Scheduling;

/// <summary>A job the scheduler runs once a day on exactly one instance.</summary>
public interface IScheduledJob
{
    /// <summary>A stable name (the claim's key, the CLI's argument).</summary>
    string Name { get; }

    /// <summary>Does the day's work in <paramref name="services"/> (a scope of its own); returns what it did, without patient data.</summary>
    Task<string> RunAsync(IServiceProvider services, DateOnly day, CancellationToken cancellationToken);
}

/// <summary>The scheduler's settings (section <c>Scheduler</c>).</summary>
/// <param name="Enabled">Run the background scheduler in this process (the web app; the CLI runs jobs on request).</param>
/// <param name="TickSeconds">How often each instance looks for due jobs.</param>
/// <param name="DailyAtHour">The practice-local hour from which the daily jobs are due.</param>
/// <param name="LeaseMinutes">How long a claim stands without renewal before another instance may take the run over.</param>
/// <param name="Instance">This instance's name in the run records.</param>
public sealed record SchedulerOptions(bool Enabled, int TickSeconds, int DailyAtHour, int LeaseMinutes, string Instance)
{
    public static SchedulerOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var tick = configuration.GetValue("Scheduler:TickSeconds", 60);
        var hour = configuration.GetValue("Scheduler:DailyAtHour", 6);
        var lease = configuration.GetValue("Scheduler:LeaseMinutes", 15);
        if (tick is < 1 or > 3600 || hour is < 0 or > 23 || lease is < 1 or > 1440)
        {
            throw new InvalidOperationException("Scheduler: TickSeconds is 1-3600, DailyAtHour 0-23, LeaseMinutes 1-1440.");
        }

        var instance = configuration["Scheduler:Instance"] is { Length: > 0 } name
            ? name
            : $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}:{Guid.NewGuid().ToString("N")[..6]}";
        return new SchedulerOptions(configuration.GetValue("Scheduler:Enabled", true), tick, hour, lease, instance);
    }
}

/// <summary>What happened to one job on one call.</summary>
public sealed record JobRunReport(string Job, string Period, string Result, string? Outcome)
{
    public const string Ran = "ran";
    public const string AlreadyDone = "already-done";
    public const string RunningElsewhere = "running-elsewhere";
    public const string NotDue = "not-due";
    public const string Failed = "failed";
}

/// <summary>
/// Runs the daily jobs so that exactly one instance runs each job each day, however many app instances share the
/// database (ADR 0041): a run is claimed by inserting its (job, day) row, which a unique index lets only one instance
/// do; the holder renews a lease while the job runs, and an instance that finds an expired lease on an unfinished run
/// takes it over (the holder died). A failed run releases its claim after a back-off so that a later tick retries it.
/// </summary>
public sealed partial class JobRunner(IServiceScopeFactory scopes, IEnumerable<IScheduledJob> jobs, SchedulerOptions options, TimeProvider clock,
    ILogger<JobRunner> logger)
{
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromMinutes(10);

    public IReadOnlyList<IScheduledJob> Jobs { get; } = jobs.ToList();

    public string Instance => options.Instance;

    /// <summary>Runs every job due now that no instance has run today (the background tick).</summary>
    public async Task<IReadOnlyList<JobRunReport>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var local = clock.GetLocalNow();
        var day = DenialWorkflow.Today(clock);
        var reports = new List<JobRunReport>();
        foreach (var job in Jobs)
        {
            reports.Add(local.Hour < options.DailyAtHour
                ? new JobRunReport(job.Name, Period(day), JobRunReport.NotDue, null)
                : await TryRunAsync(job, day, cancellationToken));
        }

        return reports;
    }

    /// <summary>Runs one job for today now, whatever the hour (the CLI), under the same one-run-per-day claim.</summary>
    public async Task<JobRunReport> RunNowAsync(string name, CancellationToken cancellationToken = default)
    {
        var job = Jobs.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase))
                  ?? throw new ArgumentException($"No job '{name}'; the jobs are {string.Join(", ", Jobs.Select(j => j.Name))}.", nameof(name));
        return await TryRunAsync(job, DenialWorkflow.Today(clock), cancellationToken);
    }

    private async Task<JobRunReport> TryRunAsync(IScheduledJob job, DateOnly day, CancellationToken cancellationToken)
    {
        var period = Period(day);
        var claim = await ClaimAsync(job.Name, period, cancellationToken);
        if (claim.Report is { } skipped)
        {
            return skipped;
        }

        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(claim.RunId, heartbeat.Token);
        try
        {
            string outcome;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    outcome = await job.RunAsync(scope.ServiceProvider, day, cancellationToken);
                    break;
                }
                catch (Exception ex) when (attempt < TransientAttempts && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
                {
                    // Another instance or a user's save held the database for a moment (SQLite busy, a PostgreSQL
                    // deadlock or serialization failure): the job's transaction rolled back, so run it again now in a
                    // fresh scope rather than fail the day's run for the back-off. Jobs are re-runnable by design (a
                    // failed run is retried later in any case; notifications carry a de-duplication key).
                    LogJobRetried(logger, job.Name, period, attempt, ex.GetType().Name);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
                }
            }

            await heartbeat.CancelAsync();
            await renewing;
            await FinishAsync(claim.RunId, outcome, failed: false, CancellationToken.None);
            Telemetry.AppMetrics.JobRuns.Add(1, new KeyValuePair<string, object?>("job", job.Name), new KeyValuePair<string, object?>("result", JobRunReport.Ran));
            return new JobRunReport(job.Name, period, JobRunReport.Ran, outcome);
        }
#pragma warning disable CA1031 // Whatever a job throws is recorded on its run and retried later; the scheduler must keep going.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            await heartbeat.CancelAsync();
            await renewing;
            // The exception's types (and a database error code), never its message: messages can quote patient data.
            var error = Describe(ex);
            LogJobFailed(logger, job.Name, period, error);
            await FinishAsync(claim.RunId, error, failed: true, CancellationToken.None);
            Telemetry.AppMetrics.JobRuns.Add(1, new KeyValuePair<string, object?>("job", job.Name), new KeyValuePair<string, object?>("result", JobRunReport.Failed));
            return new JobRunReport(job.Name, period, JobRunReport.Failed, error);
        }
    }

    private async Task<(long RunId, JobRunReport? Report)> ClaimAsync(string job, string period, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var run = new ScheduledJobRun
        {
            Job = job, Period = period, Instance = Truncate(options.Instance, 200), StartedAt = now, LeaseUntil = now.AddMinutes(options.LeaseMinutes), Attempt = 1,
        };
        ScheduledJobRun? existing = null;
        for (var attempt = 1; existing is null; attempt++)
        {
            db.ScheduledJobRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (run.Id, null);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another instance inserted the row first (the unique index on job and day): read what it is doing. The
                // insert can also fail because another writer held the database for a moment (SQLite busy): no row then,
                // so try again shortly rather than give up the day's run.
                db.ChangeTracker.Clear();
            }

            existing = await db.ScheduledJobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Job == job && r.Period == period, cancellationToken);
            if (existing is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
                run.Id = 0;
            }
        }

        if (existing.CompletedAt is not null)
        {
            return (0, new JobRunReport(job, period, JobRunReport.AlreadyDone, existing.Outcome));
        }

        if (existing.LeaseUntil >= now)
        {
            return (0, new JobRunReport(job, period, JobRunReport.RunningElsewhere, existing.Instance));
        }

        // The holder's lease ran out before it finished (it died, or its run failed and backed off): take it over. The
        // conditional update is the lock: of two instances trying at once, one changes the row.
        var taken = await db.ScheduledJobRuns
            .Where(r => r.Id == existing.Id && r.CompletedAt == null && r.LeaseUntil < now)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Instance, Truncate(options.Instance, 200))
                .SetProperty(r => r.LeaseUntil, now.AddMinutes(options.LeaseMinutes))
                .SetProperty(r => r.StartedAt, now)
                .SetProperty(r => r.Failed, false)
                .SetProperty(r => r.Attempt, r => r.Attempt + 1), cancellationToken);
        return taken == 1 ? (existing.Id, null) : (0, new JobRunReport(job, period, JobRunReport.RunningElsewhere, null));
    }

    private async Task RenewAsync(long runId, CancellationToken cancellationToken)
    {
        var every = TimeSpan.FromMinutes(options.LeaseMinutes) / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, cancellationToken);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var until = clock.GetUtcNow().AddMinutes(options.LeaseMinutes);
                await db.ScheduledJobRuns.Where(r => r.Id == runId && r.Instance == options.Instance && r.CompletedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseUntil, until), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The job finished (or the app stops): the lease is no longer renewed.
        }
    }

    private async Task FinishAsync(long runId, string outcome, bool failed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var text = Truncate(outcome, 1000);
        if (failed)
        {
            await db.ScheduledJobRuns.Where(r => r.Id == runId)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Failed, true).SetProperty(r => r.Outcome, text)
                    .SetProperty(r => r.LeaseUntil, now + FailureBackoff), cancellationToken);
            return;
        }

        await db.ScheduledJobRuns.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.CompletedAt, now).SetProperty(r => r.Outcome, text).SetProperty(r => r.Failed, false), cancellationToken);
    }

    /// <summary>How many times a job runs within one claim when the database reports a transient conflict.</summary>
    private const int TransientAttempts = 4;

    /// <summary>A database conflict that a second try resolves: SQLite busy or locked, a PostgreSQL deadlock,
    /// serialization failure or lock timeout, or what Npgsql itself marks transient.</summary>
    internal static bool IsTransient(Exception ex) => ex switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        Npgsql.PostgresException { SqlState: "40001" or "40P01" or "55P03" } => true,
        Npgsql.NpgsqlException { IsTransient: true } => true,
        _ => ex.InnerException is not null && IsTransient(ex.InnerException),
    };

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var code = inner switch
        {
            Microsoft.Data.Sqlite.SqliteException sqlite => " " + sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture),
            Npgsql.PostgresException pg => " " + pg.SqlState,
            _ => "",
        };
        return ReferenceEquals(inner, ex) ? ex.GetType().Name + code : $"{ex.GetType().Name} ({inner.GetType().Name}{code})";
    }

    private static string Period(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled job {Job} for {Period}: attempt {Attempt} met a busy database ({Error}); running it again.")]
    private static partial void LogJobRetried(ILogger logger, string job, string period, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Job} for {Period} failed ({Error}); it is retried after a back-off.")]
    private static partial void LogJobFailed(ILogger logger, string job, string period, string error);
}

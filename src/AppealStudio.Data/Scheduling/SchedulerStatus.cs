using AppealStudio.Data.Audit;
using AppealStudio.Data.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Scheduling;

/// <summary>A job as Settings &gt; Scheduler shows it: its name and its last runs.</summary>
public sealed record JobStatus(string Job, IReadOnlyList<ScheduledJobRun> LastRuns);

/// <summary>
/// Settings &gt; Scheduler: the daily jobs with their recent runs (which instance, how many attempts, what they did),
/// and "run now" for an Admin (the same once-a-day claim as the background scheduler, so it never runs a job twice).
/// </summary>
public sealed class SchedulerStatus(AppDbContext db, JobRunner runner, AuditLog audit, ICurrentActor actor)
{
    public async Task<IReadOnlyList<JobStatus>> JobsAsync(int runsPerJob = 7, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "The scheduler's status");
        var names = runner.Jobs.Select(j => j.Name).ToList();
        var runs = await db.ScheduledJobRuns.AsNoTracking().Where(r => names.Contains(r.Job))
            .OrderByDescending(r => r.Id).Take(names.Count * Math.Clamp(runsPerJob, 1, 60)).ToListAsync(cancellationToken);
        return names.Select(n => new JobStatus(n, runs.Where(r => r.Job == n).Take(runsPerJob).ToList())).ToList();
    }

    public async Task<JobRunReport> RunNowAsync(string job, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Settings, "Running a job now");
        var report = await runner.RunNowAsync(job, cancellationToken);
        await audit.RecordAsync("scheduler.run-now", nameof(ScheduledJobRun), null, $"job={report.Job} result={report.Result}", cancellationToken);
        return report;
    }
}

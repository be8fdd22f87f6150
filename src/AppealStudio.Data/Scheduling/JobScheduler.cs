using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppealStudio.Data.Scheduling;

/// <summary>
/// The background scheduler of the web app: every <see cref="SchedulerOptions.TickSeconds"/> it asks the
/// <see cref="JobRunner"/> to run the jobs that are due, which claims each run in the database so that one instance
/// runs it. A database that does not answer is logged and tried again on the next tick.
/// </summary>
public sealed partial class JobScheduler(JobRunner runner, SchedulerOptions options, TimeProvider clock, ILogger<JobScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.TickSeconds), clock);
        do
        {
            try
            {
                foreach (var report in await runner.RunDueAsync(stoppingToken))
                {
                    if (report.Result == JobRunReport.Ran)
                    {
                        LogRan(logger, report.Job, report.Period, report.Outcome ?? "");
                    }
                }
            }
#pragma warning disable CA1031 // A tick that fails (the database restarting) must not stop the scheduler; the next tick tries again.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogTickFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled job {Job} ran for {Period}: {Outcome}")]
    private static partial void LogRan(ILogger logger, string job, string period, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scheduler could not check its jobs ({Error}); it tries again on the next tick.")]
    private static partial void LogTickFailed(ILogger logger, string error);
}

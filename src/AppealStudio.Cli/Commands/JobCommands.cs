using System.CommandLine;
using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

/// <summary>The scheduler's daily jobs on demand (cron on a host without the web app, or a catch-up after downtime).</summary>
public static class JobCommands
{
    public static Command Build(CliIo io)
    {
        var jobs = new Command("jobs", "The daily jobs the web app's scheduler runs: rescore, reminders, auto-assign, purge-voided.");
        var names = new Argument<string[]>("JOB") { Description = "Jobs to run (all when none is named).", Arity = ArgumentArity.ZeroOrMore };
        var run = new Command("run",
            "Run today's jobs now under the same claim as the scheduler: a job another instance already ran today is not run again.")
        {
            names,
        };
        run.SetAction(async (parse, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var runner = sp.GetRequiredService<JobRunner>();
            var wanted = parse.GetValue(names) is { Length: > 0 } chosen ? chosen : runner.Jobs.Select(j => j.Name).ToArray();
            var unknown = wanted.Where(w => !runner.Jobs.Any(j => string.Equals(j.Name, w, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0)
            {
                throw new CliException($"No job {string.Join(", ", unknown)}; the jobs are {string.Join(", ", runner.Jobs.Select(j => j.Name))}.");
            }

            var failed = 0;
            foreach (var name in wanted)
            {
                var report = await runner.RunNowAsync(name, ct);
                failed += report.Result == JobRunReport.Failed ? 1 : 0;
                await io.Out.WriteLineAsync($"{report.Job}\t{report.Period}\t{report.Result}\t{report.Outcome}");
            }

            return failed == 0 ? 0 : 1;
        }, ct));

        var history = new Command("history", "The last 30 job runs: job, day, instance, attempt, finished, outcome (tab-separated).");
        history.SetAction(async (_, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var runs = await db.ScheduledJobRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(30).ToListAsync(ct);
            foreach (var r in runs)
            {
                await io.Out.WriteLineAsync(string.Join('\t', r.Job, r.Period, r.Instance, r.Attempt.ToString(CultureInfo.InvariantCulture),
                    r.CompletedAt?.ToString("u", CultureInfo.InvariantCulture) ?? (r.Failed ? "failed" : "running"), r.Outcome ?? ""));
            }

            return 0;
        }, ct));

        jobs.Subcommands.Add(run);
        jobs.Subcommands.Add(history);
        return jobs;
    }
}

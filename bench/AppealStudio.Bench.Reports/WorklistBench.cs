using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Worklist;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppealStudio.Bench.Reports;

/// <summary>
/// The worklist's first page as the interactive page loads it (issue 11: at most 300 ms at 1,000,000 denials on
/// SQLite): the page of rows with its total and warning badges, the billed-versus-paid lines of those rows, then the
/// view counts, each load in a fresh scope and DbContext as a circuit operation has. The first load (cold caches, EF
/// model) is reported apart from the median. <c>--explain</c> prints each SQL command of the last load with its time
/// and SQLite's EXPLAIN QUERY PLAN, to see what scans.
/// </summary>
internal static class WorklistBench
{
    public static Command Create(Option<FileInfo?> db, Option<string?> postgres)
    {
        var runs = new Option<int>("--runs") { Description = "Timed loads after the first.", DefaultValueFactory = _ => 5 };
        var explain = new Option<bool>("--explain") { Description = "Print each SQL command of the last load, its time and (SQLite) its query plan." };
        var view = new Option<string>("--view") { Description = "The view to load (the default is the work queue, as the page opens).", DefaultValueFactory = _ => WorklistQuery.DefaultView };
        var command = new Command("worklist", "Time the worklist's first page (rows, total, badges and view counts) on a seeded database (applies pending migrations first).")
        {
            db, postgres, runs, explain, view,
        };
        command.SetAction(async (parse, ct) =>
        {
            foreach (var target in EntryPoint.TargetsOf(parse.GetValue(db), parse.GetValue(postgres)))
            {
                await RunAsync(target, parse.GetValue(runs), parse.GetValue(explain), parse.GetValue(view)!, Console.Out, ct);
            }

            return 0;
        });
        return command;
    }

    private static async Task RunAsync(Target target, int runs, bool explain, string view, TextWriter output, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = target.Provider.ToString(),
                ["Database:ConnectionString"] = target.ConnectionString,
                ["Storage:DataDirectory"] = BenchEnvironment.DataDirectory,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IHostEnvironment>(new BenchEnvironment());
        services.AddAppealStudioData(configuration);
        services.AddAppealStudioIdentityCore();
        var specialist = new Specialist();
        services.AddSingleton<ICurrentActor>(specialist);
        services.Configure<WorklistOptions>(configuration.GetSection("Worklist"));
        services.AddScoped<DenialWorkflow>();
        services.AddScoped<WorklistService>();
        await using var provider = services.BuildServiceProvider();

        // A seeded database made before the worklist's indexes gets them here, as the app's start-up would.
        await using (var scope = provider.CreateAsyncScope())
        {
            var watch = Stopwatch.StartNew();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{target.Name} migrate: {watch.Elapsed.TotalSeconds:0.0} s"));
            // "My work" of someone who has work, as a specialist sees it.
            specialist.UserId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Denials
                .Where(d => d.AssigneeUserId != null).Select(d => d.AssigneeUserId).FirstOrDefaultAsync(cancellationToken);
        }

        var query = WorklistQuery.Parse(key => key == "view" ? view : null);
        var times = new List<Load>();
        using var commands = new CommandLog();
        for (var run = 0; run <= runs; run++)
        {
            commands.Clear();
            await using var scope = provider.CreateAsyncScope();
            var worklist = scope.ServiceProvider.GetRequiredService<WorklistService>();
            var billedFacts = scope.ServiceProvider.GetRequiredService<DenialBilledFacts>();
            var cpu = CpuTime();
            var watch = Stopwatch.StartNew();
            var page = await worklist.PageAsync(query, cancellationToken);
            var pageMs = watch.Elapsed.TotalMilliseconds;
            await billedFacts.ForDenialsAsync(page.Rows.Select(r => r.Id).ToList(), cancellationToken);
            var billedMs = watch.Elapsed.TotalMilliseconds - pageMs;
            var counts = await worklist.CountsAsync(query, cancellationToken);
            var load = new Load(pageMs, billedMs, watch.Elapsed.TotalMilliseconds - pageMs - billedMs, page.Total, (CpuTime() - cpu).TotalMilliseconds);
            times.Add(load);
            var each = string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:N0}")));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{target.Name} load {run + 1}: page {load.Page:0} ms ({page.Rows.Count} rows of {page.Total:N0}), billed lines {load.Billed:0} ms, view counts {load.Counts:0} ms; CPU {load.Cpu:0} ms ({each})"));
        }

        var warm = times.Skip(1).ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{target.Name} worklist first page: first load {times[0].All:0} ms, median of {warm.Count} later loads {Median(warm, l => l.All):0} ms " +
            $"(page with total, badges and audit {Median(warm, l => l.Page):0} ms + billed lines {Median(warm, l => l.Billed):0} ms + view counts {Median(warm, l => l.Counts):0} ms); " +
            $"the process's CPU time per load: first {times[0].Cpu:0} ms, median {Median(warm, l => l.Cpu):0} ms"));
        if (explain)
        {
            await ExplainAsync(target, commands.Executed, output, cancellationToken);
        }
    }

    private static double Median(List<Load> loads, Func<Load, double> part)
    {
        var sorted = loads.Select(part).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    private static async Task ExplainAsync(Target target, IReadOnlyList<Executed> executed, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"{target.Name}: the {executed.Count} commands of the last load (time to the first row, as EF reports it)");
        DbConnection? sqlite = target.SqliteFile is null ? null : new Microsoft.Data.Sqlite.SqliteConnection(target.ConnectionString);
        await using var _ = sqlite;
        if (sqlite is not null)
        {
            await sqlite.OpenAsync(cancellationToken);
        }

        foreach (var command in executed)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"--- {command.Milliseconds:0.0} ms"));
            await output.WriteLineAsync(command.Text);
            if (sqlite is null || !command.Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            await using var plan = sqlite.CreateCommand();
#pragma warning disable CA2100 // The bench explains the commands EF itself just ran.
            plan.CommandText = "EXPLAIN QUERY PLAN " + command.Text;
#pragma warning restore CA2100
            foreach (var (name, value) in command.Parameters)
            {
                var parameter = plan.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                plan.Parameters.Add(parameter);
            }

            await using var reader = await plan.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                await output.WriteLineAsync("  plan: " + reader.GetString(3));
            }
        }
    }

    // The server's own work, apart from waiting for a CPU on a loaded machine (SQLite runs in this process).
    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private sealed record Load(double Page, double Billed, double Counts, int Total, double Cpu)
    {
        public double All => Page + Billed + Counts;
    }

    private sealed record Executed(string Text, IReadOnlyList<(string Name, object? Value)> Parameters, double Milliseconds);

    /// <summary>Every command EF runs, with its parameters and duration, from EF's diagnostic events.</summary>
    private sealed class CommandLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> subscriptions = [];
        private readonly List<Executed> executed = [];

        public CommandLog() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public IReadOnlyList<Executed> Executed
        {
            get
            {
                lock (executed)
                {
                    return [.. executed];
                }
            }
        }

        public void Clear()
        {
            lock (executed)
            {
                executed.Clear();
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is CommandExecutedEventData data)
            {
                var parameters = data.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
                lock (executed)
                {
                    executed.Add(new Executed(data.Command.CommandText, parameters, data.Duration.TotalMilliseconds));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    private sealed class Specialist : ICurrentActor
    {
        public string? UserId { get; set; }

        public string Name => "bench";

        public string? IpAddress => null;
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Worklist;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppealStudio.Bench.Reports;

/// <summary>
/// The worklist's first page as the interactive page loads it (issue 11: at most 300 ms at 1,000,000 denials on
/// SQLite): the page of rows with its total and warning badges, then the view counts, each load in a fresh scope and
/// DbContext as a circuit operation has. The first load (cold caches, EF model) is reported apart from the median.
/// </summary>
internal static class WorklistBench
{
    public static Command Create(Option<FileInfo?> db, Option<string?> postgres)
    {
        var runs = new Option<int>("--runs") { Description = "Timed loads after the first.", DefaultValueFactory = _ => 5 };
        var command = new Command("worklist", "Time the worklist's first page (rows, total, badges and view counts) on a seeded database.") { db, postgres, runs };
        command.SetAction(async (parse, ct) =>
        {
            foreach (var target in EntryPoint.TargetsOf(parse.GetValue(db), parse.GetValue(postgres)))
            {
                await RunAsync(target, parse.GetValue(runs), Console.Out, ct);
            }

            return 0;
        });
        return command;
    }

    private static async Task RunAsync(Target target, int runs, TextWriter output, CancellationToken cancellationToken)
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
        services.AddSingleton<ICurrentActor, Specialist>();
        services.Configure<WorklistOptions>(configuration.GetSection("Worklist"));
        services.AddScoped<DenialWorkflow>();
        services.AddScoped<WorklistService>();
        await using var provider = services.BuildServiceProvider();

        var query = WorklistQuery.Parse(_ => null);
        var times = new List<(double Page, double Counts, int Total)>();
        for (var run = 0; run <= runs; run++)
        {
            await using var scope = provider.CreateAsyncScope();
            var worklist = scope.ServiceProvider.GetRequiredService<WorklistService>();
            var watch = Stopwatch.StartNew();
            var page = await worklist.PageAsync(query, cancellationToken);
            var pageMs = watch.Elapsed.TotalMilliseconds;
            await worklist.CountsAsync(query, cancellationToken);
            times.Add((pageMs, watch.Elapsed.TotalMilliseconds - pageMs, page.Total));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{target.Name} load {run + 1}: page {pageMs:0} ms ({page.Rows.Count} rows of {page.Total:N0}), view counts {times[^1].Counts:0} ms"));
        }

        var warm = times.Skip(1).Select(t => t.Page + t.Counts).Order().ToArray();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{target.Name} worklist first page: first load {times[0].Page + times[0].Counts:0} ms, median of {warm.Length} later loads {warm[warm.Length / 2]:0} ms (rows + total + badges + view counts)"));
    }

    private sealed class Specialist : ICurrentActor
    {
        public string? UserId => null;

        public string Name => "bench";

        public string? IpAddress => null;
    }
}

using System.CommandLine;

namespace AppealStudio.Bench.Reports;

/// <summary>
/// <c>seed</c> fills a database with a realistic practice history (1M denials, 200k appeals by default);
/// <c>run</c> times every report query on it. See docs/benchmarks.md (section 3) for the figures.
/// </summary>
internal static class EntryPoint
{
    public static async Task<int> Main(string[] args)
    {
        var db = new Option<FileInfo?>("--db") { Description = "SQLite database file." };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (optional), e.g. Host=/tmp/pg;Port=5432;Username=postgres;Database=bench." };

        var denials = new Option<int>("--denials") { Description = "Denials to create.", DefaultValueFactory = _ => 1_000_000 };
        var appeals = new Option<int>("--appeals") { Description = "Appeals to create (each on its own denial).", DefaultValueFactory = _ => 200_000 };
        var claims = new Option<int>("--claims") { Description = "Claims adjudicated (the initial-denial-rate denominator).", DefaultValueFactory = _ => 2_000_000 };
        var randomSeed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same data).", DefaultValueFactory = _ => 20261122 };
        var withoutIndexes = new Option<bool>("--without-report-indexes") { Description = "Leave out the report indexes (to measure without them)." };
        var seed = new Command("seed", "Create and migrate a new database and fill it with 18 months of remittances, denials and appeals.")
        {
            db, postgres, denials, appeals, claims, randomSeed, withoutIndexes,
        };
        seed.SetAction(async (parse, ct) =>
        {
            var targets = Targets(parse.GetValue(db), parse.GetValue(postgres));
            var plan = new SeedPlan(parse.GetValue(claims), parse.GetValue(denials), parse.GetValue(appeals), parse.GetValue(randomSeed),
                !parse.GetValue(withoutIndexes));
            foreach (var target in targets)
            {
                await Seeder.SeedAsync(target, plan, Console.Out, ct);
            }

            return 0;
        });

        var runs = new Option<int>("--runs") { Description = "Timed runs per query (after one warm-up); the median is reported.", DefaultValueFactory = _ => 5 };
        var showSql = new Option<bool>("--show-sql") { Description = "Print each query's SQL once." };
        var only = new Option<string?>("--only") { Description = "Time only the queries whose name contains this text." };
        var raw = new Option<bool>("--raw") { Description = "Read the raw tables only (Reports:UseRollups=false), as before the rollups." };
        var run = new Command("run", "Time every report query (warm-up, then the median of --runs runs) and print a table.")
        {
            db, postgres, runs, showSql, only, raw,
        };
        run.SetAction(async (parse, ct) =>
        {
            foreach (var target in Targets(parse.GetValue(db), parse.GetValue(postgres)))
            {
                await Runner.RunAsync(target, parse.GetValue(runs), parse.GetValue(showSql), parse.GetValue(only), parse.GetValue(raw), Console.Out, ct);
            }

            return 0;
        });

        var rebuildLast = new Option<int>("--rebuild-last") { Description = "First forget the rollups of the last N closed months (to time their rebuild).", DefaultValueFactory = _ => 0 };
        var rollup = new Command("rollup", "Migrate a seeded database (adds the rollup tables and triggers) and build every stale or missing rollup month.")
        {
            db, postgres, rebuildLast,
        };
        rollup.SetAction(async (parse, ct) =>
        {
            foreach (var target in Targets(parse.GetValue(db), parse.GetValue(postgres)))
            {
                await Seeder.RollupAsync(target, parse.GetValue(rebuildLast), Console.Out, ct);
            }

            return 0;
        });

        var triggerClaims = new Option<int>("--claims") { Description = "Claims (with one line each) to insert.", DefaultValueFactory = _ => 65_000 };
        var triggerDenials = new Option<int>("--denials") { Description = "Denials to insert.", DefaultValueFactory = _ => 62_000 };
        var triggers = new Command("triggers", "Time import-style inserts (prepared INSERT per row) into a fresh database with and without the rollup triggers.")
        {
            db, postgres, triggerClaims, triggerDenials,
        };
        triggers.SetAction(async (parse, ct) =>
        {
            foreach (var target in Targets(parse.GetValue(db), parse.GetValue(postgres)))
            {
                await TriggerCost.RunAsync(target, parse.GetValue(triggerClaims), parse.GetValue(triggerDenials), Console.Out, ct);
            }

            return 0;
        });

        var index = new Command("index", "Add the report indexes (src/AppealStudio.Data/Reports/ReportIndexes.cs) to a seeded database.") { db, postgres };
        index.SetAction(async (parse, ct) =>
        {
            foreach (var target in Targets(parse.GetValue(db), parse.GetValue(postgres)))
            {
                await Seeder.IndexAsync(target, Console.Out, ct);
            }

            return 0;
        });

        var root = new RootCommand("AppealStudio report benchmark.") { seed, run, index, rollup, triggers, WorklistBench.Create(db, postgres) };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync("bench: " + error.Message);
            }

            return 2;
        }

        try
        {
            return await result.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (BenchException ex)
        {
            await Console.Error.WriteLineAsync("bench: " + ex.Message);
            return 1;
        }
    }

    internal static List<Target> TargetsOf(FileInfo? sqlite, string? postgres) => Targets(sqlite, postgres);

    private static List<Target> Targets(FileInfo? sqlite, string? postgres)
    {
        var targets = new List<Target>();
        if (sqlite is not null)
        {
            targets.Add(new Target("SQLite", Data.DatabaseProvider.Sqlite, "Data Source=" + sqlite.FullName, sqlite.FullName));
        }

        if (!string.IsNullOrWhiteSpace(postgres))
        {
            targets.Add(new Target("PostgreSQL", Data.DatabaseProvider.Postgres, postgres, null));
        }

        return targets.Count > 0 ? targets : throw new BenchException("give --db PATH, --postgres CONNECTION, or both.");
    }
}

/// <summary>A database to seed or time.</summary>
internal sealed record Target(string Name, Data.DatabaseProvider Provider, string ConnectionString, string? SqliteFile);

internal sealed class BenchException(string message) : Exception(message);

using System.Diagnostics;
using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Reports.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AppealStudio.Bench.Reports;

/// <summary>
/// What the rollup triggers cost an import: the same claims, lines and denials written with one prepared INSERT per
/// row (as BulkInserter does) into two fresh databases, one with the triggers and one without, best of three.
/// </summary>
internal static class TriggerCost
{
    public static async Task RunAsync(Target target, int claims, int denials, TextWriter output, CancellationToken cancellationToken)
    {
        var results = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        for (var round = 0; round < 3; round++)
        {
            foreach (var withTriggers in new[] { true, false })
            {
                results[withTriggers].Add(await OnceAsync(target, claims, denials, withTriggers, round, cancellationToken));
            }
        }

        var with = results[true].Min();
        var without = results[false].Min();
        var rows = (2 * claims) + denials;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{target.Name}: {claims:N0} claims + {claims:N0} lines + {denials:N0} denials, prepared INSERT per row, one transaction: " +
            $"with triggers {with:F2} s, without {without:F2} s (best of 3): +{with - without:F2} s, " +
            $"{(with - without) * 1e6 / rows:F1} µs per row (load average {Runner.LoadAverage()})"));
    }

    private static async Task<double> OnceAsync(Target template, int claims, int denials, bool withTriggers, int round, CancellationToken cancellationToken)
    {
        var name = $"triggercost_{(withTriggers ? "on" : "off")}_{round}";
        var target = template.SqliteFile is not null
            ? template with { ConnectionString = "Data Source=" + Path.Combine(Path.GetTempPath(), name + ".db"), SqliteFile = Path.Combine(Path.GetTempPath(), name + ".db") }
            : template with { ConnectionString = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Database = name }.ConnectionString };
        if (target.SqliteFile is { } file)
        {
            File.Delete(file);
        }

        await using var services = BenchServices.Create(target);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.EnsureDeletedAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            if (!withTriggers)
            {
                await db.Database.ExecuteSqlRawAsync(RollupTriggers.Drop(db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite), cancellationToken);
            }
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var history = new History(new SeedPlan(claims, denials, 0, 20261122), DateOnly.FromDateTime(DateTime.UtcNow), ["bench"]);
            var imports = history.Imports().ToList();
            var payments = history.Payments().ToList();
            var claimRows = history.Claims().ToList();
            var lines = history.Lines().ToList();
            var denialRows = history.DenialRows().ToList();
            foreach (var row in claimRows)
            {
                row.Id = 0;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var bulk = new BulkInserter(db);
            await bulk.InsertAsync(imports, cancellationToken);
            await bulk.InsertAsync(payments, cancellationToken);

            // Only the rows an import writes by the tens of thousands are timed; ids come from the database as in an import.
            var watch = Stopwatch.StartNew();
            await bulk.InsertAsync(claimRows, cancellationToken);
            foreach (var line in lines)
            {
                line.ClaimId = claimRows[(int)line.ClaimId - 1].Id;
                line.Id = 0;
            }

            await bulk.InsertAsync(lines, cancellationToken);
            foreach (var denial in denialRows)
            {
                denial.ClaimId = claimRows[(int)denial.ClaimId - 1].Id;
                denial.ServiceLineId = null;
                denial.Id = 0;
            }

            await bulk.InsertAsync(denialRows, cancellationToken);
            var elapsed = watch.Elapsed.TotalSeconds;
            await transaction.CommitAsync(cancellationToken);
            await db.Database.EnsureDeletedAsync(cancellationToken);
            return elapsed;
        }
    }
}

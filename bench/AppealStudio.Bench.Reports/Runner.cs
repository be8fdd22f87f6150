using System.Diagnostics;
using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppealStudio.Bench.Reports;

/// <summary>
/// Times each report query the way the web app runs it (the same services, a fresh scope and DbContext per run):
/// one warm-up, then the median of N runs, for three filters: the default (last 90 days), the whole history and
/// one payer over the last 90 days.
/// </summary>
internal static class Runner
{
    public const double TargetMs = 300;

    public static async Task RunAsync(Target target, int runs, bool showSql, string? only, bool raw, TextWriter output, CancellationToken cancellationToken)
    {
        if (target.SqliteFile is { } file && !File.Exists(file))
        {
            throw new BenchException($"{file} does not exist; run seed first.");
        }

        var sql = new SqlCapture();
        await using var services = BenchServices.Create(target, b =>
        {
            if (showSql)
            {
                b.AddFilter(DbLoggerCategory.Database.Command.Name, LogLevel.Information).AddProvider(sql);
            }
        }, rollups: !raw);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (denials, appeals, claims, topPayer) = await WithScope(services, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var payer = await db.Payments.GroupBy(p => p.PayerName).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(cancellationToken);
            return (await db.Denials.CountAsync(cancellationToken), await db.Appeals.CountAsync(cancellationToken), await db.Claims.CountAsync(cancellationToken), payer);
        });
        var filters = new (string Name, ReportFilter Filter)[]
        {
            ("90 days", ReportFilter.Default(today)),
            ("18 months", new ReportFilter(today.AddMonths(-18), today)),
            ("1 payer, 90 days", ReportFilter.Default(today) with { Payer = topPayer }),
            ("1 specialty, 90 d", ReportFilter.Default(today) with { Specialty = Core.Analytics.Specialty.Orthopedics }),
        };
        var inProcess = target.Provider == DatabaseProvider.Sqlite;

        await output.WriteLineAsync($"{target.Name}: {denials:N0} denials, {appeals:N0} appeals, {claims:N0} claims; " +
            $"warm-up + median of {runs}; target {TargetMs} ms per query ({Environment.ProcessorCount} cores, load average {LoadAverage()}); " +
            (raw ? "raw tables only (--raw)" : "closed months from the rollups"));
        await output.WriteLineAsync(inProcess
            ? "Cells: median wall-clock ms (median CPU ms of this process, where SQLite runs: the cost without other load)."
            : "Cells: median wall-clock ms.");
        await output.WriteLineAsync();
        var header = $"| {"Query",-34} |" + string.Concat(filters.Select(f => $" {f.Name,17} |"));
        await output.WriteLineAsync(header);
        await output.WriteLineAsync("|" + new string('-', 36) + "|" + string.Concat(filters.Select(_ => new string('-', 18) + ":|")));
        var misses = new List<string>();
        foreach (var (name, query) in Queries().Where(q => only is null || q.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var cells = new List<string>();
            foreach (var (filterName, filter) in filters)
            {
                sql.Start(showSql ? $"{name} / {filterName}" : null);
                await WithScope(services, sp => query(sp, filter, cancellationToken));
                sql.Stop(output);
                var times = new List<double>();
                var cpu = new List<double>();
                for (var i = 0; i < runs; i++)
                {
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    await WithScope(services, sp => query(sp, filter, cancellationToken));
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }

                times.Sort();
                cpu.Sort();
                var median = times[times.Count / 2];
                if (median > TargetMs)
                {
                    misses.Add($"{name} ({filterName}): {median.ToString("F0", CultureInfo.InvariantCulture)} ms");
                }

                var text = median.ToString("F0", CultureInfo.InvariantCulture) +
                    (inProcess ? $" ({cpu[cpu.Count / 2].ToString("F0", CultureInfo.InvariantCulture)})" : "");
                cells.Add(median > TargetMs ? "**" + text + "**" : text);
            }

            await output.WriteLineAsync($"| {name,-34} |" + string.Concat(cells.Select(c => $" {c,17} |")));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(misses.Count == 0
            ? $"{target.Name}: every query within {TargetMs} ms (load average now {LoadAverage()})."
            : $"{target.Name}: over {TargetMs} ms: " + string.Join("; ", misses) + $" (load average now {LoadAverage()})");
        await output.WriteLineAsync();
    }

    private static IEnumerable<(string Name, Func<IServiceProvider, ReportFilter, CancellationToken, Task<object>> Run)> Queries()
    {
        foreach (var dimension in Enum.GetValues<WinRateDimension>())
        {
            yield return ($"win rate by {dimension}", async (sp, f, ct) => await sp.GetRequiredService<WinRateReport>().GetAsync(f, dimension, ct));
        }

        yield return ("kpi: claim denial rates", async (sp, f, ct) => await sp.GetRequiredService<KpiReport>().GetClaimRatesAsync(f, ct));
        yield return ("kpi: denial totals, write-offs", async (sp, f, ct) => await sp.GetRequiredService<KpiReport>().GetDenialTotalsAsync(f, ct));
        yield return ("kpi: appeal outcomes, days", async (sp, f, ct) => await sp.GetRequiredService<KpiReport>().GetAppealTotalsAsync(f, ct));
        yield return ("kpi: recovered per month", async (sp, f, ct) => await sp.GetRequiredService<KpiReport>().GetRecoveredByMonthAsync(f, ct));
        yield return ("kpi: denials per month", async (sp, f, ct) => await sp.GetRequiredService<KpiReport>().GetDeniedByMonthAsync(f, ct));
        yield return ("inventory by age", async (sp, f, ct) => await sp.GetRequiredService<InventoryReport>().GetByAgeAsync(f, ct));
        yield return ("inventory by deadline", async (sp, f, ct) => await sp.GetRequiredService<InventoryReport>().GetByDeadlineAsync(f, ct));
        yield return ("inventory by owner role + SLA", async (sp, f, ct) => await sp.GetRequiredService<InventoryReport>().GetByOwnerAsync(f, ct));
        yield return ("inventory by assignee + SLA", async (sp, f, ct) => await sp.GetRequiredService<InventoryReport>().GetByAssigneeAsync(f, ct));
        foreach (var dimension in Enum.GetValues<UpstreamDimension>())
        {
            yield return ($"upstream causes by {dimension}", async (sp, f, ct) => await sp.GetRequiredService<UpstreamReport>().GetAsync(f, dimension, ct));
        }

        yield return ("filter options (payers)", async (sp, _, ct) => await sp.GetRequiredService<ReportLookups>().PayersAsync(ct));
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static async Task<T> WithScope<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Collects the SQL of the warm-up run of one query when --show-sql is on.</summary>
    private sealed class SqlCapture : ILoggerProvider
    {
        private readonly List<string> lines = [];
        private string? current;

        public void Start(string? name)
        {
            current = name;
            lines.Clear();
        }

        public void Stop(TextWriter output)
        {
            if (current is not null)
            {
                output.WriteLine($"-- {current}");
                foreach (var line in lines)
                {
                    output.WriteLine(line);
                }
            }

            current = null;
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(SqlCapture capture) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => capture.current is not null;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (capture.current is not null)
                {
                    capture.lines.Add(formatter(state, exception));
                }
            }
        }
    }
}

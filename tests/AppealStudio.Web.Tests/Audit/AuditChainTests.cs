using System.Data.Common;
using System.Text.Json;
using AppealStudio.Cli;
using AppealStudio.Data;
using AppealStudio.Data.Audit;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AppealStudio.Web.Tests.Audit;

/// <summary>
/// Issue 16: audit rows are chained by hash, the database refuses to change them, and <c>audit verify</c> finds the
/// first broken link when someone with the owner's power changes one anyway. Each test that tampers has its own
/// database, created and migrated by the CLI's host.
/// </summary>
public class AuditChainTests
{
    private static Dictionary<string, string?> FreshDatabase(TestDatabase db)
    {
        var (provider, connectionString) = TestDatabases.Create(db);
        return new Dictionary<string, string?> { ["Database:Provider"] = provider, ["Database:ConnectionString"] = connectionString };
    }

    private static async Task<(int Code, string Out, string Err)> CliAsync(Dictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), output, error, settings);
        return (code, output.ToString(), error.ToString());
    }

    private static Task<T> WithServicesAsync<T>(Dictionary<string, string?> settings, Func<IServiceProvider, Task<T>> action) =>
        new CliIo(new StringReader(""), TextWriter.Null, TextWriter.Null, settings).WithDatabaseAsync(action, CancellationToken.None);

    private static AuditEvent Row(string action, string? details = null, DateTimeOffset? at = null) => new()
    {
        At = at ?? DateTimeOffset.UtcNow,
        Actor = "test",
        Action = action,
        EntityType = "Denial",
        EntityId = "42",
        Details = details,
    };

    private static async Task AppendAsync(Dictionary<string, string?> settings, params AuditEvent[] rows) =>
        await WithServicesAsync(settings, async sp =>
        {
            await sp.GetRequiredService<AuditAppender>().AppendAsync(rows);
            return 0;
        });

    // What the owner of the database (not the app) could do: lift the protection, change the data, restore it.
    private static async Task AsOwnerAsync(Dictionary<string, string?> settings, string sql) =>
        await WithServicesAsync(settings, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var provider = db.Database.ProviderName;
            await db.Database.ExecuteSqlRawAsync(AuditProtection.DropTriggers(provider));
            await db.Database.ExecuteSqlRawAsync(sql);
            await db.Database.ExecuteSqlRawAsync(AuditProtection.CreateTriggers(provider));
            return 0;
        });

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Append_Batches_AreNumberedWithoutGapsAndVerify(TestDatabase db)
    {
        var settings = FreshDatabase(db);
        await AppendAsync(settings, Row("denial.view"), Row("denial.view", "x"), Row("worklist.view"));
        await AppendAsync(settings, Row("appeal.view"));

        var (code, output, error) = await CliAsync(settings, "audit", "verify");

        Assert.True(code == 0, error);
        Assert.Matches(@"Audit trail intact: \d+ rows verified", output);
        var rows = await WithServicesAsync(settings, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Sequence != null).OrderBy(e => e.Sequence).ToListAsync());
        Assert.True(rows.Count >= 4);
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long?)i), rows.Select(r => r.Sequence));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.Hash!));
        Assert.Equal(["denial.view", "denial.view", "worklist.view", "appeal.view"],
            rows.Where(r => r.Actor == "test").Select(r => r.Action));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verify_RowChangedByTheOwner_ReportsThatRowAndExitsNonZero(TestDatabase db)
    {
        var settings = FreshDatabase(db);
        await AppendAsync(settings, Row("denial.view", "first"), Row("denial.view", "second"), Row("denial.view", "third"));
        var target = await WithServicesAsync(settings, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Details == "second"));

        await AsOwnerAsync(settings, $"UPDATE \"AuditEvents\" SET \"Details\" = 'rewritten' WHERE \"Id\" = {target.Id}");
        var (code, _, error) = await CliAsync(settings, "audit", "verify");

        Assert.Equal(1, code);
        Assert.Contains($"Row {target.Sequence} (id {target.Id}, denial.view) does not match its hash", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verify_RowDeletedByTheOwner_ReportsTheGap(TestDatabase db)
    {
        var settings = FreshDatabase(db);
        await AppendAsync(settings, Row("denial.view", "first"), Row("denial.view", "second"), Row("denial.view", "third"));
        var target = await WithServicesAsync(settings, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Details == "second"));

        await AsOwnerAsync(settings, $"DELETE FROM \"AuditEvents\" WHERE \"Id\" = {target.Id}");
        var (code, _, error) = await CliAsync(settings, "audit", "verify");

        Assert.Equal(1, code);
        Assert.Contains($"Row {target.Sequence} of the chain is missing", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verify_LastRowDeleted_ReportsTheRemovedTail(TestDatabase db)
    {
        var settings = FreshDatabase(db);
        await AppendAsync(settings, Row("denial.view", "first"), Row("denial.view", "last"));

        await AsOwnerAsync(settings, "DELETE FROM \"AuditEvents\" WHERE \"Details\" = 'last'");
        var (code, _, error) = await CliAsync(settings, "audit", "verify");

        Assert.Equal(1, code);
        Assert.Contains("rows were removed from the end", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Database_UpdateOrDeleteOfAnAuditRow_IsRefusedByTheTrigger(TestDatabase db)
    {
        var settings = FreshDatabase(db);
        await AppendAsync(settings, Row("denial.view"));

        await WithServicesAsync(settings, async sp =>
        {
            var context = sp.GetRequiredService<AppDbContext>();
            var update = await Assert.ThrowsAnyAsync<DbException>(() => context.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Details\" = 'x'"));
            Assert.Contains(AuditProtection.Message, update.Message, StringComparison.Ordinal);
            var delete = await Assert.ThrowsAnyAsync<DbException>(() => context.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\""));
            Assert.Contains(AuditProtection.Message, delete.Message, StringComparison.Ordinal);
            Assert.True(await context.AuditEvents.AnyAsync());
            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Append_ConcurrentWriters_KeepOneGaplessChain(TestDatabase db)
    {
        var settings = FreshDatabase(db);
        await WithServicesAsync(settings, async sp =>
        {
            var appender = sp.GetRequiredService<AuditAppender>();
            await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await appender.AppendAsync([Row("denial.view", $"w{w}-{i}-a"), Row("denial.view", $"w{w}-{i}-b")]);
                }
            })));

            var result = await AuditChain.VerifyAsync(sp.GetRequiredService<AppDbContext>());
            Assert.True(result.Intact, result.Problem);
            Assert.True(result.Checked >= 60);
            // Each batch stays together: its two rows hold neighbouring places.
            var rows = await sp.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking().Where(e => e.Actor == "test").ToListAsync();
            foreach (var a in rows.Where(r => r.Details!.EndsWith("-a", StringComparison.Ordinal)))
            {
                var b = rows.Single(r => r.Details == a.Details![..^2] + "-b");
                Assert.Equal(a.Sequence + 1, b.Sequence);
            }

            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Purge_RowsOlderThanRetention_RemovesThePrefixAndTheChainStillVerifies(TestDatabase db)
    {
        var settings = FreshDatabase(db);
        // The first rows on a fresh database are the old ones, so they form the prefix a purge may remove.
        var old = DateTimeOffset.UtcNow.AddYears(-7);
        await AppendAsync(settings, Row("denial.view", "old-1", old), Row("denial.view", "old-2", old.AddDays(1)));
        var before = await WithServicesAsync(settings, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.CountAsync());
        await AppendAsync(settings, Row("denial.view", "recent"));

        var (code, output, error) = await CliAsync(settings, "audit", "purge");

        Assert.True(code == 0, error);
        Assert.Contains($"Removed {before} audit rows", output, StringComparison.Ordinal);
        var details = await WithServicesAsync(settings, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .Select(e => e.Details).ToListAsync());
        Assert.DoesNotContain("old-1", details);
        Assert.Contains("recent", details);
        var verify = await CliAsync(settings, "audit", "verify");
        Assert.True(verify.Code == 0, verify.Err);
        // The anchor is checked: removing the first kept row is still found.
        await AsOwnerAsync(settings, "DELETE FROM \"AuditEvents\" WHERE \"Details\" = 'recent'");
        Assert.Equal(1, (await CliAsync(settings, "audit", "verify")).Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Export_JsonAndCsv_WriteEveryRowWithItsHashAndAreAudited(TestDatabase db)
    {
        var settings = FreshDatabase(db);
        await AppendAsync(settings, Row("denial.view", "one"), Row("denial.view", "two"));
        var json = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.json");
        var csv = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.csv");
        try
        {
            var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var (code, output, error) = await CliAsync(settings, "audit", "export", "--from", "2020-01-01", "--to", "2099-12-31", "--format", "json", "--out", json);
            Assert.True(code == 0, error);
            Assert.Contains("Wrote", output, StringComparison.Ordinal);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var rows = document.RootElement.EnumerateArray().ToList();
            Assert.Contains(rows, r => r.GetProperty("details").GetString() == "two" && r.GetProperty("hash").GetString()!.Length == 64);

            Assert.Equal(0, (await CliAsync(settings, "audit", "export", "--out", csv)).Code);
            var lines = await File.ReadAllLinesAsync(csv);
            Assert.StartsWith("sequence,id,time_utc", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.Contains(",one,", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("audit.export", StringComparison.Ordinal) && l.Contains("format=Json", StringComparison.Ordinal));
            Assert.NotEmpty(today);
        }
        finally
        {
            File.Delete(json);
            File.Delete(csv);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Export_BadFormatOrReversedRange_FailsWithOneLine(TestDatabase db)
    {
        var settings = FreshDatabase(db);
        var file = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.x");

        var format = await CliAsync(settings, "audit", "export", "--format", "xml", "--out", file);
        var range = await CliAsync(settings, "audit", "export", "--from", "2026-02-01", "--to", "2026-01-01", "--out", file);

        Assert.Equal(1, format.Code);
        Assert.Contains("--format is 'XML'", format.Err, StringComparison.Ordinal);
        Assert.Equal(1, range.Code);
        Assert.Contains("--to is before --from", range.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [PostgresFact]
    public async Task Postgres_RuntimeLogin_CannotChangeOrDeleteAuditRowsButTheAppWorks()
    {
        var role = "appealstudio_rt_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(TestDatabases.PostgresServer))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE ROLE \"{role}\" LOGIN", admin);
            await create.ExecuteNonQueryAsync();
        }

        var (_, owner) = TestDatabases.Create(TestDatabase.Postgres);
        var runtime = new NpgsqlConnectionStringBuilder(owner) { Username = role, Password = null }.ConnectionString;
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = runtime,
            ["Database:OwnerConnectionString"] = owner,
        };

        // The owner migrates and grants; the app then appends as the runtime login.
        await AppendAsync(settings, Row("denial.view", "by runtime"));
        Assert.Equal(0, (await CliAsync(settings, "audit", "verify")).Code);

        await using var connection = new NpgsqlConnection(runtime);
        await connection.OpenAsync();
        foreach (var sql in new[]
                 {
                     "UPDATE \"AuditEvents\" SET \"Details\" = 'x'", "DELETE FROM \"AuditEvents\"", "TRUNCATE \"AuditEvents\"",
                     "DROP TRIGGER audit_events_no_change ON \"AuditEvents\"",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains(refused.SqlState, new[] { PostgresErrorCodes.InsufficientPrivilege });
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"AuditEvents\" WHERE \"Details\" = 'by runtime'", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}

using System.Collections.Concurrent;
using AppealStudio.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database (a fresh SQLite file or PostgreSQL database per instance), started in
/// Development so the first-run demo seeding creates the four demo users exactly as `dotnet run` does.
/// </summary>
public class AppFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    private static readonly ConcurrentDictionary<TestDatabase, AppFactory> Shared = new();

    private readonly (string Provider, string ConnectionString) connection = TestDatabases.Create(database);

    public TestDatabase Database { get; } = database;

    public string Provider => connection.Provider;

    public string ConnectionString => connection.ConnectionString;

    /// <summary>One app per database for the whole run: starting the host and migrating is the slow part.</summary>
    public static AppFactory For(TestDatabase database) => Shared.GetOrAdd(database, d => new AppFactory(d));

    protected virtual string EnvironmentName => "Development";

    protected virtual string RequireTwoFactorRoles => "none";

    protected virtual string SignInAttemptsPerMinute => "10000";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", connection.Provider);
        builder.UseSetting("Database:ConnectionString", connection.ConnectionString);
        builder.UseSetting("Demo:SeedOnFirstRun", "true");
        // The demo Admin has no authenticator; the two-factor requirement has its own tests (TwoFactorRequirementTests).
        builder.UseSetting("Security:RequireTwoFactorRoles", RequireTwoFactorRoles);
        // Every test signs in from the same (test server) address many times a minute; the limit has its own test.
        builder.UseSetting("Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute);
        // The page tests read scores and counts as the import left them; the scheduler's own tests drive it directly.
        builder.UseSetting("Scheduler:Enabled", "false");
    }

    public AppDbContext CreateDbContext()
    {
        var scope = Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>();
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Database == TestDatabase.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    public Task<int> CountAuditAsync(string action) => WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action));
}

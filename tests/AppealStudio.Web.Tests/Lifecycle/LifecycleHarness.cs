using System.Collections.Concurrent;
using System.Text;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Remittances;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

/// <summary>A clock the tests move: the lifecycle is about dates (deadlines, SLAs, reminders, retention).</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 9, 1, 14, 0, 0, TimeSpan.Zero);

    public DateOnly Today
    {
        get => DateOnly.FromDateTime(Now.UtcDateTime);
        set => Now = new DateTimeOffset(value.ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero);
    }

    public override DateTimeOffset GetUtcNow() => Now;

    // The practice's calendar day is the UTC day here, so "today" is the same for every service.
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>The actor of a service call: a user id, a name and roles the test chooses (the CLI's actor holds every role).</summary>
public sealed class TestActor : ICurrentActor
{
    public string? UserId { get; set; }

    public string Name { get; set; } = "test";

    public string? IpAddress => "127.0.0.1";

    public IReadOnlyList<string> Roles { get; set; } = AppealStudio.Data.Identity.Roles.All;

    public bool IsInRole(string role) => Roles.Contains(role);
}

/// <summary>
/// The Data services on their own (no web host), on a fresh database per provider, with a clock and an actor the tests
/// set. Web.Tests run one test at a time (xunit.runner.json), so the shared clock and actor are safe; every test resets
/// them with <see cref="Reset"/> and keeps to its own payers and claims.
/// </summary>
public sealed class LifecycleHarness
{
    private static readonly ConcurrentDictionary<TestDatabase, Lazy<Task<LifecycleHarness>>> Shared = new();

    private LifecycleHarness(TestDatabase database, ServiceProvider services, TestClock clock, TestActor actor, string provider, string connectionString)
    {
        Database = database;
        Services = services;
        Clock = clock;
        Actor = actor;
        Provider = provider;
        ConnectionString = connectionString;
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    public TestClock Clock { get; }

    public TestActor Actor { get; }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static Task<LifecycleHarness> ForAsync(TestDatabase database) =>
        Shared.GetOrAdd(database, d => new Lazy<Task<LifecycleHarness>>(() => CreateAsync(d, null))).Value;

    /// <summary>Services on a database of its own (for tests that need an empty database, or a second app instance).</summary>
    public static async Task<LifecycleHarness> CreateAsync(TestDatabase database, (string Provider, string ConnectionString)? connection,
        IDictionary<string, string?>? settings = null)
    {
        var (provider, connectionString) = connection ?? TestDatabases.Create(database);
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var clock = new TestClock();
        var actor = new TestActor();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(clock);
        // As the test hosts run: Development, so the data key and the key-ring certificate are created on first use
        // (ADRs 80, 81); without a host environment they are required as in Production.
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = Microsoft.Extensions.Hosting.Environments.Development,
            ApplicationName = "AppealStudio.Web.Tests",
            ContentRootPath = AppContext.BaseDirectory,
        });
        services.AddAppealStudioData(configuration);
        services.AddAppealStudioIdentityCore();
        services.AddReportQueries(configuration);
        services.AddSingleton<ICurrentActor>(actor);
        services.AddAppealWorkspace(new TemplateOptions(TemplatesDirectory()), new AppealOptions(3, 10L * 1024 * 1024));
        var provider1 = services.BuildServiceProvider();
        await using (var scope = provider1.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        return new LifecycleHarness(database, provider1, clock, actor, provider, connectionString);
    }

    /// <summary>The clock back to its default day and the actor to an operator holding every role.</summary>
    public void Reset(DateOnly? today = null)
    {
        Clock.Today = today ?? new DateOnly(2026, 9, 1);
        Actor.UserId = null;
        Actor.Name = "test";
        Actor.Roles = Roles.All;
    }

    /// <summary>Acts as this user (id and roles) from now on.</summary>
    public void ActAs(string userId, params string[] roles)
    {
        Actor.UserId = userId;
        Actor.Name = "user:" + userId;
        Actor.Roles = roles;
    }

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query) => RunAsync(sp => query(sp.GetRequiredService<AppDbContext>()));

    public async Task<string> CreateUserAsync(params string[] roles)
    {
        var email = $"user-{Guid.NewGuid():N}@test.local";
        return await RunAsync(async sp =>
        {
            var result = await sp.GetRequiredService<UserAdministration>().CreateAsync(email, "User " + email[5..13], null, roles, UserFactory.Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            var users = sp.GetRequiredService<AppDbContext>().Users;
            return users.Single(u => u.Email == email).Id;
        });
    }

    /// <summary>The repository's templates/ folder (the letter templates the workspace starts from).</summary>
    public static string TemplatesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AppealStudio.sln")))
            {
                return Path.Combine(dir.FullName, "templates");
            }
        }

        throw new InvalidOperationException("The repository root (AppealStudio.sln) was not found above the test binaries.");
    }

    public Task<ImportSummary> ImportAsync(string content, string? fileName = null) =>
        RunAsync(async sp =>
        {
            using var stream = new MemoryStream(Encoding.ASCII.GetBytes(content));
            return await sp.GetRequiredService<RemittanceImporter>().ImportAsync(fileName ?? "era-" + Guid.NewGuid().ToString("N")[..8] + ".835", stream);
        });
}

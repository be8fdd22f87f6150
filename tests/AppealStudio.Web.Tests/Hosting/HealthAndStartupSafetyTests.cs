using System.Net;
using AppealStudio.Data;
using AppealStudio.Web.Infrastructure;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace AppealStudio.Web.Tests.Hosting;

public sealed class HealthAndStartupSafetyTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task HealthzLiveAndReady_Anonymous_AnswerHealthyOnAMigratedDatabase(TestDatabase db)
    {
        using var client = BrowserlessClient.Create(AppFactory.For(db));

        foreach (var path in new[] { "/healthz/live", "/healthz/ready", "/healthz" })
        {
            var response = await client.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task MigrationsHealthCheck_DatabaseNeverMigrated_IsUnhealthyAndNamesTheFirstMissingMigration()
    {
        var file = Path.Combine(Path.GetTempPath(), "appealstudio_unmigrated_" + Guid.NewGuid().ToString("N")[..8] + ".db");
        var options = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=" + file, Path.GetTempPath()).Configure(options);
        await using var context = new AppDbContext(options.Options);

        var result = await new MigrationsHealthCheck(context).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        var first = context.Database.GetMigrations().First();
        Assert.Contains(first, result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_Development_NoneEvenOnPlainHttp()
    {
        Assert.Empty(StartupSafety.Problems(Configuration(new()), Environment("Development")));
    }

    [Fact]
    public void Problems_ProductionOnPlainHttpWithoutProxy_SaysToAddHttpsOrNameTheProxy()
    {
        var problems = StartupSafety.Problems(Configuration(new() { ["urls"] = "http://0.0.0.0:8080" }), Environment("Production"));

        var problem = Assert.Single(problems);
        Assert.Contains("ForwardedHeaders:KnownProxies", problem, StringComparison.Ordinal);
        Assert.Contains("https://", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "10.0.0.5", null)]
    [InlineData("http://0.0.0.0:8080", null, "10.0.0.0/8")]
    [InlineData("https://0.0.0.0:8443", null, null)]
    public void Problems_ProductionBehindATrustedProxyOrOnHttps_None(string urls, string? proxies, string? networks)
    {
        var problems = StartupSafety.Problems(Configuration(new()
        {
            ["urls"] = urls, ["ForwardedHeaders:KnownProxies:0"] = proxies, ["ForwardedHeaders:KnownNetworks:0"] = networks,
        }), Environment("Production"));

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("Host=db;Database=appealstudio;Username=appealstudio", "no password")]
    [InlineData("Host=db;Database=appealstudio;Username=appealstudio;Password=postgres", "default password")]
    [InlineData("Host=db;Database=appealstudio;Username=appealstudio;Password=secret", "default password")]
    public void Problems_ProductionPostgresWithEmptyOrDefaultPassword_SaysToSetAStrongOne(string connectionString, string expected)
    {
        var problems = StartupSafety.Problems(Configuration(new()
        {
            ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = connectionString, ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        }), Environment("Production"));

        var problem = Assert.Single(problems);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Contains("Database:ConnectionString", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Database=appealstudio;Username=appealstudio;Password=Xq7-long-and-random")]
    [InlineData("Host=/var/run/postgresql;Database=appealstudio;Username=appealstudio")]
    public void Problems_ProductionPostgresWithAStrongPasswordOrPeerSocket_None(string connectionString)
    {
        var problems = StartupSafety.Problems(Configuration(new()
        {
            ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = connectionString, ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        }), Environment("Production"));

        Assert.Empty(problems);
    }

    [Fact]
    public void Start_ProductionOnPlainHttp_IsRefusedWithWhatToChange()
    {
        using var factory = new ProductionFactory();

        var error = Assert.Throws<InvalidOperationException>(() => factory.Services);

        Assert.Contains("refuses to start in Production", error.Message, StringComparison.Ordinal);
        Assert.Contains("ForwardedHeaders:KnownProxies", error.Message, StringComparison.Ordinal);
    }

    private sealed class ProductionFactory : AppFactory
    {
        public ProductionFactory() : base(TestDatabase.Sqlite)
        {
        }

        protected override string EnvironmentName => "Production";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("urls", "http://127.0.0.1:8080");
        }
    }

    // A data key and a key-ring certificate are configured unless a test says otherwise (null): the other checks are
    // then the only ones that can speak.
    private static IConfiguration Configuration(Dictionary<string, string?> values)
    {
        values.TryAdd("Encryption:KeyFile", "/etc/appealstudio/data.key");
        values.TryAdd("DataProtection:CertificateFile", "/etc/appealstudio/dataprotection.pfx");
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    [Fact]
    public void Problems_ProductionWithoutDataKeyOrCertificate_SaysWhatToSet()
    {
        var problems = StartupSafety.Problems(Configuration(new()
        {
            ["urls"] = "https://0.0.0.0:8443", ["Encryption:KeyFile"] = null, ["DataProtection:CertificateFile"] = null,
        }), Environment("Production"));

        Assert.Equal(2, problems.Count);
        Assert.Contains("Encryption:KeyFile", problems[0], StringComparison.Ordinal);
        Assert.Contains("DataProtection:CertificateFile", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_StagingWithoutDataKey_NoneForTheKeys()
    {
        // Only Production demands them: elsewhere the data folder's keys/ holds generated ones.
        var problems = StartupSafety.Problems(Configuration(new()
        {
            ["urls"] = "https://0.0.0.0:8443", ["Encryption:KeyFile"] = null, ["DataProtection:CertificateFile"] = null,
        }), Environment("Staging"));

        Assert.Empty(problems);
    }

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}

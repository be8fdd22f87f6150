using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Account;

/// <summary>Issue 16: demo users (published password) never serve in Production.</summary>
public class ProductionSafeguardsTests
{
    /// <summary>The real app in Production on a database chosen by the test.</summary>
    private sealed class ProductionApp(string provider, string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Scheduler:Enabled", "false");
            // TLS ends at a (pretend) proxy, so the HTTPS start-up check passes and the demo-user check is the one tried.
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1");
            // Production demands a configured data key and key-ring certificate (ADR 0080, 0081).
            foreach (var (key, value) in TestKeys.ProductionSettings())
            {
                builder.UseSetting(key, value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_InProductionWithDemoUsers_IsRefusedNamingThem(TestDatabase db)
    {
        // The development app seeds the demo users into its database on first start.
        var development = AppFactory.For(db);
        _ = development.Services;

        await using var production = new ProductionApp(development.Provider, development.ConnectionString);
        var refused = Assert.ThrowsAny<Exception>(() => production.Services);

        var message = refused.GetBaseException().Message;
        Assert.Contains("Refusing to start in Production", message, StringComparison.Ordinal);
        Assert.Contains("admin@demo.local", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_InProductionWithoutDemoUsers_Serves(TestDatabase db)
    {
        var (provider, connectionString) = TestDatabases.Create(db);
        await using var production = new ProductionApp(provider, connectionString);

        await using var scope = production.Services.CreateAsyncScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<AppealStudio.Data.AppDbContext>());
    }
}

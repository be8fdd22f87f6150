using System.Net;
using AppealStudio.Data;
using AppealStudio.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AppealStudio.Web.Tests.Infrastructure;

public class HostTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Healthz_Anonymous_ReportsHealthyWhenTheDatabaseAnswers(TestDatabase db)
    {
        using var client = BrowserlessClient.Create(AppFactory.For(db));
        var response = await client.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DatabaseHealthCheck_DatabaseUnreachable_IsUnhealthy()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite("Data Source=/proc/no-such-dir/appealstudio.db;Mode=ReadOnly").Options;
        await using var context = new AppDbContext(options);
        var result = await new DatabaseHealthCheck(context).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Pages_SendSecurityHeaders_AndOnlyNoncedScriptsOfTheirOwn(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), "admin@demo.local");
        var response = await client.Http.GetAsync("/settings/users");
        var second = await client.Http.GetAsync("/settings/users");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
        var nonce = System.Text.RegularExpressions.Regex.Match(scriptSrc, "'nonce-([^']+)'").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(nonce));
        // A nonce is good for one response only.
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());

        var page = await BrowserlessClient.ParseAsync(response);
        // The only inline script is the import map, and it carries this response's nonce; scripts come from the app.
        foreach (var script in page.QuerySelectorAll("script"))
        {
            Assert.Equal(nonce, script.GetAttribute("nonce"));
            var src = script.GetAttribute("src");
            Assert.True(string.IsNullOrEmpty(src) ? script.GetAttribute("type") == "importmap" : src.StartsWith('_') || src.StartsWith('/'), script.OuterHtml);
        }

        Assert.Empty(page.QuerySelectorAll("[onclick]"));
        Assert.Contains(page.QuerySelectorAll("script"), s => (s.GetAttribute("src") ?? "").Contains("blazor.web", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task UnknownPage_SignedIn_Shows404Page(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), "specialist@demo.local");
        var response = await client.Http.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await BrowserlessClient.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("[data-testid=status-page] h1")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public void Configuration_DefaultsAreTheDocumentedOnes(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var cookie = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(TimeSpan.FromMinutes(15), cookie.ExpireTimeSpan);
        Assert.True(cookie.SlidingExpiration);
        Assert.True(cookie.Cookie.HttpOnly);

        var identity = factory.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        Assert.Equal(5, identity.Lockout.MaxFailedAccessAttempts);
        Assert.Equal(12, identity.Password.RequiredLength);

        var options = factory.Services.GetRequiredService<DatabaseOptions>();
        Assert.Equal(db == TestDatabase.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, options.Provider);
    }

    [PostgresFact]
    public async Task Postgres_WhenProvided_RunsTheAppOnNpgsql()
    {
        var factory = AppFactory.For(TestDatabase.Postgres);
        var provider = await factory.WithDbAsync(d => Task.FromResult(d.Database.ProviderName));
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
        Assert.True(await factory.WithDbAsync(d => d.Users.AnyAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DataProtectionKeys_AreStoredInTheDatabase(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        Assert.True(await factory.WithDbAsync(d => d.DataProtectionKeys.AnyAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task AuditEvents_CannotBeChangedOrDeleted(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        await using var scope = factory.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await context.AuditEvents.OrderBy(e => e.Id).FirstAsync();

        row.Details = "rewritten";
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
        context.ChangeTracker.Clear();
        context.AuditEvents.Remove(await context.AuditEvents.FirstAsync(e => e.Id == row.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
    }
}

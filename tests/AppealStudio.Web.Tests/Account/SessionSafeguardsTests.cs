using System.Globalization;
using System.Net;
using System.Security.Claims;
using AppealStudio.Web.Infrastructure;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Lifecycle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Account;

/// <summary>Issue 16: an absolute session lifetime besides the idle timeout, and sign-in attempts limited per address.</summary>
public class SessionSafeguardsTests
{
    /// <summary>The app on its own database with settings and a clock of the test's choosing.</summary>
    private sealed class ConfiguredApp(TestDatabase db, TestClock clock, params (string Key, string Value)[] settings) : AppFactory(db)
    {
        protected override string SignInAttemptsPerMinute =>
            settings.Where(s => s.Key == "Security:SignInAttemptsPerMinute").Select(s => s.Value).DefaultIfEmpty("10000").Single();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock));
        }
    }

    /// <summary>Every request arrives from 10.0.0.5, as through a proxy on that address.</summary>
    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.5");
                return following(context);
            });
            next(app);
        };
    }

    private sealed class ProxiedApp(params (string Key, string Value)[] settings) : AppFactory(TestDatabase.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromProxy>());
        }
    }

    [Theory]
    [InlineData(true, "203.0.113.9")]
    [InlineData(false, "10.0.0.5")]
    public async Task SignInAudit_ForwardedFor_IsBelievedOnlyFromAConfiguredProxy(bool configured, string recorded)
    {
        await using var app = configured ? new ProxiedApp(("ForwardedHeaders:KnownProxies:0", "10.0.0.5")) : new ProxiedApp();
        using var client = BrowserlessClient.Create(app);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        var email = $"forwarded-{Guid.NewGuid():N}@practice.test";

        await client.SignInAsync(email, "Wrong!Passw0rd");

        var row = await app.WithDbAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            d.AuditEvents, e => e.Actor == email));
        Assert.Equal(recorded, row.IpAddress);
    }

    [Fact]
    public async Task Cookie_OlderThanTheAbsoluteLifetime_IsSignedOutEvenWhileActive()
    {
        var clock = new TestClock { Now = DateTimeOffset.UtcNow };
        // A day of idle time, so only the absolute lifetime (one hour) can end the session.
        await using var app = new ConfiguredApp(TestDatabase.Sqlite, clock, ("Security:IdleTimeoutMinutes", "1440"), ("Security:AbsoluteSessionHours", "1"));
        using var client = await BrowserlessClient.SignedInAsync(app, "admin@demo.local");

        clock.Now = clock.Now.AddMinutes(50);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.GetAsync("/account/keepalive")).StatusCode);
        clock.Now = clock.Now.AddMinutes(20);
        var expired = await client.Http.GetAsync("/account/keepalive");

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public void HasExpired_ByTheSignInClaim()
    {
        var signedIn = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(SessionLifetime.ClaimType, signedIn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))], "test"));

        Assert.False(SessionLifetime.HasExpired(principal, signedIn.AddHours(11.9), TimeSpan.FromHours(12)));
        Assert.True(SessionLifetime.HasExpired(principal, signedIn.AddHours(12.1), TimeSpan.FromHours(12)));
        // A principal without a sign-in time (issued before the lifetime existed) is not trusted.
        Assert.True(SessionLifetime.HasExpired(new ClaimsPrincipal(new ClaimsIdentity([], "test")), signedIn, TimeSpan.FromHours(12)));
    }

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheLimitFromOneAddress_IsAnswered429()
    {
        await using var app = new ConfiguredApp(TestDatabase.Sqlite, new TestClock { Now = DateTimeOffset.UtcNow }, ("Security:SignInAttemptsPerMinute", "3"));
        using var client = BrowserlessClient.Create(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // Different accounts each time: the per-account lockout would never trigger.
            statuses.Add((await client.SignInAsync($"nobody{i}@practice.test", "Wrong!Passw0rd")).StatusCode);
        }

        Assert.All(statuses.Take(3), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
    }
}

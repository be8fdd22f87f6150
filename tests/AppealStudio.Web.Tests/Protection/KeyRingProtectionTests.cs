using System.Net;
using AppealStudio.Data;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Protection;

/// <summary>Issue 16 / ADR 0081: the Data Protection key ring in the database is encrypted with a certificate held outside it.</summary>
public class KeyRingProtectionTests
{
    /// <summary>The app in Development on a database the test chose; the data folder (keys/) is the run's default.</summary>
    private sealed class App(string provider, string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Demo:SeedOnFirstRun", "true");
            builder.UseSetting("Security:RequireTwoFactorRoles", "none");
            builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");
            builder.UseSetting("Scheduler:Enabled", "false");
        }

        public Task<List<string>> KeyXmlAsync() => WithDbAsync(d => d.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());

        public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
        {
            await using var scope = Services.CreateAsyncScope();
            return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SignInCookie_IssuedBeforeARestart_ValidatesAfterIt_AndTheStoredKeysAreEncrypted(TestDatabase db)
    {
        var (provider, connectionString) = TestDatabases.Create(db);
        string cookie;
        await using (var first = new App(provider, connectionString))
        {
            using var client = BrowserlessClient.Create(first);
            var signIn = await client.SignInAsync("specialist@demo.local", BrowserlessClient.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
                .Where(c => c.StartsWith("AppealStudio.Auth", StringComparison.Ordinal)));
            Assert.NotEmpty(cookie);

            var xml = await first.KeyXmlAsync();
            Assert.NotEmpty(xml);
            Assert.All(xml, k =>
            {
                Assert.Contains("encryptedSecret", k, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", k, StringComparison.Ordinal);
            });
        }

        // A new process: it reads the encrypted key ring from the database and decrypts it with the certificate.
        await using var second = new App(provider, connectionString);
        using var fresh = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/charts");
        request.Headers.Add("Cookie", cookie);
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/charts");

        var response = await fresh.SendAsync(request);
        var refused = await fresh.SendAsync(anonymous);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode); // the page does need the sign-in the cookie carries
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task KeysStoredUnprotected_AtStart_AreEncryptedInPlaceAndKeepUnprotecting(TestDatabase db)
    {
        var (provider, connectionString) = TestDatabases.Create(db);
        var options = new DatabaseOptions(Enum.Parse<DatabaseProvider>(provider), connectionString, Path.GetTempPath());
        await using (var context = new AppDbContext(options.OwnerOptions()))
        {
            await context.Database.MigrateAsync();
        }

        // As before ADR 0081: the key ring persisted to the database without any XML encryptor.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<AppDbContext>(options.Configure);
        services.AddDataProtection().SetApplicationName("AppealStudio").PersistKeysToDbContext<AppDbContext>();
        string token;
        string legacyKey;
        await using (var legacy = services.BuildServiceProvider())
        {
            token = legacy.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("issued before the upgrade");
            await using var scope = legacy.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.SingleAsync();
            Assert.Contains("<masterKey", stored.Xml, StringComparison.Ordinal);
            legacyKey = stored.FriendlyName!;
        }

        await using var app = new App(provider, connectionString);
        // Starting the app ran the start-up: the same key (same id), now encrypted.
        var after = await app.WithDbAsync(d => d.DataProtectionKeys.ToListAsync());
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        var upgraded = Assert.Single(after, k => k.FriendlyName == legacyKey);
        Assert.Contains("encryptedSecret", upgraded.Xml, StringComparison.Ordinal);
        Assert.All(after, k => Assert.DoesNotContain("<masterKey", k.Xml, StringComparison.Ordinal));
        Assert.Equal("issued before the upgrade", protector.Unprotect(token));
    }
}

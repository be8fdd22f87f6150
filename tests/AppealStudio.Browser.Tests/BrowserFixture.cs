using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace AppealStudio.Browser.Tests;

/// <summary>
/// The real app on Kestrel (a random loopback port, a fresh SQLite file, demo users seeded) and Debian's Chromium
/// driven by Playwright. Playwright's own browser download cannot work here; test.sh installs the chromium package.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly KestrelFactory factory = new();
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's services, for tests that set up or check data the pages under test do not create.</summary>
    public IServiceProvider Services => factory.Services;

    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        factory.UseKestrel(0);
        factory.StartServer();
        BaseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Directory.CreateDirectory(ArtifactsDirectory);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await factory.DisposeAsync();
    }

    private sealed class KestrelFactory : WebApplicationFactory<Program>
    {
        private readonly string database = Path.Combine(Path.GetTempPath(), $"appealstudio_browser_{Guid.NewGuid():N}.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", "Data Source=" + database);
            builder.UseSetting("Demo:SeedOnFirstRun", "true");
            // The demo Admin has no authenticator; the journeys sign in with passwords (issue 16's requirement is tested in Web.Tests).
            builder.UseSetting("Security:RequireTwoFactorRoles", "none");
            builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>Browser tests need Debian's Chromium; without it they are reported as skipped, never passed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            Skip = "Chromium is not installed at /usr/bin/chromium (./test.sh installs it with apt-get)";
        }
    }
}

public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            Skip = "Chromium is not installed at /usr/bin/chromium (./test.sh installs it with apt-get)";
        }
    }
}

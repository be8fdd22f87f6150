using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace AppealStudio.Browser.Tests;

/// <summary>
/// Two app processes (<c>dotnet AppealStudio.Web.dll</c>, as operators run them) on one PostgreSQL database with the
/// Data Protection keys in it, and the YARP proxy of <c>tools/AppealStudio.Proxy</c> in front (in this process, so
/// the test reads its address). The database is migrated, seeded and given one started appeal letter before the
/// instances start, by the app itself in-process.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly List<AppProcess> instances = [];
    private WebApplication? proxy;
    private IPlaywright? playwright;

    /// <summary>Why the cluster cannot run here, or null when it can.</summary>
    public static string? SkipReason =>
        !File.Exists(BrowserFixture.ChromiumPath) ? "Chromium is not installed at /usr/bin/chromium (./test.sh installs it with apt-get)"
        : Environment.GetEnvironmentVariable("APPEALSTUDIO_TEST_POSTGRES") is not { Length: > 0 }
            ? "No PostgreSQL server for this run (test.sh starts one when the PostgreSQL binaries are installed): two instances need a shared database"
            : null;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The data folder (keys) the seeder and both instances share; removed with the fixture.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "appealstudio-cluster-" + Guid.NewGuid().ToString("N")[..12]);

    public string ProxyUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The denial whose appeal letter the seeding started.</summary>
    public long DenialId { get; private set; }

    public long AppealId { get; private set; }

    public IReadOnlyList<AppProcess> Instances => instances;

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("APPEALSTUDIO_TEST_POSTGRES"))
        {
            Database = "appealstudio_cluster_" + Guid.NewGuid().ToString("N")[..12],
        }.ConnectionString;
        // One data folder for the seeder and both instances: its keys/ holds the data key that seals chart text and
        // the certificate that encrypts the Data Protection key ring (ADRs 80, 81), which every instance must share.
        Directory.CreateDirectory(DataDirectory);
        await SeedAsync();

        var dll = WebDll();
        for (var i = 1; i <= 2; i++)
        {
            instances.Add(AppProcess.Start(dll, "instance-" + i.ToString(CultureInfo.InvariantCulture), FreePort(), ConnectionString, DataDirectory));
        }

        foreach (var instance in instances)
        {
            await instance.WaitUntilReadyAsync(TimeSpan.FromSeconds(180));
        }

        proxy = ProxyApp.Create([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration["Proxy:HealthCheckSeconds"] = "1";
            builder.Configuration["Proxy:ServedByHeader"] = "true";
            for (var i = 0; i < instances.Count; i++)
            {
                builder.Configuration[$"Proxy:Destinations:{i}"] = instances[i].BaseUrl;
            }
        });
        await proxy.StartAsync();
        ProxyUrl = proxy.Urls.First().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic"],
        });
    }

    public AppProcess InstanceNamed(string name) => instances.Single(i => i.Name == name);

    public async Task<T> QueryAsync<T>(string sql, Func<NpgsqlDataReader, Task<T>> read)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        return await read(reader);
    }

    public async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }

        if (proxy is not null)
        {
            await proxy.StopAsync();
            await proxy.DisposeAsync();
        }

        foreach (var instance in instances)
        {
            instance.Dispose();
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        if (ConnectionString.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            var database = builder.Database;
            builder.Database = "postgres";
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Migrates and seeds the shared database with the app's own start-up (Development, demo data), creates its Data
    /// Protection key, and starts one appeal letter as the CLI would (an operator actor) so the browser opens the editor.
    /// </summary>
    private async Task SeedAsync()
    {
        await using var seeder = new SeederFactory(ConnectionString, DataDirectory);
        await using var scope = seeder.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var workflow = scope.ServiceProvider.GetRequiredService<StartAppeal>();
        var denials = await db.Denials.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Scenario }).ToListAsync();
        foreach (var denial in denials.OrderBy(d => d.Scenario == "modifier-59" ? 0 : 1))
        {
            var template = denial.Scenario == "modifier-59" ? "ortho-modifier-59" : "medical-necessity";
            var result = await workflow.StartAsync(denial.Id, template, LetterStartDetails.None, autoEvidence: true, allowUnsupported: true);
            if (result.Outcome == AppealOutcome.Done)
            {
                DenialId = denial.Id;
                AppealId = result.AppealId;
                return;
            }
        }

        throw new InvalidOperationException("No demo denial accepted a letter: the cluster test has nothing to edit.");
    }

    private static string WebDll()
    {
        // The test runs from tests/AppealStudio.Browser.Tests/bin/<Configuration>/net10.0/; the app's build output is
        // src/AppealStudio.Web/bin/<Configuration>/net10.0/ (the project reference builds it).
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = baseDir.Parent!.Name;
        var root = baseDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AppealStudio.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("AppealStudio.sln not found above " + baseDir),
            "src", "AppealStudio.Web", "bin", configuration, baseDir.Name, "AppealStudio.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the web app first", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SeederFactory(string connectionString, string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
            builder.UseSetting("Demo:SeedOnFirstRun", "true");
            builder.UseSetting("Scheduler:Enabled", "false");
            builder.ConfigureTestServices(services => services.AddScoped<ICurrentActor, OperatorActor>());
        }
    }

    /// <summary>Acts as the installation's operator (as the CLI does): holds every role, no user id.</summary>
    private sealed class OperatorActor : ICurrentActor
    {
        public string? UserId => null;

        public string Name => "test:cluster-seed";

        public string? IpAddress => null;
    }
}

/// <summary>One app instance as its own process; its output is kept for the test's failure message.</summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();

    private AppProcess(Process process, string name, string baseUrl)
    {
        this.process = process;
        Name = name;
        BaseUrl = baseUrl;
    }

    public string Name { get; }

    public string BaseUrl { get; }

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static AppProcess Start(string dll, string name, int port, string connectionString, string dataDirectory)
    {
        var baseUrl = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the project folder, as with `dotnet run`: Development serves the static web assets
            // of the build output from there (the bin/ output alone serves them only after `dotnet publish`).
            WorkingDirectory = Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", ".."),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Demo__SeedOnFirstRun"] = "false";
        start.Environment["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        start.Environment["Scheduler__Instance"] = name;
        start.Environment["Scheduler__TickSeconds"] = "1";
        start.Environment["Scheduler__DailyAtHour"] = "0";
        start.Environment["Security__SignInAttemptsPerMinute"] = "10000";
        start.Environment["Security__RequireTwoFactorRoles"] = "none";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var app = new AppProcess(process, name, baseUrl);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync(BaseUrl + "/healthz/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy machine: ask again.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} was not ready after {timeout}:{Environment.NewLine}{Output}");
    }

    /// <summary>Freezes the process (SIGSTOP): what the browser sends from now on never reaches the server.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>Ends the process at once, as a crash or a pulled plug would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit(5_000);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

using System.CommandLine;
using AppealStudio.Cli.Commands;
using AppealStudio.Data;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppealStudio.Cli;

/// <summary>
/// The `appealstudio` command line: the batch face of the same core and database the web app uses.
/// Exit codes: 0 success, 1 the command failed (reason on stderr), 2 the command line itself was wrong.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr,
        IDictionary<string, string?>? configurationOverrides = null)
    {
        var io = new CliIo(stdin, stdout, stderr, configurationOverrides);
        var root = new RootCommand("AppealStudio: import remittances, manage users and data from the command line.");
        root.Subcommands.Add(DbCommands.Build(io));
        root.Subcommands.Add(UserCommands.Build(io));
        root.Subcommands.Add(SeedCommands.Build(io));
        root.Subcommands.Add(RemitCommands.Build(io));
        root.Subcommands.Add(ChartCommands.Build(io));
        root.Subcommands.Add(EvidenceCommands.Build(io));
        root.Subcommands.Add(LetterCommands.Build(io));
        root.Subcommands.Add(ReportCommands.Build(io));
        root.Subcommands.Add(NcciCommands.Build(io));
        root.Subcommands.Add(FeeCommands.Build(io));
        root.Subcommands.Add(ImportCommands.Build(io));
        root.Subcommands.Add(JobCommands.Build(io));
        root.Subcommands.Add(DenialCommands.Build(io));
        root.Subcommands.Add(AuditCommands.Build(io));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync("appealstudio: " + error.Message);
            }

            return 2;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            await stderr.WriteLineAsync("appealstudio: " + ex.Message);
            return 1;
        }
#pragma warning disable CA1031 // The contract is one line on stderr and a non-zero exit, whatever failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync("appealstudio: " + ex.GetBaseException().Message);
            return 1;
        }
    }
}

/// <summary>A failure whose message is the whole story for the user (no stack trace needed).</summary>
public sealed class CliException(string message) : Exception(message);

/// <summary>Console streams and the service container, shared by every command.</summary>
public sealed class CliIo(TextReader stdin, TextWriter stdout, TextWriter stderr, IDictionary<string, string?>? overrides)
{
    public TextReader In { get; } = stdin;

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>
    /// Development, Staging or Production (the default): DOTNET_ENVIRONMENT, else ASPNETCORE_ENVIRONMENT, as for the
    /// web app; an <c>Environment</c> override (tests) wins.
    /// </summary>
    public string EnvironmentName =>
        (overrides is not null && overrides.TryGetValue("Environment", out var name) && !string.IsNullOrWhiteSpace(name) ? name : null)
        ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
        ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";

    /// <summary>
    /// The same settings as the web app: appsettings.json (beside the tool, then in the working directory),
    /// appsettings.{Environment}.json, then environment variables such as Database__Provider.
    /// </summary>
    public IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = true,
            // The environment the commands report is the host's too: outside Production the data folder's key is
            // created on first use (ADR 0080); in Production a key must be configured or already exist.
            EnvironmentName = EnvironmentName,
        });
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), $"appsettings.{environment}.json"), optional: true)
            .AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        AppealStudio.Core.Letters.PdfFonts.Configure(builder.Configuration["Pdf:FontDirectory"]);
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // Log to stderr only, and only warnings: stdout belongs to the command's output (JSON for scripts).
        builder.Logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o =>
            o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddAppealStudioData(builder.Configuration);
        builder.Services.AddAppealStudioIdentityCore();
        builder.Services.AddReportQueries(builder.Configuration);
        builder.Services.AddSingleton<ICurrentActor, CommandLineActor>();
        builder.Services.AddSingleton<IConfiguration>(builder.Configuration);
        return builder.Build();
    }

    /// <summary>A scope over a migrated database: every command that touches data goes through here.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<IServiceProvider, Task<T>> action, CancellationToken cancellationToken)
    {
        using var host = BuildHost();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        return await action(scope.ServiceProvider);
    }
}

using AppealStudio.Data;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppealStudio.Bench.Reports;

/// <summary>The same data services the web app registers, pointed at the benchmark database.</summary>
internal static class BenchServices
{
    public static ServiceProvider Create(Target target, Action<ILoggingBuilder>? logging = null, bool rollups = true)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = target.Provider.ToString(),
                ["Database:ConnectionString"] = target.ConnectionString,
                ["Reports:UseRollups"] = rollups ? "true" : "false",
                ["Storage:DataDirectory"] = BenchEnvironment.DataDirectory,
            })
            .Build();
        var services = new ServiceCollection();

        // As the web host provides it (the denial rules read their settings from it).
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            logging?.Invoke(b);
        });
        services.AddSingleton<IHostEnvironment>(new BenchEnvironment());
        services.AddAppealStudioData(configuration);
        services.AddAppealStudioIdentityCore();
        services.AddSingleton<ICurrentActor, BenchActor>();
        services.AddReportQueries(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class BenchActor : ICurrentActor
    {
        public string? UserId => null;

        public string Name => "bench";

        public string? IpAddress => null;
    }
}

/// <summary>
/// The bench's throwaway databases run as Development (ADRs 80/81): the data key and the key-ring certificate are
/// created on first use in a bench folder instead of being required by configuration as in Production.
/// </summary>
internal sealed class BenchEnvironment : IHostEnvironment
{
    public static string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "appealstudio-bench");

    public string EnvironmentName { get; set; } = Environments.Development;

    public string ApplicationName { get; set; } = "AppealStudio.Bench.Reports";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Data.Reports;

public static class ReportServiceCollectionExtensions
{
    /// <summary>The report queries and their thresholds (section <c>Reports</c>), for the web app and the benchmark.</summary>
    public static IServiceCollection AddReportQueries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>()
            .Bind(configuration.GetSection(ReportOptions.Section))
            .Validate(o => o.SoftSlaBusinessDays is >= 1 and <= 60, "Reports:SoftSlaBusinessDays must be between 1 and 60.")
            .Validate(o => o.HardSlaDays is >= 1 and <= 365, "Reports:HardSlaDays must be between 1 and 365.")
            .Validate(o => o.RollupLockTimeoutSeconds is >= 1 and <= 60, "Reports:RollupLockTimeoutSeconds must be between 1 and 60.")
            .ValidateOnStart();
        services.AddScoped<Rollups.ReportRollups>();
        services.AddScoped<WinRateReport>();
        services.AddScoped<KpiReport>();
        services.AddScoped<InventoryReport>();
        services.AddScoped<UpstreamReport>();
        services.AddScoped<ReportLookups>();
        services.AddScoped<ReportService>();
        return services;
    }
}

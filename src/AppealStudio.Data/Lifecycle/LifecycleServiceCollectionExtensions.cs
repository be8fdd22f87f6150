using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Data.Lifecycle;

/// <summary>The lifecycle's use cases (issue 13), shared by the web app, the CLI and the scheduler.</summary>
public static class LifecycleServiceCollectionExtensions
{
    public static IServiceCollection AddAppealLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddScoped<LivePriority>();
        services.AddScoped<Viability.NcciImport>();
        services.AddScoped<Viability.ViabilityService>();
        services.AddScoped<Viability.ViabilityDataAdministration>();
        services.AddScoped<FeeSchedules.FeeScheduleStore>();
        services.AddScoped<Reports.LifecycleReport>();
        services.AddScoped<Remittances.ImportVoiding>();
        services.AddScoped<Assignment.OwnerAssignment>();
        return services;
    }
}

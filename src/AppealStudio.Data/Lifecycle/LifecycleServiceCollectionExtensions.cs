using AppealStudio.Data.Scheduling;
using AppealStudio.Data.Scheduling.Jobs;
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
        services.AddScoped<DenialListing>();
        services.AddScoped<AppealLevels>();
        services.AddScoped<AppealLevelSettings>();
        services.AddScoped<Denials.DenialLifecycleView>();
        services.AddScoped<Viability.NcciImport>();
        services.AddScoped<Viability.ViabilityService>();
        services.AddScoped<Viability.ViabilityDataAdministration>();
        services.AddScoped<FeeSchedules.FeeScheduleStore>();
        services.AddScoped<Reports.LifecycleReport>();
        services.AddScoped<Remittances.ImportVoiding>();
        services.AddScoped<Assignment.OwnerAssignment>();
        services.AddSingleton(Notifications.NotificationOptions.Read(configuration));
        services.AddScoped<Notifications.NotificationService>();
        services.AddScoped<Notifications.NotificationSender>();

        // The jobs and the runner that claims each day's run in the database: the web app's background scheduler
        // and `appealstudio jobs run` both go through it (ADR 0041).
        services.AddSingleton(SchedulerOptions.From(configuration));
        services.AddSingleton<IScheduledJob, RescoreJob>();
        services.AddSingleton<IScheduledJob, ReminderJob>();
        services.AddSingleton<IScheduledJob, AutoAssignJob>();
        services.AddSingleton<IScheduledJob, PurgeVoidedImportsJob>();
        services.AddSingleton<JobRunner>();
        services.AddScoped<SchedulerStatus>();
        return services;
    }

    /// <summary>The background scheduler (web app), unless <c>Scheduler:Enabled</c> is false.</summary>
    public static IServiceCollection AddAppealStudioScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetValue("Scheduler:Enabled", true))
        {
            services.AddHostedService<JobScheduler>();
        }

        return services;
    }
}

using System.Globalization;
using AppealStudio.Data.Assignment;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Remittances;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Data.Scheduling.Jobs;

/// <summary>Today's priority for every open denial, so the worklist sorts by the living score (issue 13).</summary>
public sealed class RescoreJob : IScheduledJob
{
    public const string JobName = "rescore";

    public string Name => JobName;

    public async Task<string> RunAsync(IServiceProvider services, DateOnly day, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<LivePriority>().RescoreOpenAsync(day, SystemActors.Scheduler, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"examined={result.Examined} changed={result.Changed}");
    }
}

/// <summary>Assigns open denials nobody holds to the members of their owner role (catch-up after members change).</summary>
public sealed class AutoAssignJob : IScheduledJob
{
    public const string JobName = "auto-assign";

    public string Name => JobName;

    public async Task<string> RunAsync(IServiceProvider services, DateOnly day, CancellationToken cancellationToken)
    {
        var assigned = await services.GetRequiredService<OwnerAssignment>().AutoAssignAsync(null, SystemActors.Scheduler, cancellationToken);
        return "assigned=" + assigned.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>Deletes the rows of imports voided longer ago than the retention (Imports:VoidRetentionDays).</summary>
public sealed class PurgeVoidedImportsJob : IScheduledJob
{
    public const string JobName = "purge-voided";

    public string Name => JobName;

    public async Task<string> RunAsync(IServiceProvider services, DateOnly day, CancellationToken cancellationToken)
    {
        var purged = await services.GetRequiredService<ImportVoiding>().PurgeAsync(SystemActors.Scheduler, cancellationToken);
        return "imports-purged=" + purged.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>The names the audit trail gives to work nobody clicked.</summary>
public static class SystemActors
{
    public const string Scheduler = "system:scheduler";
}

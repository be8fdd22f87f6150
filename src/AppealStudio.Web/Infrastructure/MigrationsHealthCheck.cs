using AppealStudio.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// Ready only when the database holds every migration this build knows: during a rolling upgrade an instance whose
/// schema is not there yet must not take traffic. Names the first missing migration so the operator knows which.
/// </summary>
public sealed class MigrationsHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Every migration is applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied, first {pending[0]}.");
        }
#pragma warning disable CA1031 // Any failure to read the migrations history is what this check reports.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("Migrations history cannot be read.", ex);
        }
    }
}

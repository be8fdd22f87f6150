using AppealStudio.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppealStudio.Web.Infrastructure;

/// <summary>Healthy only when the database answers a real query, not merely when the process is up.</summary>
public sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Roles.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("Database answers.");
        }
#pragma warning disable CA1031 // Any failure to reach the database is exactly what a health check reports.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("Database does not answer.", ex);
        }
    }
}

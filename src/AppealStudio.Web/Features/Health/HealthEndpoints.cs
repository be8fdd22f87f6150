using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AppealStudio.Web.Features.Health;

public static class HealthEndpoints
{
    /// <summary>Checks a load balancer needs before it sends traffic: database reachable, schema up to date.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// For load balancers and monitors, all anonymous. <c>/healthz/live</c> answers while the process serves requests
    /// (runs no check: a slow database must not get the process restarted); <c>/healthz/ready</c> answers 200 only
    /// when the database answers and every migration is applied (an instance started against an older schema, or
    /// mid-migration, gets no traffic); <c>/healthz</c> keeps its meaning (every check).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz").AllowAnonymous();
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) })
            .AllowAnonymous();
        return endpoints;
    }
}

namespace AppealStudio.Web.Features.Health;

public static class HealthEndpoints
{
    /// <summary>For load balancers and monitors: anonymous, answers 200 only when the database does.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz").AllowAnonymous();
        return endpoints;
    }
}

using System.Security.Claims;
using AppealStudio.Data.Audit;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// The signed-in user as the services and the audit trail see them. In an HTTP request (sign-in pages, downloads)
/// that is the request's user; in an interactive circuit, where there is no request, <see cref="Operations"/> sets the
/// circuit's user and client address on the fresh scope of each operation.
/// </summary>
public sealed class WebActor(IHttpContextAccessor accessor) : ICurrentActor
{
    private ClaimsPrincipal? circuitUser;
    private string? circuitAddress;

    public ClaimsPrincipal User => circuitUser ?? accessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string Name => User.Identity?.IsAuthenticated == true ? User.Identity.Name ?? "unknown" : "anonymous";

    public string? IpAddress => circuitUser is not null ? circuitAddress : accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public bool IsInRole(string role) => User.IsInRole(role);

    internal void UseCircuitUser(ClaimsPrincipal user, string? address)
    {
        circuitUser = user;
        circuitAddress = address;
    }
}

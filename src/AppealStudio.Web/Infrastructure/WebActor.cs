using System.Security.Claims;
using AppealStudio.Data.Audit;
using AppealStudio.Data.BreakGlass;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// The signed-in user as the services and the audit trail see them. In an HTTP request (sign-in pages, downloads)
/// that is the request's user; in an interactive circuit, where there is no request, <see cref="Operations"/> sets the
/// circuit's user and client address on the fresh scope of each operation.
/// A role from an emergency-access grant counts only until the grant's expiry by the app's clock, and in a circuit only
/// while the database still has the grant open (<see cref="Operations"/> reads it per operation), ADR 0085.
/// </summary>
public sealed class WebActor(IHttpContextAccessor accessor, TimeProvider clock) : ICurrentActor
{
    private ClaimsPrincipal? circuitUser;
    private string? circuitAddress;
    private IReadOnlyList<ActiveGrant>? circuitGrants;

    public ClaimsPrincipal User => circuitUser ?? accessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string Name => User.Identity?.IsAuthenticated == true ? User.Identity.Name ?? "unknown" : "anonymous";

    public string? IpAddress => circuitUser is not null ? circuitAddress : accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public bool IsInRole(string role)
    {
        if (BreakGlassClaims.HoldsOwnRole(User, role))
        {
            return true;
        }

        var now = clock.GetUtcNow();
        return Grants.Any(g => string.Equals(g.Role, role, StringComparison.Ordinal) && g.ExpiresAt > now);
    }

    public string? BreakGlass => BreakGlassClaims.Mark(Grants, clock.GetUtcNow());

    // In a request the principal's grants were read from the database for that request (BreakGlassClaimsTransformation).
    private IReadOnlyList<ActiveGrant> Grants => circuitUser is not null && circuitGrants is not null ? circuitGrants : BreakGlassClaims.Read(User);

    /// <param name="grants">The user's open grants as the database has them now; null to take the principal's.</param>
    internal void UseCircuitUser(ClaimsPrincipal user, string? address, IReadOnlyList<ActiveGrant>? grants = null)
    {
        circuitUser = user;
        circuitAddress = address;
        circuitGrants = grants;
    }
}

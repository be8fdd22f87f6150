using System.Globalization;
using System.Security.Claims;

namespace AppealStudio.Data.BreakGlass;

/// <summary>An open grant as the role checks use it.</summary>
public sealed record ActiveGrant(long Id, string Role, DateTimeOffset ExpiresAt);

/// <summary>
/// Grants travel on the signed-in principal as a separate identity (never in the sign-in cookie: the web app adds it
/// per request and per revalidation from the database). Keeping it apart from the cookie's identity lets a role check
/// tell a role the user holds from one they hold for now, and check that one's expiry against the clock.
/// </summary>
public static class BreakGlassClaims
{
    public const string AuthenticationType = "BreakGlass";

    public const string GrantClaim = "appealstudio:break-glass";

    public static IReadOnlyList<ActiveGrant> Read(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var grants = new List<ActiveGrant>();
        foreach (var identity in principal.Identities.Where(i => i.AuthenticationType == AuthenticationType))
        {
            foreach (var claim in identity.FindAll(GrantClaim))
            {
                var parts = claim.Value.Split('|');
                if (parts.Length == 3
                    && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
                {
                    grants.Add(new ActiveGrant(id, parts[1], new DateTimeOffset(ticks, TimeSpan.Zero)));
                }
            }
        }

        return grants;
    }

    /// <summary>The principal with its grants replaced by <paramref name="grants"/> (none: the grant identity is removed).</summary>
    public static ClaimsPrincipal With(ClaimsPrincipal principal, IReadOnlyCollection<ActiveGrant> grants)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(grants);
        var result = new ClaimsPrincipal(principal.Identities.Where(i => i.AuthenticationType != AuthenticationType));
        if (grants.Count > 0)
        {
            var claims = grants.SelectMany(g => new[]
            {
                new Claim(ClaimTypes.Role, g.Role),
                new Claim(GrantClaim, string.Create(CultureInfo.InvariantCulture, $"{g.Id}|{g.Role}|{g.ExpiresAt.UtcTicks}")),
            });
            result.AddIdentity(new ClaimsIdentity(claims, AuthenticationType));
        }

        return result;
    }

    /// <summary>Whether the principal holds the role without any grant (the roles of the sign-in cookie).</summary>
    public static bool HoldsOwnRole(ClaimsPrincipal principal, string role)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identities.Where(i => i.AuthenticationType != AuthenticationType).Any(i => i.HasClaim(i.RoleClaimType, role));
    }

    /// <summary>The audit mark for the grants in effect at <paramref name="now"/> ("12" or "12,14"), or null.</summary>
    public static string? Mark(IEnumerable<ActiveGrant> grants, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var ids = grants.Where(g => g.ExpiresAt > now).Select(g => g.Id).Order().ToList();
        return ids.Count == 0 ? null : string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
    }
}

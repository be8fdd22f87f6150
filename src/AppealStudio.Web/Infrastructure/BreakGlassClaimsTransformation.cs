using System.Security.Claims;
using AppealStudio.Data;
using AppealStudio.Data.BreakGlass;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// Adds the signed-in user's open emergency-access grants to the request's principal (ADR 0085), so page policies,
/// downloads and the circuit that the request starts see the granted role. Read per request from the database and
/// never written into the cookie: a grant ended or expired is gone from the next request on.
/// </summary>
public sealed class BreakGlassClaimsTransformation(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return principal;
        }

        await using var db = await contexts.CreateDbContextAsync();
        var grants = await BreakGlassGrants.ActiveForAsync(db, userId, clock.GetUtcNow());
        return grants.Count == 0 && BreakGlassClaims.Read(principal).Count == 0 ? principal : BreakGlassClaims.With(principal, grants);
    }
}

using System.Globalization;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.BreakGlass;

/// <summary>
/// Ends a grant before it expires: the holder ("end now" in the banner) or any Admin (revoke). Anyone else is refused
/// (<see cref="UnauthorizedAccessException"/>). A grant already over answers false and changes nothing. Audited as
/// <c>break-glass.end</c> with how it ended.
/// </summary>
public sealed class EndBreakGlass(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<bool> EndAsync(long grantId, CancellationToken cancellationToken = default)
    {
        var grant = await db.BreakGlassGrants.FirstOrDefaultAsync(g => g.Id == grantId, cancellationToken);
        var isHolder = grant is not null && actor.UserId is { } me && string.Equals(grant.UserId, me, StringComparison.Ordinal);
        // Admin is checked on the user's own roles: a grant never gives Admin, but the check should not depend on that.
        if (!isHolder && !actor.IsInRole(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only the holder or an Admin can end emergency access.");
        }

        var now = clock.GetUtcNow();
        if (grant is null || grant.EndedAt is not null || grant.ExpiresAt <= now)
        {
            return false;
        }

        grant.EndedAt = now;
        grant.EndedByName = actor.Name;
        grant.EndKind = isHolder ? BreakGlassEnd.EndedByHolder : BreakGlassEnd.Revoked;
        audit.Add("break-glass.end", "BreakGlassGrant", grant.Id.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"user={grant.UserId} role={grant.Role} how={grant.EndKind}"));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

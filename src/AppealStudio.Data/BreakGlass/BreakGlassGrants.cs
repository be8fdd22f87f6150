using System.Globalization;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.BreakGlass;

/// <summary>An open grant as the banner and Settings &gt; Users show it.</summary>
public sealed record BreakGlassGrantView(long Id, string UserId, string Role, string Reason, string GrantedByName,
    DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Reads open grants: the signed-in user's own (the banner), every user's (Settings &gt; Users, Admins only), and the
/// ones a role check needs (<see cref="ActiveForAsync"/>). Expiry needs no job, since an expired grant counts for
/// nothing; when a read meets grants that expired unnoticed, it closes them and writes their
/// <c>break-glass.expire</c> row, so the trail shows each grant's end.
/// </summary>
public sealed class BreakGlassGrants(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    /// <summary>The grants in effect for a user now: what the web app puts on their principal. No role check (it is the user's own).</summary>
    public static async Task<IReadOnlyList<ActiveGrant>> ActiveForAsync(AppDbContext db, string userId, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.BreakGlassGrants.AsNoTracking()
            .Where(g => g.UserId == userId && g.EndedAt == null && g.ExpiresAt > now)
            .OrderBy(g => g.Id)
            .Select(g => new ActiveGrant(g.Id, g.Role, g.ExpiresAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The signed-in user's open grants, for the banner.</summary>
    public async Task<IReadOnlyList<BreakGlassGrantView>> MineAsync(CancellationToken cancellationToken = default)
    {
        if (actor.UserId is not { } me)
        {
            return [];
        }

        await CloseExpiredAsync(me, cancellationToken);
        return await OpenViews(db.BreakGlassGrants.Where(g => g.UserId == me)).ToListAsync(cancellationToken);
    }

    /// <summary>Every open grant by user (Admins only), for the user list.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<BreakGlassGrantView>>> OpenByUserAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        await CloseExpiredAsync(null, cancellationToken);
        var open = await OpenViews(db.BreakGlassGrants).ToListAsync(cancellationToken);
        return open.GroupBy(g => g.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<BreakGlassGrantView>)g.ToList(), StringComparer.Ordinal);
    }

    private IQueryable<BreakGlassGrantView> OpenViews(IQueryable<BreakGlassGrant> grants)
    {
        var now = clock.GetUtcNow();
        return grants.AsNoTracking().Where(g => g.EndedAt == null && g.ExpiresAt > now).OrderBy(g => g.ExpiresAt).ThenBy(g => g.Id)
            .Select(g => new BreakGlassGrantView(g.Id, g.UserId, g.Role, g.Reason, g.GrantedByName, g.GrantedAt, g.ExpiresAt));
    }

    /// <summary>
    /// Marks grants past their expiry as ended (at their expiry) and audits each once: the update is conditional on
    /// the grant still being open, so two readers at once cannot both write the row.
    /// </summary>
    private async Task CloseExpiredAsync(string? userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = await db.BreakGlassGrants.AsNoTracking()
            .Where(g => g.EndedAt == null && g.ExpiresAt <= now && (userId == null || g.UserId == userId))
            .Select(g => new { g.Id, g.UserId, g.Role, g.ExpiresAt }).Take(100).ToListAsync(cancellationToken);
        foreach (var g in expired)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var closed = await db.BreakGlassGrants.Where(x => x.Id == g.Id && x.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, g.ExpiresAt).SetProperty(x => x.EndKind, BreakGlassEnd.Expired), cancellationToken);
            if (closed == 1)
            {
                // Written by nobody in particular: the clock ended it, whoever happened to look.
                await audit.RecordAsAsync(null, "system", "break-glass.expire", "BreakGlassGrant", g.Id.ToString(CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"user={g.UserId} role={g.Role} expired={g.ExpiresAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}"),
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }
}

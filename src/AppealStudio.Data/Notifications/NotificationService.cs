using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Notifications;

/// <summary>A notification as the bell lists it.</summary>
public sealed record NotificationItem(long Id, string Kind, string Text, string Link, DateTimeOffset CreatedAt, bool Read);

/// <summary>
/// The notifications bell: the signed-in person's unread count, their list, and marking read. Every method reads or
/// changes only the actor's own notifications; an actor without a user id (the CLI) has none.
/// </summary>
public sealed class NotificationService(AppDbContext db, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxList = 100;

    public async Task<int> UnreadCountAsync(CancellationToken cancellationToken = default)
    {
        var user = actor.UserId;
        return user is null ? 0 : await db.Set<Notification>().CountAsync(n => n.UserId == user && n.ReadAt == null, cancellationToken);
    }

    /// <summary>The newest notifications first (unread only unless <paramref name="includeRead"/>).</summary>
    public async Task<IReadOnlyList<NotificationItem>> ListAsync(bool includeRead = false, int take = 50, CancellationToken cancellationToken = default)
    {
        var user = actor.UserId;
        if (user is null)
        {
            return [];
        }

        var query = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == user);
        if (!includeRead)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        return await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Math.Clamp(take, 1, MaxList))
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Text, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Marks one of the actor's notifications read; false when it is not theirs (or does not exist).</summary>
    public async Task<bool> MarkReadAsync(long id, CancellationToken cancellationToken = default)
    {
        var user = actor.UserId;
        var now = clock.GetUtcNow();
        return user is not null && await db.Set<Notification>().Where(n => n.Id == id && n.UserId == user)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), cancellationToken) == 1;
    }

    public async Task<int> MarkAllReadAsync(CancellationToken cancellationToken = default)
    {
        var user = actor.UserId;
        var now = clock.GetUtcNow();
        return user is null ? 0 : await db.Set<Notification>().Where(n => n.UserId == user && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    /// <summary>The users holding a role, active (managers receive the escalations).</summary>
    internal static IQueryable<string> UsersInRole(AppDbContext db, string role) =>
        db.Users.Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
            .Select(u => u.Id);

    internal static IQueryable<string> Managers(AppDbContext db) => UsersInRole(db, Roles.Manager);
}

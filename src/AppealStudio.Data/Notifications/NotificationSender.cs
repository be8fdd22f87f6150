using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AppealStudio.Data.Notifications;

/// <summary>A notification to raise (the scheduler's reminders and escalations).</summary>
public sealed record NotificationDraft(string UserId, string Kind, string Text, string Link, long? DenialId, string DedupKey);

/// <summary>
/// Raises notifications once each (a draft whose person and key exist already is skipped) and, when SMTP is
/// configured, mails each person links to their new ones. A failed e-mail is logged without addresses or content and
/// retried on the next run (its notifications stay un-mailed); it never loses the in-app notification.
/// </summary>
public sealed partial class NotificationSender(AppDbContext db, NotificationOptions options, TimeProvider clock, ILogger<NotificationSender> logger)
{
    /// <summary>Stores the new drafts; returns how many were new.</summary>
    public async Task<int> RaiseAsync(IReadOnlyCollection<NotificationDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var unique = drafts.GroupBy(d => (d.UserId, d.DedupKey)).Select(g => g.First()).ToList();
        var added = 0;
        var now = clock.GetUtcNow();
        foreach (var chunk in unique.Chunk(300))
        {
            var keys = chunk.Select(d => d.DedupKey).Distinct().ToList();
            var users = chunk.Select(d => d.UserId).Distinct().ToList();
            var existing = (await db.Set<Notification>().AsNoTracking().Where(n => keys.Contains(n.DedupKey) && users.Contains(n.UserId))
                .Select(n => new { n.UserId, n.DedupKey }).ToListAsync(cancellationToken)).Select(n => (n.UserId, n.DedupKey)).ToHashSet();
            foreach (var draft in chunk.Where(d => !existing.Contains((d.UserId, d.DedupKey))))
            {
                db.Set<Notification>().Add(new Notification
                {
                    UserId = draft.UserId, CreatedAt = now, Kind = draft.Kind, Text = Truncate(draft.Text, 500), Link = Truncate(draft.Link, 200),
                    DenialId = draft.DenialId, DedupKey = Truncate(draft.DedupKey, 200),
                });
                added++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        return added;
    }

    /// <summary>Mails the notifications not mailed yet (one message per person); returns the messages sent.</summary>
    public async Task<int> MailPendingAsync(CancellationToken cancellationToken = default)
    {
        if (!options.EmailEnabled)
        {
            return 0;
        }

        var pending = await db.Set<Notification>().Where(n => n.EmailedAt == null && n.ReadAt == null)
            .Join(db.Users.Where(u => !u.IsDisabled && u.Email != null), n => n.UserId, u => u.Id, (n, u) => new { n.Id, n.Link, u.Email })
            .ToListAsync(cancellationToken);
        var sent = 0;
        var sender = new EmailSender(options);
        foreach (var person in pending.GroupBy(p => p.Email!))
        {
            try
            {
                await sender.SendAsync(person.Key, person.Select(p => p.Link).Distinct().ToList(), cancellationToken);
                var ids = person.Select(p => p.Id).ToList();
                var now = clock.GetUtcNow();
                await db.Set<Notification>().Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(u => u.SetProperty(n => n.EmailedAt, now), cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is MailKit.CommandException or MailKit.ProtocolException or IOException or System.Net.Sockets.SocketException
                                           or MailKit.Security.AuthenticationException or MimeKit.ParseException)
            {
                LogMailFailed(logger, ex.GetType().Name);
            }
        }

        return sent;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification e-mail could not be sent ({Error}); it is retried on the next run.")]
    private static partial void LogMailFailed(ILogger logger, string error);
}

using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Audit;

/// <summary>
/// Appends a batch of audit rows in one transaction, chained in the order given. The seam for a background writer:
/// it builds <see cref="AuditEvent"/>s (with <see cref="AuditEvent.At"/>, actor and address already filled) and hands
/// them over here; the chain lock and hashing happen in <c>AppDbContext.SaveChangesAsync</c>, the same path that rows
/// added to a unit of work with <see cref="AuditLog.Add(string, string?, string?, string?)"/> take.
/// </summary>
public sealed class AuditAppender(IDbContextFactory<AppDbContext> contexts)
{
    public async Task AppendAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.AddRange(batch);
        await db.SaveChangesAsync(cancellationToken);
    }
}

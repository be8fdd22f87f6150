namespace AppealStudio.Data.Audit;

/// <summary>Who is acting: the signed-in web user, or the operating-system user running the CLI.</summary>
public interface ICurrentActor
{
    string? UserId { get; }

    string Name { get; }

    string? IpAddress { get; }

    /// <summary>
    /// Whether the actor holds a role. Services check it themselves (defence in depth under the pages' policies),
    /// so a command cannot be reached by a role the page would have refused. Actors outside the web app (the CLI,
    /// seeding) act as the operator of the installation and hold every role.
    /// </summary>
    bool IsInRole(string role) => true;

    /// <summary>The emergency-access grants in effect for the actor now ("12" or "12,14"), marked on every audit row they write.</summary>
    string? BreakGlass => null;
}

/// <summary>Appends to the audit trail. Each call saves at once so an audit row never waits on a later failure.</summary>
/// <param name="queue">The app's audit queue (ADR 0070/0095); absent in the CLI, where every record is written at once.</param>
public sealed class AuditLog(AppDbContext db, ICurrentActor actor, TimeProvider clock, AuditQueue? queue = null)
{
    /// <summary>
    /// Records a read of patient data (a page or list shown, a file downloaded): no state changed, so the row does not
    /// have to commit with anything and goes through the audit queue's group commit (ADR 0095). The task completes
    /// once the row is committed, so the caller still shows nothing unrecorded. Without a running queue, or when the
    /// caller's unit of work holds changes (which this call would otherwise have saved), it saves as
    /// <see cref="RecordAsync"/> does. State changes keep using <see cref="Add(string, string?, string?, string?)"/> or
    /// <see cref="RecordAsync"/>: their row commits in their own transaction.
    /// </summary>
    public Task RecordViewAsync(string action, string? entityType = null, string? entityId = null, string? details = null,
        CancellationToken cancellationToken = default)
    {
        if (queue is not { IsWriterRunning: true } || db.ChangeTracker.HasChanges())
        {
            return RecordAsync(action, entityType, entityId, details, cancellationToken);
        }

        return queue.RecordAsync(Create(actor.UserId, actor.Name, action, entityType, entityId, details, actor.BreakGlass), cancellationToken);
    }

    public async Task RecordAsync(string action, string? entityType = null, string? entityId = null, string? details = null,
        CancellationToken cancellationToken = default)
    {
        Add(action, entityType, entityId, details);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>For events whose actor is not the current principal yet (sign-in, failed sign-in).</summary>
    public async Task RecordAsAsync(string? userId, string actorName, string action, string? entityType = null,
        string? entityId = null, string? details = null, CancellationToken cancellationToken = default)
    {
        Add(userId, actorName, action, entityType, entityId, details, null);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds the row to the current unit of work, so it commits (or rolls back) with the change it records.</summary>
    public void Add(string action, string? entityType = null, string? entityId = null, string? details = null) =>
        Add(actor.UserId, actor.Name, action, entityType, entityId, details, actor.BreakGlass);

    private void Add(string? userId, string actorName, string action, string? entityType, string? entityId, string? details, string? breakGlass) =>
        db.AuditEvents.Add(Create(userId, actorName, action, entityType, entityId, details, breakGlass));

    private AuditEvent Create(string? userId, string actorName, string action, string? entityType, string? entityId, string? details, string? breakGlass) =>
        new()
        {
            At = clock.GetUtcNow(),
            UserId = userId,
            Actor = Truncate(actorName, 256),
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details is null ? null : Truncate(details, 2000),
            IpAddress = actor.IpAddress,
            BreakGlass = breakGlass,
        };

    /// <summary>
    /// "ids=1,2,3" for a list view's audit row (ADR 0061): the records whose patient data was on screen, never the search
    /// or filter text. The first 150 are named and the rest counted, so a row stays within <see cref="AuditEvent.Details"/>.
    /// </summary>
    public static string Ids(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.ToList();
        var shown = list.Take(150).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "ids=" + string.Join(',', shown) + (list.Count > 150 ? $" (+{(list.Count - 150).ToString(System.Globalization.CultureInfo.InvariantCulture)})" : "");
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

/// <summary>The actor for command-line runs: the OS account, prefixed so it never collides with an email.</summary>
public sealed class CommandLineActor : ICurrentActor
{
    public string? UserId => null;

    public string Name => "cli:" + Environment.UserName;

    public string? IpAddress => null;
}

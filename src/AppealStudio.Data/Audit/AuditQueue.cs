using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppealStudio.Data.Audit;

/// <summary>
/// Where a batch of audit records is made durable. One call, one batch, one transaction: the seam the hash-chained
/// appender of the audit area plugs into (ADR 0070); until then <see cref="DatabaseAuditSink"/> inserts the rows.
/// </summary>
public interface IAuditSink
{
    /// <summary>Stores every record of the batch, or none (an exception), before it returns.</summary>
    Task WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken);
}

/// <summary>Inserts the batch with one SaveChanges in a scope of its own (one transaction).</summary>
public sealed class DatabaseAuditSink(IServiceScopeFactory scopes) : IAuditSink
{
    public async Task WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AuditEvents.AddRange(batch);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// The app's sink: the hash-chain appender (ADR 0060), so a whole batch is chained under one head lock in one
/// transaction, in the order the queue took the records (ADR 0095).
/// </summary>
public sealed class ChainedAuditSink(AuditAppender appender) : IAuditSink
{
    public Task WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken) =>
        appender.AppendAsync(batch, cancellationToken);
}

/// <summary>Settings of the audit queue (section <c>Audit</c>).</summary>
/// <param name="QueueCapacity">Records waiting at most; beyond it a record is written synchronously by its caller.</param>
/// <param name="MaxBatch">Records written in one transaction at most.</param>
public sealed record AuditQueueOptions(int QueueCapacity = 10_000, int MaxBatch = 500);

/// <summary>
/// Takes audit writes off the request's critical path without giving up a record (issue 14, ADR 0070). A record is
/// <em>acknowledged</em> when the task <see cref="RecordAsync"/> returns has completed, and that happens only once
/// the batch holding it is committed: a caller that must not show patient data unrecorded awaits it, a crash before
/// then loses only records nobody was told were kept. The gain is group commit: one background writer turns every
/// record that arrived while it was writing into the next single transaction, so 50 users viewing denials queue one
/// write per batch at SQLite's single writer instead of one write each. It writes as soon as it is free (no timer: a
/// fixed flush interval would add its wait to every awaited record), and drains what is left on shutdown. When the queue is full the caller writes its record itself (synchronous
/// fallback), so memory stays bounded and nothing is dropped.
/// </summary>
public sealed partial class AuditQueue(IAuditSink sink, AuditQueueOptions options, ILogger<AuditQueue> logger)
{
    private readonly Channel<Pending> channel = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity)
    {
        SingleReader = false, // the writer, and the drain on shutdown after it stopped
        FullMode = BoundedChannelFullMode.Wait,
    });

    private sealed record Pending(AuditEvent Record, TaskCompletionSource Written);

    /// <summary>
    /// True while the background writer's loop runs. <see cref="AuditLog.RecordViewAsync"/> queues only then: a host
    /// without the writer (the CLI, a test host that starts no hosted services) writes its records itself.
    /// </summary>
    public bool IsWriterRunning => Volatile.Read(ref writerRunning) == 1;

    private int writerRunning;

    /// <summary>Records written synchronously because the queue was full (for tests and metrics).</summary>
    public long SynchronousFallbacks => Interlocked.Read(ref synchronousFallbacks);

    private long synchronousFallbacks;

    /// <summary>Queues the record; the task completes when it is committed (and fails if its batch could not be).</summary>
    public Task RecordAsync(AuditEvent record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (channel.Writer.TryWrite(pending))
        {
            return pending.Written.Task;
        }

        // Full, or the writer has stopped (shutdown): the caller pays for its own write rather than lose the record.
        Interlocked.Increment(ref synchronousFallbacks);
        return sink.WriteAsync([record], cancellationToken);
    }

    /// <summary>The background writer's loop; returns once the queue is completed and drained.</summary>
    public async Task RunWriterAsync(CancellationToken stopping)
    {
        var reader = channel.Reader;
        var batch = new List<Pending>(options.MaxBatch);
        Volatile.Write(ref writerRunning, 1);
        try
        {
            while (await reader.WaitToReadAsync(stopping))
            {
                await DrainOnceAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutdown: the host completes the queue and calls DrainAsync.
        }
        finally
        {
            Volatile.Write(ref writerRunning, 0);
        }
    }

    /// <summary>Refuses new records into the queue (they are then written synchronously) and writes what is queued.</summary>
    public async Task CompleteAndDrainAsync(CancellationToken cancellationToken)
    {
        channel.Writer.TryComplete();
        var batch = new List<Pending>(options.MaxBatch);
        while (channel.Reader.TryPeek(out _))
        {
            await DrainOnceAsync(batch, cancellationToken);
        }
    }

    private async Task DrainOnceAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        batch.Clear();
        while (batch.Count < options.MaxBatch && channel.Reader.TryRead(out var next))
        {
            batch.Add(next);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await sink.WriteAsync(batch.Select(p => p.Record).ToList(), cancellationToken);
            foreach (var p in batch)
            {
                p.Written.TrySetResult();
            }
        }
#pragma warning disable CA1031 // The failure goes to every caller waiting on this batch; the writer keeps going.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBatchFailed(logger, batch.Count, ex.GetType().Name);
            foreach (var p in batch)
            {
                p.Written.TrySetException(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An audit batch of {Count} record(s) could not be written ({Error}); its callers were told.")]
    private static partial void LogBatchFailed(ILogger logger, int count, string error);
}

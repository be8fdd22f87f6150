using AppealStudio.Data.Audit;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppealStudio.Web.Tests.Hosting;

/// <summary>The audit queue of ADR 0070: acknowledged means committed; group commit; bounded with a synchronous fallback.</summary>
public sealed class AuditQueueTests
{
    /// <summary>A sink that records each batch and can be held closed to stand for a slow database.</summary>
    private sealed class GateSink : IAuditSink
    {
        private TaskCompletionSource gate = Open();

        public List<IReadOnlyList<AuditEvent>> Batches { get; } = [];

        public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Failure { get; set; }

        public void Close() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => gate.TrySetResult();

        public async Task WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
            if (Failure is not null)
            {
                throw Failure;
            }

            lock (Batches)
            {
                Batches.Add(batch);
            }
        }

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }

    private static AuditEvent Event(string id) => new() { At = DateTimeOffset.UnixEpoch, Actor = "test", Action = "denial.view", EntityType = "Denial", EntityId = id };

    private static AuditQueue Queue(IAuditSink sink, int capacity = 100) =>
        new(sink, new AuditQueueOptions(capacity, 500), NullLogger<AuditQueue>.Instance);

    [Fact]
    public async Task RecordAsync_IsAcknowledgedOnlyOnceItsBatchIsWritten()
    {
        var sink = new GateSink();
        sink.Close();
        var queue = Queue(sink);
        using var stop = new CancellationTokenSource();
        var writer = queue.RunWriterAsync(stop.Token);

        var recorded = queue.RecordAsync(Event("1"));
        await sink.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(recorded.IsCompleted);
        sink.Release();
        await recorded.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("1", Assert.Single(Assert.Single(sink.Batches)).EntityId);
        await stop.CancelAsync();
        await writer;
    }

    [Fact]
    public async Task RecordAsync_ManyWhileTheWriterIsBusy_AreWrittenAsOneBatch()
    {
        var sink = new GateSink();
        sink.Close();
        var queue = Queue(sink);
        using var stop = new CancellationTokenSource();
        var writer = queue.RunWriterAsync(stop.Token);

        var first = queue.RecordAsync(Event("first"));
        await sink.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var rest = Enumerable.Range(0, 50).Select(i => queue.RecordAsync(Event(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        sink.Release();
        await Task.WhenAll(rest.Append(first)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([1, 50], sink.Batches.Select(b => b.Count));
        Assert.Equal(0, queue.SynchronousFallbacks);
        await stop.CancelAsync();
        await writer;
    }

    [Fact]
    public async Task RecordAsync_QueueFull_TheCallerWritesItsRecordItself()
    {
        var sink = new GateSink();
        var queue = Queue(sink, capacity: 2);

        // No writer running: two records fill the queue, the third is written by its caller at once.
        var queued = new[] { queue.RecordAsync(Event("a")), queue.RecordAsync(Event("b")) };
        await queue.RecordAsync(Event("c")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, queue.SynchronousFallbacks);
        Assert.Equal("c", Assert.Single(Assert.Single(sink.Batches)).EntityId);
        Assert.All(queued, t => Assert.False(t.IsCompleted));

        await queue.CompleteAndDrainAsync(CancellationToken.None);
        await Task.WhenAll(queued);
        Assert.Equal(["c", "a", "b"], sink.Batches.SelectMany(b => b).Select(e => e.EntityId));
    }

    [Fact]
    public async Task CompleteAndDrain_OnShutdown_WritesWhatIsQueued_AndLaterRecordsAreWrittenSynchronously()
    {
        var sink = new GateSink();
        var queue = Queue(sink);
        var queued = Enumerable.Range(0, 3).Select(i => queue.RecordAsync(Event("q" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();

        await queue.CompleteAndDrainAsync(CancellationToken.None);
        await Task.WhenAll(queued);
        await queue.RecordAsync(Event("late"));

        Assert.Equal(["q0", "q1", "q2", "late"], sink.Batches.SelectMany(b => b).Select(e => e.EntityId));
        Assert.Equal(1, queue.SynchronousFallbacks);
    }

    [Fact]
    public async Task RecordAsync_BatchCannotBeWritten_TheCallerIsTold()
    {
        var sink = new GateSink { Failure = new InvalidOperationException("database gone") };
        var queue = Queue(sink);
        using var stop = new CancellationTokenSource();
        var writer = queue.RunWriterAsync(stop.Token);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.RecordAsync(Event("x")).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("database gone", error.Message);
        await stop.CancelAsync();
        await writer;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task AppQueue_RecordAcknowledged_IsInTheDatabase(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var queue = factory.Services.GetRequiredService<AuditQueue>();
        var id = "queue-" + Guid.NewGuid().ToString("N")[..10];

        await queue.RecordAsync(new AuditEvent { At = DateTimeOffset.UtcNow, Actor = "test", Action = "test.queue", EntityType = "Probe", EntityId = id })
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, await factory.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.EntityId == id)));
    }
}

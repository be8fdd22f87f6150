using AppealStudio.Data;
using AppealStudio.Data.Audit;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Hosting;

/// <summary>
/// The audit queue wired in front of the hash-chain appender (ADR 0095): views go through the queue, changes commit
/// their own row, and the chain stays verifiable whichever path wrote each row.
/// </summary>
public sealed class AuditQueueChainTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task RecordViewAsync_ConcurrentViewsChangesAndFallbacks_AllKeptAndChainVerifies(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var queue = factory.Services.GetRequiredService<AuditQueue>();
        Assert.True(queue.IsWriterRunning, "the app host runs the audit writer");
        var tag = "chain-" + Guid.NewGuid().ToString("N")[..10];

        // Three kinds of writer at once: queued views, synchronous records (a change's own transaction), and records
        // handed straight to the sink as the full-queue fallback does.
        var writers = Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            var id = tag + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (i % 3)
            {
                case 0:
                    await audit.RecordViewAsync("test.view", "Probe", id);
                    break;
                case 1:
                    await audit.RecordAsync("test.change", "Probe", id);
                    break;
                default:
                    await scope.ServiceProvider.GetRequiredService<IAuditSink>().WriteAsync(
                        [new AuditEvent { At = DateTimeOffset.UtcNow, Actor = "test", Action = "test.fallback", EntityType = "Probe", EntityId = id }],
                        CancellationToken.None);
                    break;
            }
        })).ToList();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(120));

        // Acknowledged means committed: every record is there once its task completed, chained, and the chain holds.
        var rows = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId!.StartsWith(tag)).ToListAsync());
        Assert.Equal(60, rows.Count);
        Assert.Equal(60, rows.Select(r => r.EntityId).Distinct().Count());
        Assert.All(rows, r => Assert.NotNull(r.Sequence));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.Hash)));
        Assert.Equal(60, rows.Select(r => r.Sequence).Distinct().Count());

        var verification = await factory.WithDbAsync(db => AuditChain.VerifyAsync(db));
        Assert.True(verification.Intact, verification.Problem);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task RecordViewAsync_UnitOfWorkHoldsChanges_SavesThemWithTheRowAsBefore(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var tag = "pending-" + Guid.NewGuid().ToString("N")[..10];
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();

            // A change left in the unit of work: the view record must not leave it unsaved (the queue would have).
            audit.Add("test.pending-change", "Probe", tag);
            Assert.True(db.ChangeTracker.HasChanges());
            await audit.RecordViewAsync("test.view", "Probe", tag);
            Assert.False(db.ChangeTracker.HasChanges());
        }

        var actions = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == tag).Select(e => e.Action).ToListAsync());
        Assert.Equal(["test.pending-change", "test.view"], actions.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DenialView_ThroughTheQueue_IsCommittedBeforeThePageGetsTheData(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var denialId = await factory.WithDbAsync(db => db.Denials.AsNoTracking().OrderBy(d => d.Id).Select(d => d.Id).FirstOrDefaultAsync());
        Assert.True(denialId > 0, "the demo data holds denials");
        var before = await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "denial.view" && e.EntityId == denialId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var shown = await ActingAs.RunAsync<AppealStudio.Data.Denials.DenialDetailsService, AppealStudio.Data.Denials.DenialDetails?>(
            factory, "specialist@demo.local", details => details.LoadAsync(denialId));
        Assert.NotNull(shown);

        var after = await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "denial.view" && e.EntityId == denialId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(before + 1, after);
    }
}

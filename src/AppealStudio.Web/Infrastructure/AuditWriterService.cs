using AppealStudio.Data.Audit;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// Runs the audit queue's background writer for the life of the app and, on shutdown, writes every record still
/// queued before the host stops (ADR 0070).
/// </summary>
public sealed class AuditWriterService(AuditQueue queue) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => queue.RunWriterAsync(stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await queue.CompleteAndDrainAsync(cancellationToken);
    }
}

public static class AuditQueueServiceCollectionExtensions
{
    /// <summary>The queue, its sink (the hash-chain appender, ADR 0095) and the writer.</summary>
    public static IServiceCollection AddAuditQueue(this IServiceCollection services, IConfiguration configuration)
    {
        var capacity = configuration.GetValue("Audit:QueueCapacity", 10_000);
        var maxBatch = configuration.GetValue("Audit:MaxBatch", 500);
        if (capacity is < 1 or > 1_000_000 || maxBatch is < 1 or > 10_000)
        {
            throw new InvalidOperationException("Audit: QueueCapacity is 1-1,000,000 and MaxBatch 1-10,000.");
        }

        services.AddSingleton(new AuditQueueOptions(capacity, maxBatch));
        services.AddSingleton<IAuditSink, ChainedAuditSink>();
        services.AddSingleton<AuditQueue>();
        services.AddHostedService<AuditWriterService>();
        return services;
    }
}

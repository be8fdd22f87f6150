using System.Globalization;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Data.Audit;

/// <summary>How long audit rows are kept (<c>Audit:RetentionYears</c>, default six: 45 CFR 164.316(b)(2)(i)).</summary>
public sealed record AuditOptions(int RetentionYears)
{
    public static AuditOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["Audit:RetentionYears"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AuditOptions(6);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var years) || years < 1)
        {
            throw new InvalidOperationException($"Audit:RetentionYears is '{text}'; use a whole number of years, 1 or more (default 6).");
        }

        return new AuditOptions(years);
    }
}

/// <summary>What a purge removed; <see cref="Through"/> is the new anchor (the last removed place in the chain).</summary>
public sealed record AuditPurgeResult(long Removed, long Through, DateTimeOffset Cutoff);

/// <summary>
/// Removes audit rows older than the retention period while keeping the rest verifiable: only a prefix of the chain
/// is removed, and the head records the last removed row's hash as the anchor the verification starts from. The
/// purge lifts the database's append-only protection for its own transaction only, so on PostgreSQL with two logins
/// it must run under the owner login (the runtime login has no DELETE on the table). The purge is itself audited.
/// </summary>
public sealed class AuditRetention(AppDbContext db, AuditOptions options, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<AuditPurgeResult> PurgeAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var cutoff = clock.GetUtcNow().AddYears(-options.RetentionYears);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var heads = db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId);
        await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, h => h.Sequence), cancellationToken);
        var head = await heads.AsNoTracking().SingleAsync(cancellationToken);

        // The chain may only lose a prefix: stop before the first row still inside the retention period.
        var firstKept = await db.AuditEvents.Where(e => e.Sequence != null && e.At >= cutoff).MinAsync(e => e.Sequence, cancellationToken);
        var through = firstKept is { } kept ? kept - 1 : head.Sequence;
        var anchor = through <= head.AnchorSequence
            ? null
            : await db.AuditEvents.AsNoTracking().Where(e => e.Sequence == through).Select(e => e.Hash).SingleAsync(cancellationToken);

        await db.Database.ExecuteSqlRawAsync(AuditProtection.DropTriggers(db.Database.ProviderName), cancellationToken);
        var removed = await db.AuditEvents.Where(e => (e.Sequence != null && e.Sequence <= through) || (e.Sequence == null && e.At < cutoff))
            .ExecuteDeleteAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(AuditProtection.CreateTriggers(db.Database.ProviderName), cancellationToken);
        if (anchor is not null)
        {
            await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.AnchorSequence, through).SetProperty(h => h.AnchorHash, anchor), cancellationToken);
        }

        audit.Add("audit.purge", "AuditTrail", null, string.Create(CultureInfo.InvariantCulture,
            $"removed={removed} through={through} retentionYears={options.RetentionYears}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AuditPurgeResult(removed, through, cutoff);
    }
}

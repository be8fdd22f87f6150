using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Audit;

/// <summary>
/// The one row that says where the hash chain ends (<see cref="Sequence"/>, <see cref="Hash"/>) and where it starts
/// after a retention purge (<see cref="AnchorSequence"/>, <see cref="AnchorHash"/>: the last purged row). Every append
/// locks this row first, so appends are serialized across connections and app instances (ADR 0060).
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public static readonly string Genesis = new('0', 64);

    public int Id { get; set; }

    public long Sequence { get; set; }

    public string Hash { get; set; } = Genesis;

    public long AnchorSequence { get; set; }

    public string AnchorHash { get; set; } = Genesis;
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("AuditChainHeads");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64);
        builder.Property(h => h.AnchorHash).HasMaxLength(64);
        builder.HasData(new AuditChainHead { Id = AuditChainHead.SingletonId });
    }
}

/// <summary>What <c>audit verify</c> found: intact, or the first link that does not hold.</summary>
/// <param name="Checked">Chained rows whose hash was recomputed.</param>
/// <param name="Unchained">Rows written before the chain existed (they carry no hash and cannot be verified).</param>
public sealed record AuditVerification(bool Intact, long Checked, long Unchained, long? BrokenAtSequence, long? BrokenAtId, string? Problem);

/// <summary>
/// The hash chain over the audit trail. Each row's hash is SHA-256 over the previous row's hash and the row's canonical
/// form, so changing, removing or reordering any row breaks every link after it.
/// </summary>
public static class AuditChain
{
    /// <summary>
    /// Puts the pending rows on the chain, in the order given, inside the caller's transaction: locks the head row (an
    /// UPDATE, so SQLite takes its write lock and PostgreSQL a row lock held until commit), then numbers and hashes the
    /// rows and moves the head. Concurrent writers queue on the head; the chain order is the commit order.
    /// </summary>
    internal static async Task SealAsync(AppDbContext db, IReadOnlyList<AuditEvent> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var heads = db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId);
        await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, h => h.Sequence), cancellationToken);
        var head = await heads.AsNoTracking().SingleAsync(cancellationToken);

        var sequence = head.Sequence;
        var hash = head.Hash;
        foreach (var row in pending)
        {
            // Both databases keep milliseconds exactly (SQLite's binary time keeps 0.1 ms, PostgreSQL microseconds):
            // the stored time is the hashed time.
            var ticks = row.At.UtcTicks;
            row.At = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            row.Sequence = ++sequence;
            hash = Link(hash, row);
            row.Hash = hash;
        }

        await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, sequence).SetProperty(h => h.Hash, hash), cancellationToken);
    }

    /// <summary>SHA-256 (lower-case hex) of the previous hash, a newline and the row's canonical form.</summary>
    public static string Link(string previousHash, AuditEvent row)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        var bytes = Encoding.UTF8.GetBytes(previousHash + "\n" + Canonical(row));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// The row as one unambiguous string: every field length-prefixed (a null is "-"), so no choice of values can make
    /// two different rows read alike. The database id is left out: the sequence is the row's place in the chain.
    /// </summary>
    public static string Canonical(AuditEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = new StringBuilder();
        Field(text, row.Sequence?.ToString(CultureInfo.InvariantCulture));
        Field(text, row.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(text, row.UserId);
        Field(text, row.Actor);
        Field(text, row.Action);
        Field(text, row.EntityType);
        Field(text, row.EntityId);
        Field(text, row.Details);
        Field(text, row.IpAddress);
        // Appended only when set, so rows written before the mark existed (and unmarked rows) hash as they always did.
        if (row.BreakGlass is not null)
        {
            Field(text, row.BreakGlass);
        }

        return text.ToString();
    }

    /// <summary>
    /// Walks the chain from the anchor in sequence order, recomputing every hash, and stops at the first link that does
    /// not hold: a changed row (hash mismatch), a removed one (a gap in the sequence) or a removed tail (the head is
    /// ahead of the last row). Checks up to the head as read at the start, so rows appended meanwhile do not disturb it.
    /// Streams the rows, so a trail of millions is checked in constant memory.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        var unchained = await db.AuditEvents.LongCountAsync(e => e.Sequence == null, cancellationToken);
        var previous = head.AnchorHash;
        var expected = head.AnchorSequence + 1;
        long checkedRows = 0;
        var rows = db.AuditEvents.AsNoTracking().Where(e => e.Sequence != null && e.Sequence <= head.Sequence).OrderBy(e => e.Sequence)
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.Sequence != expected)
            {
                return new AuditVerification(false, checkedRows, unchained, expected, null, string.Create(CultureInfo.InvariantCulture,
                    $"Row {expected} of the chain is missing (the next row is {row.Sequence}, id {row.Id})."));
            }

            if (!string.Equals(Link(previous, row), row.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(false, checkedRows, unchained, row.Sequence, row.Id, string.Create(CultureInfo.InvariantCulture,
                    $"Row {row.Sequence} (id {row.Id}, {row.Action}) does not match its hash: it was changed, or a row before it was."));
            }

            previous = row.Hash!;
            expected++;
            checkedRows++;
        }

        if (expected - 1 != head.Sequence)
        {
            return new AuditVerification(false, checkedRows, unchained, expected, null, string.Create(CultureInfo.InvariantCulture,
                $"The chain ends at row {expected - 1} but its head says {head.Sequence}: rows were removed from the end."));
        }

        if (!string.Equals(previous, head.Hash, StringComparison.Ordinal))
        {
            return new AuditVerification(false, checkedRows, unchained, head.Sequence, null,
                "The last row's hash differs from the chain head's: the head or the last row was changed.");
        }

        return new AuditVerification(true, checkedRows, unchained, null, null, null);
    }

    private static void Field(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("-;");
            return;
        }

        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Audit;

/// <summary>
/// One line of the append-only audit trail: who did what to which record, and when. <see cref="Details"/> holds
/// identifiers and field names, never patient data (names, dates of birth, chart text stay out of it).
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The acting user's id, or null for an anonymous actor (a failed sign-in).</summary>
    public string? UserId { get; set; }

    /// <summary>Email or "cli:NAME" as typed at the time, so the row still reads right after a rename.</summary>
    public string Actor { get; set; } = "";

    /// <summary>Dotted verb, e.g. <c>auth.sign-in</c>, <c>user.create</c>, <c>denial.view</c>.</summary>
    public string Action { get; set; } = "";

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    public string? Details { get; set; }

    public string? IpAddress { get; set; }

    /// <summary>
    /// The emergency-access grants (ids, "12" or "12,14") in effect for the actor when the row was written, or null:
    /// every row written under break-glass carries it (ADR 0085).
    /// </summary>
    public string? BreakGlass { get; set; }

    /// <summary>
    /// The row's place in the hash chain (1, 2, 3, ... with no gaps); null only for rows written before the chain existed.
    /// Assigned by <see cref="AuditChain"/> when the row is saved, under the chain head's lock.
    /// </summary>
    public long? Sequence { get; set; }

    /// <summary>SHA-256 (hex) of the previous row's hash and this row's canonical form (<see cref="AuditChain.Canonical"/>).</summary>
    public string? Hash { get; set; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.EntityType).HasMaxLength(64);
        builder.Property(e => e.EntityId).HasMaxLength(128);
        builder.Property(e => e.Details).HasMaxLength(2000);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.BreakGlass).HasMaxLength(64);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.UserId);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.Sequence).IsUnique();
    }
}

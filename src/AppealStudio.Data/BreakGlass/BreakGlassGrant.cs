using AppealStudio.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.BreakGlass;

/// <summary>
/// Emergency access (45 CFR 164.312(a)(2)(i), ADR 0085): an Admin lets one user act in one more role until
/// <see cref="ExpiresAt"/>, for a stated reason. The role counts only while the grant is open and unexpired, so expiry
/// needs no job; <see cref="EndedAt"/> records an early end (or, once noticed, the expiry) for the audit trail.
/// </summary>
public sealed class BreakGlassGrant
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>The role granted (never Admin: emergency access is to patient work, not to administration).</summary>
    public string Role { get; set; } = "";

    /// <summary>Why, as the Admin typed it. Kept here, not in the audit row's details, which hold ids only.</summary>
    public string Reason { get; set; } = "";

    public string GrantedByUserId { get; set; } = "";

    public string GrantedByName { get; set; } = "";

    public DateTimeOffset GrantedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? EndedByName { get; set; }

    /// <summary><see cref="BreakGlassEnd"/>: expired, revoked (by an Admin) or ended (by the holder).</summary>
    public string? EndKind { get; set; }
}

/// <summary>How a grant ended.</summary>
public static class BreakGlassEnd
{
    public const string Expired = "expired";
    public const string Revoked = "revoked";
    public const string EndedByHolder = "ended";
}

internal sealed class BreakGlassGrantConfiguration : IEntityTypeConfiguration<BreakGlassGrant>
{
    public void Configure(EntityTypeBuilder<BreakGlassGrant> builder)
    {
        builder.ToTable("BreakGlassGrants");
        builder.Property(g => g.UserId).HasMaxLength(450);
        builder.Property(g => g.Role).HasMaxLength(32);
        builder.Property(g => g.Reason).HasMaxLength(BreakGlassRules.MaxReasonLength);
        builder.Property(g => g.GrantedByUserId).HasMaxLength(450);
        builder.Property(g => g.GrantedByName).HasMaxLength(256);
        builder.Property(g => g.EndedByName).HasMaxLength(256);
        builder.Property(g => g.EndKind).HasMaxLength(16);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Restrict);
        // Every role check of a holder reads their open grants.
        builder.HasIndex(g => new { g.UserId, g.EndedAt, g.ExpiresAt });
    }
}

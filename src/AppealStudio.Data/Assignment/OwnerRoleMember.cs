using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Assignment;

/// <summary>
/// A person in an owner role (the classification's owners: front desk, scheduler, biller, coder, clinician,
/// credentialing). New denials of that owner are assigned to the role's members (round robin or least loaded).
/// </summary>
public sealed class OwnerRoleMember
{
    public int Id { get; set; }

    /// <summary>The owner code, as stored on denials (<c>biller</c>, <c>coder</c> ...).</summary>
    public string OwnerRole { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTimeOffset AddedAt { get; set; }

    public string AddedBy { get; set; } = "";
}

internal sealed class OwnerRoleMemberConfiguration : IEntityTypeConfiguration<OwnerRoleMember>
{
    public void Configure(EntityTypeBuilder<OwnerRoleMember> b)
    {
        b.Property(x => x.OwnerRole).HasMaxLength(16);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.AddedBy).HasMaxLength(256);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OwnerRole, x.UserId }).IsUnique();
    }
}

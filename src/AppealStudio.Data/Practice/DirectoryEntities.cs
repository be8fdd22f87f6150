using AppealStudio.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Practice;

/// <summary>
/// Where a payer takes appeals of one level (the payer directory): the address letters are sent to, with fax, phone
/// and portal. <see cref="Level"/> "any" applies to every level that has no row of its own.
/// </summary>
public sealed class PayerAppealAddress
{
    public const string AnyLevel = "any";

    public int Id { get; set; }

    public int PayerSettingId { get; set; }

    public PayerSetting Payer { get; set; } = default!;

    /// <summary>any | reopening | first-level | second-level | external-review.</summary>
    public string Level { get; set; } = AnyLevel;

    /// <summary>The department or person letters are addressed to ("Appeals Department"), without the payer's name.</summary>
    public string? Recipient { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? PostalCode { get; set; }

    public string? Fax { get; set; }

    public string? Phone { get; set; }

    public string? PortalUrl { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>The address as a letter prints it: recipient, street lines, "City, ST 12345".</summary>
    public IReadOnlyList<string> Lines()
    {
        var cityLine = string.Join(" ", new[]
        {
            string.Join(", ", new[] { City, State }.Where(s => !string.IsNullOrWhiteSpace(s))),
            PostalCode,
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new[] { Recipient, AddressLine1, AddressLine2, cityLine }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList();
    }
}

/// <summary>A clinician of the practice (the provider directory): the name and credentials letters print, the NPI
/// remittances carry (NM1*82), and the physician user who signs for them.</summary>
public sealed class ProviderDirectoryEntry
{
    public int Id { get; set; }

    /// <summary>"Dana Reyes": as the clinician signs notes, without credentials.</summary>
    public string Name { get; set; } = "";

    /// <summary>"MD", "DO", "LCSW", "CRNA".</summary>
    public string? Credentials { get; set; }

    public string Npi { get; set; } = "";

    public string? Specialty { get; set; }

    /// <summary>The physician user who signs this provider's letters; null when the provider has no account.</summary>
    public string? PhysicianUserId { get; set; }

    public AppUser? PhysicianUser { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public string NameWithCredentials => string.IsNullOrWhiteSpace(Credentials) ? Name : $"{Name}, {Credentials}";
}

internal sealed class PayerAppealAddressConfiguration : IEntityTypeConfiguration<PayerAppealAddress>
{
    public void Configure(EntityTypeBuilder<PayerAppealAddress> b)
    {
        b.ToTable("PayerAppealAddresses");
        b.Property(x => x.Level).HasMaxLength(24);
        b.Property(x => x.Recipient).HasMaxLength(200);
        b.Property(x => x.AddressLine1).HasMaxLength(200);
        b.Property(x => x.AddressLine2).HasMaxLength(200);
        b.Property(x => x.City).HasMaxLength(100);
        b.Property(x => x.State).HasMaxLength(2);
        b.Property(x => x.PostalCode).HasMaxLength(10);
        b.Property(x => x.Fax).HasMaxLength(30);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.PortalUrl).HasMaxLength(500);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.HasOne(x => x.Payer).WithMany().HasForeignKey(x => x.PayerSettingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PayerSettingId, x.Level }).IsUnique();
    }
}

internal sealed class ProviderDirectoryEntryConfiguration : IEntityTypeConfiguration<ProviderDirectoryEntry>
{
    public void Configure(EntityTypeBuilder<ProviderDirectoryEntry> b)
    {
        b.ToTable("Providers");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Credentials).HasMaxLength(40);
        b.Property(x => x.Npi).HasMaxLength(10);
        b.Property(x => x.Specialty).HasMaxLength(100);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Ignore(x => x.NameWithCredentials);
        b.HasOne(x => x.PhysicianUser).WithMany().HasForeignKey(x => x.PhysicianUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.Npi).IsUnique();
        b.HasIndex(x => x.PhysicianUserId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Practice;

/// <summary>
/// A payer's appeal windows as the practice keeps them (Settings &gt; Payers). Seeded from the core's reviewed
/// defaults; an Admin edits them to match contracts. Day counts null = not known (no deadline is invented).
/// </summary>
public sealed class PayerSetting
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string? PayerIdentifier { get; set; }

    /// <summary>Medicare | MedicareAdvantage | Medicaid | Commercial.</summary>
    public string Type { get; set; } = "Commercial";

    /// <summary>Other names the payer uses on remittances, separated by '|'.</summary>
    public string? Aliases { get; set; }

    public int? ReopeningDays { get; set; }

    public int? FirstLevelDays { get; set; }

    public int? SecondLevelDays { get; set; }

    public int? ExternalReviewDays { get; set; }

    public int? TimelyFilingDays { get; set; }

    public int ReceiptPresumptionDays { get; set; }

    public string? Notes { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>An Admin's override of a classification rule (same columns as the shipped CSV), audited.</summary>
public sealed class ClassificationOverride
{
    public int Id { get; set; }

    public string GroupCode { get; set; } = "*";

    public string ReasonCode { get; set; } = "";

    public string? RemarkCode { get; set; }

    public string? Modifiers { get; set; }

    public string Severity { get; set; } = "";

    public string Action { get; set; } = "";

    public string Category { get; set; } = "";

    public string RootCause { get; set; } = "";

    public string Owner { get; set; } = "";

    /// <summary>Who owes the amount when this row decides (a core <c>Liability</c> code); null = as the group code says.</summary>
    public string? Liability { get; set; }

    public string Explanation { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>
/// A named value the application keeps about the database itself, such as the version of the classification rules the
/// stored denials were last assessed with (<see cref="ClassificationUpgrade"/>).
/// </summary>
public sealed class SystemSetting
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Letterhead and practice identity for exported letters (a single row).</summary>
public sealed class PracticeProfile
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? PostalCode { get; set; }

    public string? Phone { get; set; }

    public string? Fax { get; set; }

    public string? Npi { get; set; }

    public string? TaxId { get; set; }

    /// <summary>IANA time zone of the practice ("America/Chicago"): signatures show their time in it.</summary>
    public string? TimeZone { get; set; }
}

/// <summary>An Admin's edited version of a letter template; the files in templates/ are version 0.</summary>
public sealed class TemplateVersion
{
    public int Id { get; set; }

    public string TemplateId { get; set; } = "";

    public int Version { get; set; }

    public string Content { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}

internal sealed class PayerSettingConfiguration : IEntityTypeConfiguration<PayerSetting>
{
    public void Configure(EntityTypeBuilder<PayerSetting> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.PayerIdentifier).HasMaxLength(80);
        b.Property(x => x.Type).HasMaxLength(24);
        b.Property(x => x.Aliases).HasMaxLength(1000);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class ClassificationOverrideConfiguration : IEntityTypeConfiguration<ClassificationOverride>
{
    public void Configure(EntityTypeBuilder<ClassificationOverride> b)
    {
        b.Property(x => x.GroupCode).HasMaxLength(2);
        b.Property(x => x.ReasonCode).HasMaxLength(8);
        b.Property(x => x.RemarkCode).HasMaxLength(8);
        b.Property(x => x.Modifiers).HasMaxLength(64);
        b.Property(x => x.Liability).HasMaxLength(16);
        b.Property(x => x.Explanation).HasMaxLength(1000);
        b.Property(x => x.Reason).HasMaxLength(1000);
    }
}

internal sealed class SystemSettingConfiguration : IEntityTypeConfiguration<SystemSetting>
{
    public void Configure(EntityTypeBuilder<SystemSetting> b)
    {
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(80);
        b.Property(x => x.Value).HasMaxLength(400);
    }
}

internal sealed class TemplateVersionConfiguration : IEntityTypeConfiguration<TemplateVersion>
{
    public void Configure(EntityTypeBuilder<TemplateVersion> b)
    {
        b.Property(x => x.TemplateId).HasMaxLength(80);
        b.HasIndex(x => new { x.TemplateId, x.Version }).IsUnique();
    }
}

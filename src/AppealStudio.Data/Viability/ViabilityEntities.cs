using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Viability;

/// <summary>One CMS NCCI PTP file loaded with <c>appealstudio ncci import</c>; its edits are <see cref="NcciEdit"/> rows.</summary>
public sealed class NcciEditFile
{
    public int Id { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>The table part the file is ("ccipra-f1"): the next quarter's file of the same part replaces it.</summary>
    public string Part { get; set; } = "";

    /// <summary>The CMS version in the file name ("v321r0"), cited by every warning that rests on its edits.</summary>
    public string Version { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public int EditCount { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public string ImportedBy { get; set; } = "";

    /// <summary>When a newer file of the same part replaced this one (its edits were removed then).</summary>
    public DateTimeOffset? ReplacedAt { get; set; }
}

/// <summary>One procedure-to-procedure edit of a loaded CMS file.</summary>
public sealed class NcciEdit
{
    public long Id { get; set; }

    public int FileId { get; set; }

    public string Column1 { get; set; } = "";

    public string Column2 { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The CMS deletion date (the edit applies before it); null when not deleted.</summary>
    public DateOnly? DeletedOn { get; set; }

    public int ModifierIndicator { get; set; }

    public bool ExistedBefore1996 { get; set; }

    public string? Rationale { get; set; }
}

/// <summary>A practice's row of the column-1 inclusions (adds a rule, or replaces or switches off a shipped one).</summary>
public sealed class ColumnOneInclusionRow
{
    public int Id { get; set; }

    public string Column1 { get; set; } = "";

    public string Column2 { get; set; } = "";

    /// <summary>Column-1 codes for which the inclusion does not hold, separated by '|'.</summary>
    public string? ExceptWith { get; set; }

    public bool SameSide { get; set; } = true;

    /// <summary>False switches off the shipped row with the same column 1 and column 2.</summary>
    public bool Active { get; set; } = true;

    public string Note { get; set; } = "";

    public string Source { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>A practice's physical-status unit row for one payer (from its contract).</summary>
public sealed class PhysicalStatusUnitRow
{
    public int Id { get; set; }

    /// <summary>The payer's name as in Settings &gt; Payers.</summary>
    public string Payer { get; set; } = "";

    /// <summary>The payer's program code (medicare, commercial ...), kept with the row for display.</summary>
    public string PayerType { get; set; } = "";

    public decimal P1 { get; set; }

    public decimal P2 { get; set; }

    public decimal P3 { get; set; }

    public decimal P4 { get; set; }

    public decimal P5 { get; set; }

    public decimal P6 { get; set; }

    public string Source { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>A specialist started a letter although the denial carried viability warnings: who, when, which.</summary>
public sealed class ViabilityAcknowledgment
{
    public long Id { get; set; }

    public long DenialId { get; set; }

    public long? AppealId { get; set; }

    /// <summary>The warning codes acknowledged, comma-separated.</summary>
    public string Codes { get; set; } = "";

    public string? Note { get; set; }

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    public string Actor { get; set; } = "";
}

internal sealed class NcciEditFileConfiguration : IEntityTypeConfiguration<NcciEditFile>
{
    public void Configure(EntityTypeBuilder<NcciEditFile> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.Part).HasMaxLength(260);
        b.Property(x => x.Version).HasMaxLength(260);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.ImportedBy).HasMaxLength(256);
        b.HasIndex(x => x.Sha256);
    }
}

internal sealed class NcciEditConfiguration : IEntityTypeConfiguration<NcciEdit>
{
    public void Configure(EntityTypeBuilder<NcciEdit> b)
    {
        b.ToTable("NcciEdits");
        b.Property(x => x.Column1).HasMaxLength(8);
        b.Property(x => x.Column2).HasMaxLength(8);
        b.Property(x => x.Rationale).HasMaxLength(200);
        b.HasOne<NcciEditFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
        // A warning looks up the denied (column 2) code with the claim's other codes as column 1.
        b.HasIndex(x => new { x.Column2, x.Column1 });
    }
}

internal sealed class ColumnOneInclusionRowConfiguration : IEntityTypeConfiguration<ColumnOneInclusionRow>
{
    public void Configure(EntityTypeBuilder<ColumnOneInclusionRow> b)
    {
        b.ToTable("ColumnOneInclusions");
        b.Property(x => x.Column1).HasMaxLength(20);
        b.Property(x => x.Column2).HasMaxLength(8);
        b.Property(x => x.ExceptWith).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.Source).HasMaxLength(500);
        b.HasIndex(x => new { x.Column1, x.Column2 }).IsUnique();
    }
}

internal sealed class PhysicalStatusUnitRowConfiguration : IEntityTypeConfiguration<PhysicalStatusUnitRow>
{
    public void Configure(EntityTypeBuilder<PhysicalStatusUnitRow> b)
    {
        b.ToTable("PhysicalStatusUnits");
        b.Property(x => x.Payer).HasMaxLength(200);
        b.Property(x => x.PayerType).HasMaxLength(24);
        foreach (var p in new[] { "P1", "P2", "P3", "P4", "P5", "P6" })
        {
            b.Property<decimal>(p).HasPrecision(6, 2);
        }

        b.Property(x => x.Source).HasMaxLength(500);
        b.HasIndex(x => x.Payer).IsUnique();
    }
}

internal sealed class ViabilityAcknowledgmentConfiguration : IEntityTypeConfiguration<ViabilityAcknowledgment>
{
    public void Configure(EntityTypeBuilder<ViabilityAcknowledgment> b)
    {
        b.Property(x => x.Codes).HasMaxLength(400);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.Actor).HasMaxLength(256);
        b.HasOne<Denials.Denial>().WithMany().HasForeignKey(x => x.DenialId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.DenialId);
    }
}

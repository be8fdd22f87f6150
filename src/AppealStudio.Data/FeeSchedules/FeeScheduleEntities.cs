using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.FeeSchedules;

/// <summary>One fee-schedule file uploaded for a payer (Settings or <c>appealstudio fees import</c>).</summary>
public sealed class FeeScheduleUpload
{
    public int Id { get; set; }

    /// <summary>The payer as the 835 gives it: its name (N1*PR) or its payer id.</summary>
    public string Payer { get; set; } = "";

    /// <summary>The payer upper-cased (uploads of "Acme" and "ACME" are the same payer's).</summary>
    public string PayerKey { get; set; } = "";

    public string FileName { get; set; } = "";

    public int RateCount { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public string UploadedBy { get; set; } = "";

    /// <summary>When a later upload for the same payer replaced this one's rates.</summary>
    public DateTimeOffset? ReplacedAt { get; set; }
}

/// <summary>A contracted allowed amount per unit of one code (and modifier) for one payer, during a period.</summary>
public sealed class FeeScheduleRate
{
    public long Id { get; set; }

    public int UploadId { get; set; }

    /// <summary>The payer as uploaded (name or id).</summary>
    public string Payer { get; set; } = "";

    /// <summary>The payer upper-cased: uploads, lookups and deletions compare on it.</summary>
    public string PayerKey { get; set; } = "";

    public string Code { get; set; } = "";

    public string? Modifier { get; set; }

    public decimal Allowed { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>The line of the uploaded file, for messages.</summary>
    public int LineNumber { get; set; }
}

internal sealed class FeeScheduleUploadConfiguration : IEntityTypeConfiguration<FeeScheduleUpload>
{
    public void Configure(EntityTypeBuilder<FeeScheduleUpload> b)
    {
        b.Property(x => x.Payer).HasMaxLength(200);
        b.Property(x => x.PayerKey).HasMaxLength(200);
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
    }
}

internal sealed class FeeScheduleRateConfiguration : IEntityTypeConfiguration<FeeScheduleRate>
{
    public void Configure(EntityTypeBuilder<FeeScheduleRate> b)
    {
        b.Property(x => x.Payer).HasMaxLength(200);
        b.Property(x => x.PayerKey).HasMaxLength(200);
        b.Property(x => x.Code).HasMaxLength(8);
        b.Property(x => x.Modifier).HasMaxLength(4);
        b.Property(x => x.Allowed).HasPrecision(14, 2);
        b.HasOne<FeeScheduleUpload>().WithMany().HasForeignKey(x => x.UploadId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PayerKey, x.Code });
    }
}

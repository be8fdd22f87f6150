using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Lifecycle;

/// <summary>
/// A practice's row of the appeal-level table (Settings), laid after the shipped <c>appeal-levels.csv</c>: a level of a
/// payer program or of one payer, with its window, receipt presumption and amount-in-controversy threshold from a date.
/// </summary>
public sealed class AppealLevelRuleRow
{
    public int Id { get; set; }

    /// <summary>medicare | medicare-advantage | medicaid | commercial.</summary>
    public string PayerType { get; set; } = "";

    /// <summary>The payer's name as in Settings &gt; Payers; null for every payer of the type.</summary>
    public string? Payer { get; set; }

    /// <summary>first-level | second-level | external-review | council-review | judicial-review.</summary>
    public string Level { get; set; } = "";

    public int? WindowDays { get; set; }

    public int? ReceiptPresumptionDays { get; set; }

    public decimal? AmountInControversy { get; set; }

    public DateOnly? EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    public string Source { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

internal sealed class AppealLevelRuleRowConfiguration : IEntityTypeConfiguration<AppealLevelRuleRow>
{
    public void Configure(EntityTypeBuilder<AppealLevelRuleRow> b)
    {
        b.ToTable("AppealLevelRules");
        b.Property(x => x.PayerType).HasMaxLength(24);
        b.Property(x => x.Payer).HasMaxLength(200);
        b.Property(x => x.Level).HasMaxLength(32);
        b.Property(x => x.AmountInControversy).HasPrecision(14, 2);
        b.Property(x => x.Source).HasMaxLength(500);
    }
}

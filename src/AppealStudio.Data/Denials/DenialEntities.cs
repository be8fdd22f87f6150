using AppealStudio.Data.Remittances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Denials;

/// <summary>Where a denial is in its life. Stored as text; never rename a value.</summary>
public enum DenialStatus
{
    New,
    InProgress,
    AwaitingSignOff,
    Ready,
    Submitted,
    Decided,
    WrittenOff,
}

/// <summary>
/// One denied adjustment (or silent denial / underpayment) found in an imported 835, with its classification,
/// deadline and priority as computed at import (recomputed when an Admin overrides a rule or a payer window).
/// Codes are stored as the kebab-case texts of the core vocabularies (soft, appeal, medical-necessity ...).
/// </summary>
public sealed class Denial
{
    public long Id { get; set; }

    public long ClaimId { get; set; }

    public Claim Claim { get; set; } = default!;

    public long? ServiceLineId { get; set; }

    public ServiceLineRow? ServiceLine { get; set; }

    public long? AdjustmentId { get; set; }

    public AdjustmentRow? Adjustment { get; set; }

    /// <summary>coded | silent | underpayment.</summary>
    public string Kind { get; set; } = "coded";

    public string? GroupCode { get; set; }

    public string? ReasonCode { get; set; }

    public string? RemarkCodes { get; set; }

    public decimal Amount { get; set; }

    // Denormalised from the claim and payment so the worklist and reports filter without joins.
    public string PayerName { get; set; } = "";

    public string? PayerIdentifier { get; set; }

    public string? ProcedureCode { get; set; }

    public string? RenderingProviderNpi { get; set; }

    public DateOnly? ServiceDate { get; set; }

    public DateOnly? RemittanceDate { get; set; }

    public string Severity { get; set; } = "";

    public string Action { get; set; } = "";

    public string Category { get; set; } = "";

    public string RootCause { get; set; } = "";

    public string Owner { get; set; } = "";

    /// <summary>
    /// Who owes the amount (provider | patient | other-payer | payer, the core's <c>Liability</c> codes); null on a
    /// denial stored before liability was classified and not re-assessed since (a closed one).
    /// </summary>
    public string? Liability { get; set; }

    public string? Scenario { get; set; }

    /// <summary>The rule that classified it (or "override: ..." after a specialist's override).</summary>
    public string RuleId { get; set; } = "";

    public string Explanation { get; set; } = "";

    public string? OverrideReason { get; set; }

    public DateOnly? AppealDeadline { get; set; }

    public string? DeadlineBasis { get; set; }

    /// <summary>True when the payer was unknown and the configurable default window was used (shown as a flag).</summary>
    public bool DeadlineIsDefault { get; set; }

    public decimal Probability { get; set; }

    public decimal ExpectedRecovery { get; set; }

    public decimal PriorityScore { get; set; }

    public DenialStatus Status { get; set; }

    public string? AssigneeUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the status last changed (SLA clocks and "days to appeal" start from here).</summary>
    public DateTimeOffset? StatusChangedAt { get; set; }

    /// <summary>Set when a later 835 paid the claim again (the appeal recovered money).</summary>
    public decimal? RecoveredByRemittance { get; set; }

    /// <summary>full | partial: how much of the denied amount the later remittance recovered.</summary>
    public string? RecoveryKind { get; set; }

    /// <summary>The payment date of the remittance that recovered it.</summary>
    public DateOnly? RecoveredOn { get; set; }

    /// <summary>The import whose remittance recovered it.</summary>
    public long? RecoveredByImportId { get; set; }

    /// <summary>The claim (reprocessed, corrected, or paid on a later check) that recovered it.</summary>
    public long? RecoveredByClaimId { get; set; }

    /// <summary>The payer paid without an appeal on file (reprocessing, a corrected claim, a late check).</summary>
    public bool RecoveredWithoutAppeal { get; set; }

    /// <summary>Its import was voided: hidden from every query by the model's filter (ADR 0042).</summary>
    public bool Voided { get; set; }

    /// <summary>For an underpayment: what the payer should have paid (contracted allowed less the patient's share).</summary>
    public decimal? ExpectedAmount { get; set; }

    /// <summary>For an underpayment: what the payer paid on the line.</summary>
    public decimal? PaidAmount { get; set; }

    /// <summary>Optimistic concurrency: two people changing the same denial get a conflict, not a lost update.</summary>
    public int Version { get; set; }

    public List<DenialEvent> Events { get; set; } = [];
}

/// <summary>The status timeline and notes of a denial.</summary>
public sealed class DenialEvent
{
    public long Id { get; set; }

    public long DenialId { get; set; }

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    public string Actor { get; set; } = "";

    /// <summary>status | note | assign | override.</summary>
    public string Type { get; set; } = "";

    public string? FromStatus { get; set; }

    public string? ToStatus { get; set; }

    public string? Text { get; set; }
}

internal sealed class DenialConfiguration : IEntityTypeConfiguration<Denial>
{
    public const string WorklistCountsIndex = "IX_Denials_Worklist_Counts";

    /// <summary>Not voided and open (DenialViews.IsOpen), in SQL valid on SQLite and PostgreSQL.</summary>
    public const string OpenFilter = "NOT \"Voided\" AND \"Status\" NOT IN ('Submitted', 'Decided', 'WrittenOff')";

    public void Configure(EntityTypeBuilder<Denial> b)
    {
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.GroupCode).HasMaxLength(2);
        b.Property(x => x.ReasonCode).HasMaxLength(8);
        b.Property(x => x.RemarkCodes).HasMaxLength(200);
        b.Property(x => x.Amount).HasPrecision(14, 2);
        b.Property(x => x.PayerName).HasMaxLength(200);
        b.Property(x => x.PayerIdentifier).HasMaxLength(80);
        b.Property(x => x.ProcedureCode).HasMaxLength(48);
        b.Property(x => x.RenderingProviderNpi).HasMaxLength(20);
        b.Property(x => x.Severity).HasMaxLength(8);
        b.Property(x => x.Action).HasMaxLength(16);
        b.Property(x => x.Category).HasMaxLength(16);
        b.Property(x => x.RootCause).HasMaxLength(32);
        b.Property(x => x.Owner).HasMaxLength(16);
        b.Property(x => x.Liability).HasMaxLength(16);
        b.Property(x => x.Scenario).HasMaxLength(32);
        b.Property(x => x.RuleId).HasMaxLength(200);
        b.Property(x => x.Explanation).HasMaxLength(1000);
        b.Property(x => x.OverrideReason).HasMaxLength(1000);
        b.Property(x => x.DeadlineBasis).HasMaxLength(500);
        b.Property(x => x.Probability).HasPrecision(6, 4);
        b.Property(x => x.ExpectedRecovery).HasPrecision(14, 2);
        b.Property(x => x.PriorityScore).HasPrecision(14, 2);
        b.Property(x => x.RecoveredByRemittance).HasPrecision(14, 2);
        b.Property(x => x.ExpectedAmount).HasPrecision(14, 2);
        b.Property(x => x.RecoveryKind).HasMaxLength(8);
        b.Property(x => x.PaidAmount).HasPrecision(14, 2);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Claim).WithMany().HasForeignKey(x => x.ClaimId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.ServiceLine).WithMany().HasForeignKey(x => x.ServiceLineId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(x => x.Adjustment).WithMany().HasForeignKey(x => x.AdjustmentId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.DenialId).OnDelete(DeleteBehavior.Cascade);
        // The worklist's default order and its filters; reports group by payer and root cause.
        b.HasIndex(x => new { x.Status, x.PriorityScore });
        b.HasIndex(x => x.AppealDeadline);
        b.HasIndex(x => new { x.PayerName, x.RootCause });
        b.HasIndex(x => x.AssigneeUserId);
        b.HasIndex(x => x.RemittanceDate);
        // The worklist's view counts in one pass (ADR 0110): the open denials only, grouped by status in index order,
        // with every column a view's condition reads (Voided too: the query's own NOT "Voided" reads it even though the
        // filter implies it), so SQLite counts from this index alone. The filter repeats
        // DenialViews.IsOpen term for term (SQLite uses a partial index only then). The rows' order has its own
        // expression index, IX_Denials_Worklist_Order, created by the migration AddWorklistIndexes in SQL (EF cannot
        // model an index on expressions).
        b.HasIndex(x => new { x.Status, x.AppealDeadline, x.AssigneeUserId, x.Amount, x.Severity, x.Action, x.CreatedAt, x.Voided }, WorklistCountsIndex)
            .HasFilter(OpenFilter);
        b.HasQueryFilter(x => !x.Voided);
    }
}

internal sealed class DenialEventConfiguration : IEntityTypeConfiguration<DenialEvent>
{
    public void Configure(EntityTypeBuilder<DenialEvent> b)
    {
        b.Property(x => x.Actor).HasMaxLength(256);
        b.Property(x => x.Type).HasMaxLength(16);
        b.Property(x => x.FromStatus).HasMaxLength(20);
        b.Property(x => x.ToStatus).HasMaxLength(20);
        b.Property(x => x.Text).HasMaxLength(4000);
    }
}

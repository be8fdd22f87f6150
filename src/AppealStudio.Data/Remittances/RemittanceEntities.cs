using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Remittances;

public enum ImportStatus
{
    Completed,
    Failed,
}

/// <summary>One uploaded (or CLI-imported) 835 file and what came of it. Failed imports are kept for the history.</summary>
public sealed class RemittanceImport
{
    public long Id { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>SHA-256 of the file's bytes: the same file imported again is recognised at once.</summary>
    public string FileSha256 { get; set; } = "";

    public long SizeBytes { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public string? ImportedByUserId { get; set; }

    public string ImportedBy { get; set; } = "";

    public ImportStatus Status { get; set; }

    public int PaymentCount { get; set; }

    public int ClaimCount { get; set; }

    public int LineCount { get; set; }

    public int DenialCount { get; set; }

    public int SkippedClaimCount { get; set; }

    public decimal DeniedAmount { get; set; }

    /// <summary>For a failed import: where it broke and what to do, as the parser said it.</summary>
    public string? Error { get; set; }

    /// <summary>Warnings and skip notes, one per line (segment numbers, no patient data).</summary>
    public string? Warnings { get; set; }

    public int WarningCount { get; set; }

    /// <summary>When an Admin or Manager took the file back (its payments, claims and denials are hidden, not deleted).</summary>
    public DateTimeOffset? VoidedAt { get; set; }

    public string? VoidedBy { get; set; }

    public string? VoidReason { get; set; }

    /// <summary>When the retention job deleted the voided rows for good (the import record stays as history).</summary>
    public DateTimeOffset? PurgedAt { get; set; }
}

/// <summary>A payment (835 transaction): BPR, TRN, payer and payee.</summary>
public sealed class Payment
{
    public long Id { get; set; }

    public long ImportId { get; set; }

    public RemittanceImport Import { get; set; } = default!;

    public string? TraceNumber { get; set; }

    public string? PayerIdentifier { get; set; }

    public string PayerName { get; set; } = "";

    public string? PayeeName { get; set; }

    public string? PayeeNpi { get; set; }

    public string? PayeeTaxId { get; set; }

    public decimal? TotalPaid { get; set; }

    public string? PaymentMethod { get; set; }

    public DateOnly? PaymentDate { get; set; }

    public DateOnly? ProductionDate { get; set; }

    /// <summary>Everything else of the header (BPR, payer contacts and references) as JSON, for full fidelity.</summary>
    public string? DetailJson { get; set; }

    public List<Claim> Claims { get; set; } = [];

    public List<ProviderAdjustmentRow> ProviderAdjustments { get; set; } = [];

    /// <summary>Its import was voided: hidden from every query by the model's filter (see <see cref="RemittanceImport.VoidedAt"/>).</summary>
    public bool Voided { get; set; }
}

/// <summary>A claim payment (CLP loop) with its people, dates and claim-level adjustments.</summary>
public sealed class Claim
{
    public long Id { get; set; }

    public long PaymentId { get; set; }

    public Payment Payment { get; set; } = default!;

    /// <summary>The import that stored this claim (its payment may come from an earlier import of the same payment).</summary>
    public long ImportId { get; set; }

    public string PatientControlNumber { get; set; } = "";

    public string? PayerClaimNumber { get; set; }

    public string StatusCode { get; set; } = "";

    public decimal ChargeAmount { get; set; }

    public decimal PaidAmount { get; set; }

    public decimal? PatientResponsibility { get; set; }

    public string? FilingIndicator { get; set; }

    public string? FacilityTypeCode { get; set; }

    public string? FrequencyCode { get; set; }

    public string? PatientLastName { get; set; }

    public string? PatientFirstName { get; set; }

    public string? PatientMemberId { get; set; }

    public string? InsuredName { get; set; }

    public string? InsuredMemberId { get; set; }

    public string? RenderingProviderName { get; set; }

    public string? RenderingProviderNpi { get; set; }

    public DateOnly? StatementFrom { get; set; }

    public DateOnly? StatementTo { get; set; }

    public DateOnly? ReceivedDate { get; set; }

    /// <summary>MIA/MOA remark codes, comma-separated.</summary>
    public string? RemarkCodes { get; set; }

    public bool IsReversal { get; set; }

    /// <summary>For a reversal (CLP02 22): the corrected claim in the same payment that replaces it.</summary>
    public long? CorrectedByClaimId { get; set; }

    /// <summary>Remaining CLP/NM1/MIA/MOA/DTM/REF/AMT/QTY detail as JSON.</summary>
    public string? DetailJson { get; set; }

    public List<ServiceLineRow> Lines { get; set; } = [];

    public List<AdjustmentRow> Adjustments { get; set; } = [];

    /// <summary>Its import was voided: hidden from every query by the model's filter.</summary>
    public bool Voided { get; set; }

    public string PatientDisplayName =>
        string.Join(", ", new[] { PatientLastName, PatientFirstName }.Where(s => !string.IsNullOrEmpty(s)));
}

/// <summary>A service line (SVC loop).</summary>
public sealed class ServiceLineRow
{
    public long Id { get; set; }

    public long ClaimId { get; set; }

    public Claim Claim { get; set; } = default!;

    public int LineNumber { get; set; }

    public string? ProcedureQualifier { get; set; }

    public string ProcedureCode { get; set; } = "";

    /// <summary>Adjudicated modifiers, comma-separated in order.</summary>
    public string? Modifiers { get; set; }

    public decimal ChargeAmount { get; set; }

    public decimal PaidAmount { get; set; }

    public string? RevenueCode { get; set; }

    public decimal? Units { get; set; }

    public string? SubmittedProcedureCode { get; set; }

    public string? SubmittedModifiers { get; set; }

    public decimal? SubmittedUnits { get; set; }

    public DateOnly? ServiceDate { get; set; }

    public DateOnly? ServiceDateTo { get; set; }

    public decimal? AllowedAmount { get; set; }

    public string? LineControlNumber { get; set; }

    /// <summary>LQ remark codes, comma-separated.</summary>
    public string? RemarkCodes { get; set; }

    public string? DetailJson { get; set; }

    public List<AdjustmentRow> Adjustments { get; set; } = [];

    public IReadOnlyList<string> ModifierList => Split(Modifiers);

    internal static IReadOnlyList<string> Split(string? csv) =>
        string.IsNullOrEmpty(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One CAS triplet, on the claim (ServiceLineId null) or on a line.</summary>
public sealed class AdjustmentRow
{
    public long Id { get; set; }

    public long ClaimId { get; set; }

    public long? ServiceLineId { get; set; }

    public string GroupCode { get; set; } = "";

    public string ReasonCode { get; set; } = "";

    public decimal Amount { get; set; }

    public decimal? Quantity { get; set; }
}

/// <summary>One PLB reason/amount pair, linked to a claim when its reference names one.</summary>
public sealed class ProviderAdjustmentRow
{
    public long Id { get; set; }

    public long PaymentId { get; set; }

    public string? ProviderId { get; set; }

    public DateOnly? FiscalPeriodDate { get; set; }

    public string ReasonCode { get; set; } = "";

    public string? ReferenceId { get; set; }

    public decimal Amount { get; set; }

    public long? LinkedClaimId { get; set; }
}

internal sealed class RemittanceImportConfiguration : IEntityTypeConfiguration<RemittanceImport>
{
    public void Configure(EntityTypeBuilder<RemittanceImport> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.FileSha256).HasMaxLength(64);
        b.Property(x => x.ImportedBy).HasMaxLength(256);
        b.Property(x => x.DeniedAmount).HasPrecision(14, 2);
        b.Property(x => x.VoidedBy).HasMaxLength(256);
        b.Property(x => x.VoidReason).HasMaxLength(1000);
        b.HasIndex(x => x.FileSha256);
        b.HasIndex(x => x.ImportedAt);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Property(x => x.TraceNumber).HasMaxLength(80);
        b.Property(x => x.PayerIdentifier).HasMaxLength(80);
        b.Property(x => x.PayerName).HasMaxLength(200);
        b.Property(x => x.PayeeName).HasMaxLength(200);
        b.Property(x => x.TotalPaid).HasPrecision(14, 2);
        b.HasOne(x => x.Import).WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.ProviderAdjustments).WithOne().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PayerIdentifier, x.TraceNumber });
        // A voided import's rows leave every list, report and payer filter (ADR 0042); the purge job ignores the filter.
        b.HasQueryFilter(x => !x.Voided);
    }
}

internal sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> b)
    {
        b.Property(x => x.PatientControlNumber).HasMaxLength(80);
        b.Property(x => x.PayerClaimNumber).HasMaxLength(80);
        b.Property(x => x.StatusCode).HasMaxLength(4);
        b.Property(x => x.ChargeAmount).HasPrecision(14, 2);
        b.Property(x => x.PaidAmount).HasPrecision(14, 2);
        b.Property(x => x.PatientResponsibility).HasPrecision(14, 2);
        b.Property(x => x.RenderingProviderNpi).HasMaxLength(20);
        b.Property(x => x.PatientMemberId).HasMaxLength(80);
        b.Ignore(x => x.PatientDisplayName);
        b.HasOne(x => x.Payment).WithMany(p => p.Claims).HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Lines).WithOne(l => l.Claim).HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Adjustments).WithOne().HasForeignKey(a => a.ClaimId).OnDelete(DeleteBehavior.Cascade);
        // The duplicate check of an import looks claims up by patient control number (batch IN lists): that column
        // leads, or every batch would scan the whole table.
        b.HasIndex(x => new { x.PatientControlNumber, x.PayerClaimNumber, x.StatusCode });
        b.HasIndex(x => x.RenderingProviderNpi);
        b.HasIndex(x => x.ImportId);
        b.HasIndex(x => x.PatientMemberId);
        // Chart linking looks claims up by the identifiers a note carries (member id, account number above) and, for
        // name-only suggestions, by family name.
        b.HasIndex(x => x.PatientLastName);
        b.HasQueryFilter(x => !x.Voided);
    }
}

internal sealed class ServiceLineConfiguration : IEntityTypeConfiguration<ServiceLineRow>
{
    public void Configure(EntityTypeBuilder<ServiceLineRow> b)
    {
        b.ToTable("ServiceLines");
        b.Property(x => x.ProcedureCode).HasMaxLength(48);
        b.Property(x => x.Modifiers).HasMaxLength(32);
        b.Property(x => x.ChargeAmount).HasPrecision(14, 2);
        b.Property(x => x.PaidAmount).HasPrecision(14, 2);
        b.Property(x => x.AllowedAmount).HasPrecision(14, 2);
        b.Property(x => x.Units).HasPrecision(12, 3);
        b.Property(x => x.SubmittedUnits).HasPrecision(12, 3);
        b.Ignore(x => x.ModifierList);
        b.HasMany(x => x.Adjustments).WithOne().HasForeignKey(a => a.ServiceLineId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class AdjustmentConfiguration : IEntityTypeConfiguration<AdjustmentRow>
{
    public void Configure(EntityTypeBuilder<AdjustmentRow> b)
    {
        b.ToTable("Adjustments");
        b.Property(x => x.GroupCode).HasMaxLength(2);
        b.Property(x => x.ReasonCode).HasMaxLength(8);
        b.Property(x => x.Amount).HasPrecision(14, 2);
        b.Property(x => x.Quantity).HasPrecision(12, 3);
    }
}

internal sealed class ProviderAdjustmentConfiguration : IEntityTypeConfiguration<ProviderAdjustmentRow>
{
    public void Configure(EntityTypeBuilder<ProviderAdjustmentRow> b)
    {
        b.ToTable("ProviderAdjustments");
        b.Property(x => x.ReasonCode).HasMaxLength(8);
        b.Property(x => x.Amount).HasPrecision(14, 2);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Reports.Rollups;

/// <summary>
/// Which rollup tables a change makes stale: the denial rollups (by remittance month), the appeal rollup (by the
/// remittance month of the appealed denial) and the claim rollup (by 835 payment month). Stored as one letter.
/// </summary>
public static class RollupFamily
{
    public const string Denials = "D";
    public const string Appeals = "A";
    public const string Claims = "C";

    public static readonly IReadOnlyList<string> All = [Denials, Appeals, Claims];
}

/// <summary>
/// A month whose rollup rows no longer match the raw tables. Written only by the database triggers of
/// <see cref="RollupTriggers"/> (one INSERT OR IGNORE / ON CONFLICT DO NOTHING per changed row), deleted by the rebuild.
/// <see cref="Tx"/> is the writing transaction on PostgreSQL (0 on SQLite): a writer still in flight while a rebuild
/// runs keeps its own marker, so the month stays stale until a rebuild can see the writer's rows.
/// </summary>
public sealed class RollupStaleMonth
{
    public string Family { get; set; } = "";

    public DateOnly Month { get; set; }

    public long Tx { get; set; }
}

/// <summary>A month whose rollup rows of one family exist (fresh unless a <see cref="RollupStaleMonth"/> says otherwise).</summary>
public sealed class RollupBuiltMonth
{
    public string Family { get; set; } = "";

    public DateOnly Month { get; set; }

    public DateTimeOffset BuiltAt { get; set; }
}

/// <summary>
/// Denials of one remittance month per payer × specialty × root cause × owner role: denial totals, write-offs,
/// denials per month and the upstream causes by owner and payer (about 600 rows a month on the benchmark).
/// </summary>
public sealed class DenialRollup
{
    public long Id { get; set; }

    public DateOnly Month { get; set; }

    public string PayerName { get; set; } = "";

    public Core.Analytics.Specialty Specialty { get; set; }

    public string RootCause { get; set; } = "";

    public string Owner { get; set; } = "";

    public int Count { get; set; }

    public decimal Amount { get; set; }

    public int WrittenOff { get; set; }

    public decimal WrittenOffAmount { get; set; }
}

/// <summary>
/// The same sums also per rendering provider, for a provider filter and the upstream causes by provider: the
/// providers multiply the rows (about 9,000 a month on the benchmark), so the other queries read <see cref="DenialRollup"/>.
/// </summary>
public sealed class DenialProviderRollup
{
    public long Id { get; set; }

    public DateOnly Month { get; set; }

    public string PayerName { get; set; } = "";

    public string? RenderingProviderNpi { get; set; }

    public Core.Analytics.Specialty Specialty { get; set; }

    public string RootCause { get; set; } = "";

    public string Owner { get; set; } = "";

    public int Count { get; set; }

    public decimal Amount { get; set; }

    public int WrittenOff { get; set; }

    public decimal WrittenOffAmount { get; set; }
}

/// <summary>
/// Denials of one remittance month per payer × specialty × root cause × procedure code: the upstream causes by
/// procedure. No provider column (it would multiply the rows by the providers); a provider filter reads raw rows.
/// </summary>
public sealed class DenialProcedureRollup
{
    public long Id { get; set; }

    public DateOnly Month { get; set; }

    public string PayerName { get; set; } = "";

    public Core.Analytics.Specialty Specialty { get; set; }

    public string RootCause { get; set; } = "";

    public string? ProcedureCode { get; set; }

    public int Count { get; set; }

    public decimal Amount { get; set; }
}

/// <summary>
/// Submitted or decided appeals of the denials of one remittance month, per payer × specialty × decision and one
/// win-rate key (<see cref="Dimension"/>: root cause, CARC, scenario or template; every appeal is counted once per
/// dimension). The sums cover the win rates and the appeal KPIs (days to appeal and to decision).
/// </summary>
public sealed class AppealRollup
{
    public long Id { get; set; }

    public DateOnly Month { get; set; }

    public WinRateDimension Dimension { get; set; }

    public string PayerName { get; set; } = "";

    public Core.Analytics.Specialty Specialty { get; set; }

    public string Key { get; set; } = "";

    public string? Decision { get; set; }

    public int Count { get; set; }

    /// <summary>Sum of the denied amounts.</summary>
    public decimal Amount { get; set; }

    /// <summary>Sum of AmountRecovered (null counted as 0).</summary>
    public decimal Recovered { get; set; }

    public int Submitted { get; set; }

    public long DaysToAppeal { get; set; }

    public int DecidedWithDates { get; set; }

    public long DaysToDecision { get; set; }
}

/// <summary>
/// Claims adjudicated in one payment month (reversals excluded) per payer × provider × specialties of the lines ×
/// denied or not: the initial denial rate. <see cref="Specialties"/> is a bit set (bit n = a line in the ranges of
/// <c>Specialty</c> n), since a claim's lines can name several specialties; 0 is "other".
/// </summary>
public sealed class ClaimRollup
{
    public long Id { get; set; }

    public DateOnly Month { get; set; }

    public string PayerName { get; set; } = "";

    public string? RenderingProviderNpi { get; set; }

    public int Specialties { get; set; }

    public bool Denied { get; set; }

    public int Count { get; set; }

    public decimal Charges { get; set; }
}

/// <summary>
/// The claim rollup by payment day instead of month, without the provider (ADR 95): the days of a closed month that a
/// report range cuts (its first and last partial months) come from here instead of the raw claims, which on PostgreSQL
/// cost a scan of every claim per range. Same family and month staleness as <see cref="ClaimRollup"/>: both are
/// rebuilt together, one month at a time. A provider filter reads those days raw (a provider column would multiply
/// the rows sixtyfold).
/// </summary>
public sealed class ClaimDayRollup
{
    public long Id { get; set; }

    /// <summary>The payment day (835 BPR16).</summary>
    public DateOnly Day { get; set; }

    public string PayerName { get; set; } = "";

    public int Specialties { get; set; }

    public bool Denied { get; set; }

    public int Count { get; set; }

    public decimal Charges { get; set; }
}

internal sealed class RollupStaleMonthConfiguration : IEntityTypeConfiguration<RollupStaleMonth>
{
    public void Configure(EntityTypeBuilder<RollupStaleMonth> b)
    {
        b.ToTable("ReportRollupStale");
        b.HasKey(x => new { x.Family, x.Month, x.Tx });
        b.Property(x => x.Family).HasMaxLength(1);
    }
}

internal sealed class RollupBuiltMonthConfiguration : IEntityTypeConfiguration<RollupBuiltMonth>
{
    public void Configure(EntityTypeBuilder<RollupBuiltMonth> b)
    {
        b.ToTable("ReportRollupMonths");
        b.HasKey(x => new { x.Family, x.Month });
        b.Property(x => x.Family).HasMaxLength(1);
    }
}

// The rollup indexes hold every column, month first: SQLite reads a month range from the index alone instead of one
// table lookup per row (half the cost of the 18-month queries).
internal sealed class DenialRollupConfiguration : IEntityTypeConfiguration<DenialRollup>
{
    public void Configure(EntityTypeBuilder<DenialRollup> b)
    {
        b.ToTable("ReportDenialRollups");
        b.Property(x => x.PayerName).HasMaxLength(200);
        b.Property(x => x.RootCause).HasMaxLength(32);
        b.Property(x => x.Owner).HasMaxLength(16);
        b.Property(x => x.Amount).HasPrecision(16, 2);
        b.Property(x => x.WrittenOffAmount).HasPrecision(16, 2);
        b.HasIndex(x => new { x.Month, x.PayerName, x.Specialty, x.RootCause, x.Owner, x.Count, x.Amount, x.WrittenOff, x.WrittenOffAmount })
            .HasDatabaseName("IX_ReportDenialRollups_Covering");
    }
}

internal sealed class DenialProviderRollupConfiguration : IEntityTypeConfiguration<DenialProviderRollup>
{
    public void Configure(EntityTypeBuilder<DenialProviderRollup> b)
    {
        b.ToTable("ReportDenialProviderRollups");
        b.Property(x => x.PayerName).HasMaxLength(200);
        b.Property(x => x.RenderingProviderNpi).HasMaxLength(20);
        b.Property(x => x.RootCause).HasMaxLength(32);
        b.Property(x => x.Owner).HasMaxLength(16);
        b.Property(x => x.Amount).HasPrecision(16, 2);
        b.Property(x => x.WrittenOffAmount).HasPrecision(16, 2);
        b.HasIndex(x => new
        {
            x.Month, x.PayerName, x.Specialty, x.RootCause, x.RenderingProviderNpi, x.Owner, x.Count, x.Amount, x.WrittenOff, x.WrittenOffAmount,
        }).HasDatabaseName("IX_ReportDenialProviderRollups_Covering");

        // A provider filter: that provider's few rows.
        b.HasIndex(x => new { x.RenderingProviderNpi, x.Month });
    }
}

internal sealed class DenialProcedureRollupConfiguration : IEntityTypeConfiguration<DenialProcedureRollup>
{
    public void Configure(EntityTypeBuilder<DenialProcedureRollup> b)
    {
        b.ToTable("ReportDenialProcedureRollups");
        b.Property(x => x.PayerName).HasMaxLength(200);
        b.Property(x => x.RootCause).HasMaxLength(32);
        b.Property(x => x.ProcedureCode).HasMaxLength(48);
        b.Property(x => x.Amount).HasPrecision(16, 2);
        b.HasIndex(x => new { x.Month, x.PayerName, x.Specialty, x.RootCause, x.ProcedureCode, x.Count, x.Amount })
            .HasDatabaseName("IX_ReportDenialProcedureRollups_Covering");
    }
}

internal sealed class AppealRollupConfiguration : IEntityTypeConfiguration<AppealRollup>
{
    public void Configure(EntityTypeBuilder<AppealRollup> b)
    {
        b.ToTable("ReportAppealRollups");
        b.Property(x => x.PayerName).HasMaxLength(200);
        // Key: no length limit, it holds template ids, CARC keys, root causes and scenarios as the denials spell them.
        b.Property(x => x.Decision).HasMaxLength(32);
        b.Property(x => x.Amount).HasPrecision(16, 2);
        b.Property(x => x.Recovered).HasPrecision(16, 2);
        b.HasIndex(x => new { x.Dimension, x.Month, x.PayerName });
    }
}

internal sealed class ClaimRollupConfiguration : IEntityTypeConfiguration<ClaimRollup>
{
    public void Configure(EntityTypeBuilder<ClaimRollup> b)
    {
        b.ToTable("ReportClaimRollups");
        b.Property(x => x.PayerName).HasMaxLength(200);
        b.Property(x => x.RenderingProviderNpi).HasMaxLength(20);
        b.Property(x => x.Charges).HasPrecision(16, 2);
        b.HasIndex(x => new { x.Month, x.PayerName });
    }
}

internal sealed class ClaimDayRollupConfiguration : IEntityTypeConfiguration<ClaimDayRollup>
{
    public void Configure(EntityTypeBuilder<ClaimDayRollup> b)
    {
        b.ToTable("ReportClaimDayRollups");
        b.Property(x => x.PayerName).HasMaxLength(200);
        b.Property(x => x.Charges).HasPrecision(16, 2);

        // Day first and every column: a range of days is read from the index alone.
        b.HasIndex(x => new { x.Day, x.PayerName, x.Specialties, x.Denied, x.Count, x.Charges })
            .HasDatabaseName("IX_ReportClaimDayRollups_Covering");
    }
}

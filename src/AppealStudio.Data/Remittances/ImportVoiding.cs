using System.Globalization;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Reports.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Data.Remittances;

/// <summary>A voided import as the Imports page lists it.</summary>
public sealed record VoidedImport(long ImportId, string FileName, DateTimeOffset ImportedAt, DateTimeOffset VoidedAt, string VoidedBy, string? Reason,
    DateTimeOffset PurgeAfter, DateTimeOffset? PurgedAt);

/// <summary>
/// Taking a file back (issue 13): an Admin or Manager voids an import (a test file, another practice's file), with a
/// reason. Its payments, claims and denials are flagged and the model's query filters hide them from every list,
/// report and payer filter; nothing is deleted until <see cref="PurgeAsync"/> (the retention job) removes voided
/// imports older than <c>Imports:VoidRetentionDays</c>. A void can be undone until then. A denial with an appeal in
/// progress blocks the void, and the refusal names it. Every step is audited. ADR 0042.
/// </summary>
public sealed class ImportVoiding(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock, IConfiguration configuration)
{
    public const int MaxReasonLength = 1000;
    public const int DefaultRetentionDays = 30;

    /// <summary>Days a voided import is kept before the retention job deletes it (<c>Imports:VoidRetentionDays</c>, 1-3650).</summary>
    public int RetentionDays
    {
        get
        {
            var days = configuration.GetValue("Imports:VoidRetentionDays", DefaultRetentionDays);
            return days is >= 1 and <= 3650
                ? days
                : throw new InvalidOperationException($"Imports:VoidRetentionDays is {days.ToString(CultureInfo.InvariantCulture)}; use 1 to 3650 days.");
        }
    }

    public async Task<IReadOnlyList<VoidedImport>> VoidedAsync(CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Voided imports");
        var retention = TimeSpan.FromDays(RetentionDays);
        var rows = await db.RemittanceImports.AsNoTracking().Where(i => i.VoidedAt != null).OrderByDescending(i => i.Id).ToListAsync(cancellationToken);
        return rows.Select(i => new VoidedImport(i.Id, i.FileName, i.ImportedAt, i.VoidedAt!.Value, i.VoidedBy ?? "", i.VoidReason,
            i.VoidedAt.Value + retention, i.PurgedAt)).ToList();
    }

    public async Task<LifecycleResult> VoidAsync(long importId, string? reason, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Voiding an import");
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is null)
        {
            return LifecycleResult.Fail("Say why the import is voided (a test file, another practice's file ...).");
        }

        if (reason.Length > MaxReasonLength)
        {
            return LifecycleResult.Fail($"Keep the reason under {MaxReasonLength.ToString(CultureInfo.InvariantCulture)} characters.");
        }

        var import = await db.RemittanceImports.FirstOrDefaultAsync(i => i.Id == importId, cancellationToken);
        if (import is null)
        {
            return LifecycleResult.Missing("This import does not exist.");
        }

        if (import.VoidedAt is not null)
        {
            return LifecycleResult.Fail($"Import {Id(importId)} is already voided.");
        }

        if (import.Status != ImportStatus.Completed)
        {
            return LifecycleResult.Fail("A failed import saved nothing: there is nothing to void.");
        }

        var blocking = await db.Appeals.AsNoTracking()
            .Where(a => a.Status != AppealStatus.Decided && a.Denial.Claim.ImportId == importId)
            .Select(a => new { a.DenialId, a.Status, a.Denial.Claim.PatientControlNumber })
            .OrderBy(a => a.DenialId).Take(20).ToListAsync(cancellationToken);
        if (blocking.Count > 0)
        {
            var which = string.Join("; ", blocking.Select(b => $"denial {Id(b.DenialId)} (claim {b.PatientControlNumber}, appeal {b.Status.ToString().ToLowerInvariant()})"));
            return LifecycleResult.Fail($"Appeals are in progress on denials of this import: {which}. Withdraw or finish them before voiding it.");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var counts = await SetVoidedAsync(importId, true, cancellationToken);
        import.VoidedAt = now;
        import.VoidedBy = Truncate(actor.Name, 256);
        import.VoidReason = reason;
        audit.Add("remit.void", nameof(RemittanceImport), Id(importId), $"denials={Id(counts.Denials)} claims={Id(counts.Claims)} payments={Id(counts.Payments)}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return LifecycleResult.Ok(
            $"Import {Id(importId)} ({import.FileName}) is voided: {Id(counts.Denials)} denial(s), {Id(counts.Claims)} claim(s) and {Id(counts.Payments)} payment(s) " +
            $"left every list and report. It can be undone until it is purged, {RetentionDays.ToString(CultureInfo.InvariantCulture)} days from now.", importId);
    }

    /// <summary>Brings a voided import back, unless it was purged or its claims were imported again since.</summary>
    public async Task<LifecycleResult> UndoAsync(long importId, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Undoing a void");
        var import = await db.RemittanceImports.FirstOrDefaultAsync(i => i.Id == importId, cancellationToken);
        if (import is null)
        {
            return LifecycleResult.Missing("This import does not exist.");
        }

        if (import.VoidedAt is null)
        {
            return LifecycleResult.Fail($"Import {Id(importId)} is not voided.");
        }

        if (import.PurgedAt is not null)
        {
            return LifecycleResult.Fail($"Import {Id(importId)} was purged on {import.PurgedAt.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: import the file again instead.");
        }

        // The same claims imported again after the void would be there twice.
        var again = await db.Claims.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.ImportId == importId)
            .Join(db.Claims, v => new { v.PatientControlNumber, v.PayerClaimNumber, v.StatusCode }, c => new { c.PatientControlNumber, c.PayerClaimNumber, c.StatusCode },
                (v, c) => new { c.ImportId, c.Voided, Same = v.Payment.TraceNumber == c.Payment.TraceNumber && v.Payment.PayerName == c.Payment.PayerName })
            .Where(x => x.Same && !x.Voided && x.ImportId != importId)
            .Select(x => x.ImportId).Distinct().Take(5).ToListAsync(cancellationToken);
        if (again.Count > 0)
        {
            return LifecycleResult.Fail($"Claims of this import were imported again by import {string.Join(", ", again.Select(Id))}: void that import first, or keep this one voided.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var counts = await SetVoidedAsync(importId, false, cancellationToken);
        import.VoidedAt = null;
        import.VoidedBy = null;
        import.VoidReason = null;
        audit.Add("remit.void-undone", nameof(RemittanceImport), Id(importId), $"denials={Id(counts.Denials)} claims={Id(counts.Claims)}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return LifecycleResult.Ok($"Import {Id(importId)} ({import.FileName}) is back: {Id(counts.Denials)} denial(s) and {Id(counts.Claims)} claim(s).", importId);
    }

    /// <summary>
    /// The retention job: deletes the payments, claims (with their lines and adjustments) and denials (with their
    /// events and decided appeals) of imports voided more than <see cref="RetentionDays"/> ago; the import records stay,
    /// marked purged. The report rollups' triggers mark the months stale as the rows go.
    /// </summary>
    public async Task<int> PurgeAsync(string actorName, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().AddDays(-RetentionDays);
        var due = await db.RemittanceImports.Where(i => i.VoidedAt != null && i.VoidedAt < cutoff && i.PurgedAt == null)
            .OrderBy(i => i.Id).ToListAsync(cancellationToken);
        foreach (var import in due)
        {
            var id = import.Id;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var denials = await db.Denials.IgnoreQueryFilters().Where(d => d.Voided && d.Claim.ImportId == id).ExecuteDeleteAsync(cancellationToken);
            var claims = await db.Claims.IgnoreQueryFilters().Where(c => c.Voided && c.ImportId == id).ExecuteDeleteAsync(cancellationToken);
            var payments = await db.Payments.IgnoreQueryFilters()
                .Where(p => p.Voided && p.ImportId == id && !db.Claims.IgnoreQueryFilters().Any(c => c.PaymentId == p.Id))
                .ExecuteDeleteAsync(cancellationToken);
            import.PurgedAt = clock.GetUtcNow();
            await audit.RecordAsAsync(null, actorName, "remit.purge", nameof(RemittanceImport), Id(id),
                $"denials={Id(denials)} claims={Id(claims)} payments={Id(payments)}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return due.Count;
    }

    private async Task<(int Denials, int Claims, int Payments)> SetVoidedAsync(long importId, bool voided, CancellationToken cancellationToken)
    {
        var denials = await db.Denials.IgnoreQueryFilters().Where(d => d.Claim.ImportId == importId && d.Voided != voided)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Voided, voided), cancellationToken);
        var claims = await db.Claims.IgnoreQueryFilters().Where(c => c.ImportId == importId && c.Voided != voided)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Voided, voided), cancellationToken);
        // A payment this import created may also carry claims a later file added to it (the same payment sent again
        // with more claims): it stays visible while such claims are.
        var payments = await db.Payments.IgnoreQueryFilters()
            .Where(p => p.ImportId == importId && p.Voided != voided
                        && (!voided || !db.Claims.Any(c => c.PaymentId == p.Id && c.ImportId != importId && !c.Voided)))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Voided, voided), cancellationToken);
        await MarkReportMonthsStaleAsync(importId, cancellationToken);
        return (denials, claims, payments);
    }

    /// <summary>
    /// The report rollups of the months the import touches must be rebuilt: the flag is not a column the rollup
    /// triggers watch (they fire on the rows' own dimensions), so the months are marked here, in the same transaction.
    /// </summary>
    private async Task MarkReportMonthsStaleAsync(long importId, CancellationToken cancellationToken)
    {
        var denialDays = await db.Denials.IgnoreQueryFilters().Where(d => d.Claim.ImportId == importId && d.RemittanceDate != null)
            .Select(d => d.RemittanceDate!.Value).Distinct().ToListAsync(cancellationToken);
        var paymentDays = await db.Claims.IgnoreQueryFilters().Where(c => c.ImportId == importId && c.Payment.PaymentDate != null)
            .Select(c => c.Payment.PaymentDate!.Value).Distinct().ToListAsync(cancellationToken);
        var marks = denialDays.Select(Month).Distinct().SelectMany(m => new[] { (RollupFamily.Denials, m), (RollupFamily.Appeals, m) })
            .Concat(paymentDays.Select(Month).Distinct().Select(m => (RollupFamily.Claims, m)))
            .ToList();
        var sqlite = db.Database.IsSqlite();
        foreach (var (family, month) in marks)
        {
            // Tx 0: the marker becomes visible with this transaction's commit, and a rebuild after it sees the flags.
            if (sqlite)
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT OR IGNORE INTO \"ReportRollupStale\" (\"Family\", \"Month\", \"Tx\") VALUES ({family}, {month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, 0)",
                    cancellationToken);
            }
            else
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"ReportRollupStale\" (\"Family\", \"Month\", \"Tx\") VALUES ({family}, {month}, 0) ON CONFLICT DO NOTHING",
                    cancellationToken);
            }
        }
    }

    private static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using AppealStudio.Data.Remittances;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AppealStudio.Data;

/// <summary>The one EF Core model. No repositories on top (jasontaylordev ADR-001): features query it directly.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<RemittanceImport> RemittanceImports => Set<RemittanceImport>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Claim> Claims => Set<Claim>();

    public DbSet<ServiceLineRow> ServiceLines => Set<ServiceLineRow>();

    public DbSet<AdjustmentRow> Adjustments => Set<AdjustmentRow>();

    public DbSet<ProviderAdjustmentRow> ProviderAdjustments => Set<ProviderAdjustmentRow>();

    public DbSet<Denial> Denials => Set<Denial>();

    public DbSet<DenialEvent> DenialEvents => Set<DenialEvent>();

    public DbSet<PayerSetting> PayerSettings => Set<PayerSetting>();

    public DbSet<ClassificationOverride> ClassificationOverrides => Set<ClassificationOverride>();

    public DbSet<SystemSetting> SystemSettings => Set<SystemSetting>();

    public DbSet<PracticeProfile> PracticeProfiles => Set<PracticeProfile>();

    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();

    public DbSet<PayerAppealAddress> PayerAppealAddresses => Set<PayerAppealAddress>();

    public DbSet<ProviderDirectoryEntry> Providers => Set<ProviderDirectoryEntry>();

    public DbSet<ChartLinkConfirmation> ChartLinkConfirmations => Set<ChartLinkConfirmation>();

    public DbSet<ChartDocument> ChartDocuments => Set<ChartDocument>();

    public DbSet<Appeal> Appeals => Set<Appeal>();

    public DbSet<LetterRevision> LetterRevisions => Set<LetterRevision>();

    public DbSet<AppealExcerpt> AppealExcerpts => Set<AppealExcerpt>();

    public DbSet<AppealAttachment> AppealAttachments => Set<AppealAttachment>();

    public DbSet<Reports.Rollups.DenialRollup> ReportDenialRollups => Set<Reports.Rollups.DenialRollup>();

    public DbSet<Viability.NcciEditFile> NcciEditFiles => Set<Viability.NcciEditFile>();

    public DbSet<Viability.NcciEdit> NcciEdits => Set<Viability.NcciEdit>();

    public DbSet<Viability.ColumnOneInclusionRow> ColumnOneInclusionRows => Set<Viability.ColumnOneInclusionRow>();

    public DbSet<Viability.PhysicalStatusUnitRow> PhysicalStatusUnitRows => Set<Viability.PhysicalStatusUnitRow>();

    public DbSet<Viability.ViabilityAcknowledgment> ViabilityAcknowledgments => Set<Viability.ViabilityAcknowledgment>();

    public DbSet<FeeSchedules.FeeScheduleUpload> FeeScheduleUploads => Set<FeeSchedules.FeeScheduleUpload>();

    public DbSet<FeeSchedules.FeeScheduleRate> FeeScheduleRates => Set<FeeSchedules.FeeScheduleRate>();

    public DbSet<Assignment.OwnerRoleMember> OwnerRoleMembers => Set<Assignment.OwnerRoleMember>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    public DbSet<Scheduling.ScheduledJobRun> ScheduledJobRuns => Set<Scheduling.ScheduledJobRun>();

    public DbSet<Lifecycle.AppealLevelRuleRow> AppealLevelRules => Set<Lifecycle.AppealLevelRuleRow>();

    public DbSet<BreakGlass.BreakGlassGrant> BreakGlassGrants => Set<BreakGlass.BreakGlassGrant>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // The key ring's XML was required before the framework's entity took over the table; keeping it so avoids a
        // table rebuild on SQLite.
        builder.Entity<DataProtectionKey>().Property(k => k.Xml).IsRequired();
        Reports.ReportIndexes.Apply(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time-with-offset type, and EF cannot compare or order such TEXT columns; stored as
        // 64-bit numbers they sort and filter in SQL. All timestamps here are UTC, so the order is the time order.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();

            // SQLite stores decimal as TEXT and EF cannot sum, compare or order such columns in SQL. Money and
            // units are kept as exact integers of ten-thousandths instead, so reports aggregate in the database.
            configurationBuilder.Properties<decimal>().HaveConversion<DecimalToTenThousandthsConverter>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        // The chain lock and hash live on the async path only; the few synchronous callers wait on it (no
        // synchronization context in ASP.NET Core or the CLI, so this cannot deadlock).
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves, putting any new audit rows on the hash chain in the same transaction (AuditChain.SealAsync): every
    /// audit row, whether added to a unit of work or appended in a batch by <see cref="AuditAppender"/>, goes through here.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditTrail();
        // Chart text and attachments reach the database sealed (ADR 0080).
        Protection.FieldEncryption.SealChanges(ChangeTracker, Protection.FieldEncryption.CipherOf(this.GetService<IDbContextOptions>()));
        var pending = ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            await AuditChain.SealAsync(this, pending, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await AuditChain.SealAsync(this, pending, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    // The audit trail is evidence: once written, no code path of the app may rewrite or delete it.
    private void GuardAuditTrail()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEvent>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit events are append-only and cannot be changed or deleted.");
            }
        }
    }
}

/// <summary>decimal &lt;-&gt; long of ten-thousandths, exact for money (2 places) and units (up to 4 places).</summary>
internal sealed class DecimalToTenThousandthsConverter()
    : ValueConverter<decimal, long>(v => (long)decimal.Round(v * 10000m, 0, MidpointRounding.AwayFromZero), v => v / 10000m);

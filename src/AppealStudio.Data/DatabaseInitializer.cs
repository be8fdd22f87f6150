using AppealStudio.Core.Denials;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AppealStudio.Data;

/// <summary>
/// Brings the database to the current schema, makes sure the four roles exist, and re-assesses the open denials when
/// the shipped classification rules changed since they were last assessed (<see cref="ClassificationUpgrade"/>).
/// </summary>
public sealed class DatabaseInitializer(AppDbContext db, RoleManager<IdentityRole> roles, TimeProvider clock, ClassificationUpgrade upgrade,
    DatabaseOptions options, Protection.ProtectedDataMigration protection, IOptions<KeyManagementOptions> keyManagement)
{
    /// <summary>What the last <see cref="MigrateAsync"/> did to stored denials (null before it ran).</summary>
    public UpgradeResult? Upgrade { get; private set; }

    /// <summary>What the one-time encryption of existing rows did (null when it had run before).</summary>
    public Protection.ProtectedDataResult? Encrypted { get; private set; }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (options.OwnerConnectionString is null)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            // Two logins (ADR 0060): the owner migrates, then grants the runtime login everything but rewriting the audit.
            await using var owner = new AppDbContext(options.OwnerOptions());
            await owner.Database.MigrateAsync(cancellationToken);
            var runtimeRole = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString).Username
                ?? throw new InvalidOperationException("Database:ConnectionString names no Username; the runtime login must be named when Database:OwnerConnectionString is set.");
            await owner.Database.ExecuteSqlRawAsync(Audit.AuditProtection.PostgresRuntimeGrants(runtimeRole), cancellationToken);
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: " +
                        string.Join("; ", result.Errors.Select(e => e.Description)));
                }
            }
        }

        // The shipped payer windows become the practice's editable settings on first start.
        if (!await db.PayerSettings.AnyAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            db.PayerSettings.AddRange(PayerDirectory.Default.Rules.Select(r => DenialRules.ToSetting(r, now)));
            await db.SaveChangesAsync(cancellationToken);
        }

        // Notes stored before the family-name key existed get it, so name suggestions find them through the index.
        await Charts.ChartStore.BackfillNameKeysAsync(db, cancellationToken);

        // Rows written before encryption are sealed once (ADR 0080), and Data Protection keys written before the key
        // ring was protected get their secret encrypted in place, so the cookies they signed stay valid (ADR 0081).
        Encrypted = await protection.EncryptExistingOnceAsync(cancellationToken);
        await Protection.KeyRingProtection.ProtectStoredKeysAsync(db,
            () => keyManagement.Value.XmlEncryptor ?? throw new InvalidOperationException("No XML encryptor is configured for the Data Protection keys."),
            cancellationToken);

        // After the payer rows exist: the reassessment resolves every denial's payer through them.
        Upgrade = await upgrade.ApplyAsync(cancellationToken);
    }

    /// <summary>True before anyone has been created: the signal for first-run demo seeding.</summary>
    public async Task<bool> HasNoUsersAsync(CancellationToken cancellationToken = default) =>
        !await db.Users.AnyAsync(cancellationToken);
}

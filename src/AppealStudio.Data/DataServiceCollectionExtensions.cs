using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Protection;
using AppealStudio.Data.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppealStudio.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The database, the audit trail, data-protection keys and the shared use cases.</summary>
    public static IServiceCollection AddAppealStudioData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = DatabaseOptions.From(configuration);
        services.AddSingleton(options);
        // The factory also registers AppDbContext as a scoped service. Razor components that load data while a parent
        // or sibling component is loading too must create their own context from the factory: one DbContext must
        // never run two queries at once (PostgreSQL reports it; SQLite merely hides it).
        // Every context the app makes seals and opens chart text and attachments with the key kept outside the database
        // (ADR 0080); the key is loaded on first use, and created in the data folder only outside Production.
        services.AddSingleton(sp => new Protection.FieldCipher(() => Protection.FieldKeys.Load(configuration, options.DataDirectory,
            mayCreate: sp.GetService<IHostEnvironment>() is { } environment && !environment.IsProduction())));
        services.AddDbContextFactory<AppDbContext>((sp, b) =>
        {
            options.Configure(b);
            b.UseFieldEncryption(sp.GetRequiredService<Protection.FieldCipher>());
        });
        services.TryAddSingleton(TimeProvider.System);

        // Keys live in the database so sign-in cookies survive restarts and every instance reads every other's.
        services.AddDataProtection().SetApplicationName("AppealStudio").PersistKeysToDbContext<AppDbContext>();
        // ... encrypted with a certificate kept outside the database (ADR 0081), so a copy of the database cannot forge
        // a sign-in cookie. As ProtectKeysWithCertificate does, but the certificate is loaded when the key ring is first
        // used, so commands that never touch it need none.
        services.AddSingleton(sp => new Lazy<KeyRingCertificates>(() => KeyRingCertificates.Load(configuration, options.DataDirectory,
            mayCreate: sp.GetService<IHostEnvironment>() is { } environment && !environment.IsProduction())));
        services.AddOptions<KeyManagementOptions>().Configure<Lazy<KeyRingCertificates>, ILoggerFactory>((o, certificates, logs) =>
            o.XmlEncryptor = new CertificateXmlEncryptor(certificates.Value.Current, logs));
        services.AddSingleton<Operations.IBackupStreamTransform, BackupEncryption>();
        services.AddScoped<ProtectedDataMigration>();

        services.AddSingleton<ImportSlots>();
        services.AddScoped<AuditLog>();
        services.AddSingleton(AuditOptions.From(configuration));
        services.AddSingleton<AuditAppender>();
        services.AddScoped<AuditRetention>();
        services.AddScoped<AuditArchive>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserPreferences>();
        services.AddScoped<SignedInUsers>();
        services.AddSingleton<Practice.PracticeContext>();
        services.AddScoped<Denials.DenialRules>();
        services.AddScoped<Practice.DenialReassessment>();
        services.AddScoped<Practice.ClassificationUpgrade>();
        services.AddScoped<Remittances.RemittanceImporter>();
        services.AddScoped<Charts.ChartStore>();
        services.AddScoped<Charts.ChartLinkReview>();
        services.AddScoped<Appeals.SignOffService>();
        services.AddScoped<Remittances.RemittanceUploads>();
        services.AddScoped<Remittances.ImportHistory>();
        services.AddScoped<Charts.ChartDocuments>();
        services.AddScoped<Practice.PayerAppealDirectory>();
        services.AddScoped<Practice.ProviderDirectoryAdministration>();
        services.AddScoped<Denials.DenialBilledFacts>();
        Lifecycle.LifecycleServiceCollectionExtensions.AddAppealLifecycle(services, configuration);
        // Emergency access (ADR 0085).
        services.AddSingleton(BreakGlass.BreakGlassRules.From(configuration));
        services.AddScoped<BreakGlass.GrantBreakGlass>();
        services.AddScoped<BreakGlass.EndBreakGlass>();
        services.AddScoped<BreakGlass.BreakGlassGrants>();
        return services;
    }

    /// <summary>
    /// The web app reads the key ring, so it needs the certificate's private key to decrypt it: loaded now (created
    /// outside Production; StartupSafety has already refused Production without one) and given to the framework. The CLI
    /// only ever encrypts keys (the lazy encryptor above), so it needs no certificate unless it re-protects old keys.
    /// </summary>
    public static IServiceCollection AddKeyRingDecryption(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var certificates = KeyRingCertificates.Load(configuration, DatabaseOptions.From(configuration).DataDirectory, mayCreate: !environment.IsProduction());
        services.AddSingleton(new Lazy<KeyRingCertificates>(certificates));
        services.AddDataProtection()
            .ProtectKeysWithCertificate(certificates.Current)
            .UnprotectKeysWithAnyCertificate([.. certificates.Previous, certificates.Current]);
        return services;
    }

    /// <summary>Identity rules shared by the web app and the CLI, so a password the CLI accepts also signs in.</summary>
    public static void ApplyAppealStudioPolicy(IdentityOptions o)
    {
        o.Password.RequiredLength = 12;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = true;
        o.Password.RequireNonAlphanumeric = true;
        o.Password.RequiredUniqueChars = 5;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>UserManager and roles without cookies, for the CLI.</summary>
    public static IServiceCollection AddAppealStudioIdentityCore(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(ApplyAppealStudioPolicy)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        return services;
    }
}

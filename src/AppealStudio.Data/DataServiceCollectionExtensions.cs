using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddDbContextFactory<AppDbContext>(options.Configure);
        services.TryAddSingleton(TimeProvider.System);

        // Keys live in the database so sign-in cookies survive restarts and every instance reads every other's.
        services.AddDataProtection().SetApplicationName("AppealStudio").PersistKeysToDbContext<AppDbContext>();

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

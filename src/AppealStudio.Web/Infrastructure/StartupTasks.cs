using AppealStudio.Data;
using AppealStudio.Data.Seeding;

namespace AppealStudio.Web.Infrastructure;

/// <summary>Printed once the server listens: where to go and, in demo mode, how to sign in.</summary>
public sealed class StartupBanner
{
    public IReadOnlyList<string> DemoUsers { get; set; } = [];
}

public static partial class StartupTasks
{
    /// <summary>
    /// Migrates the database on start. Demo users are seeded only in Development, only when the database has no
    /// users, and only when Demo:SeedOnFirstRun is on: production data never gets demo accounts by accident.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AppealStudio.Startup");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            await initializer.MigrateAsync();
            var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
            LogDatabase(logger, options.Provider.ToString());

            // Issue 16: the demo users' password is published; a production database holding them must not serve.
            if (app.Environment.IsProduction() &&
                await DemoSeeder.DemoUsersPresentAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>()) is { Count: > 0 } demo)
            {
                throw new InvalidOperationException(
                    $"Refusing to start in Production: the demo users {string.Join(", ", demo)} exist and their password is published. " +
                    "Disable them (appealstudio users disable EMAIL) or point Database:ConnectionString at the production database.");
            }

            if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:SeedOnFirstRun", false) &&
                await initializer.HasNoUsersAsync())
            {
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
                app.Services.GetRequiredService<StartupBanner>().DemoUsers =
                    DemoSeeder.Users.Select(u => $"{u.Email,-24} {u.Role,-11} password {DemoSeeder.Password}").ToList();
            }
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));
    }

    private static void PrintBanner(WebApplication app)
    {
        var banner = app.Services.GetRequiredService<StartupBanner>();
        var urls = string.Join(", ", app.Urls);
        Console.WriteLine();
        Console.WriteLine($"AppealStudio is running at {urls}");
        if (app.Environment.IsDevelopment())
        {
            Console.WriteLine("Demo sign-ins (demo data only):");
            foreach (var line in banner.DemoUsers.Count > 0 ? banner.DemoUsers :
                         DemoSeeder.Users.Select(u => $"{u.Email,-24} {u.Role,-11} password {DemoSeeder.Password}"))
            {
                Console.WriteLine("  " + line);
            }
        }

        Console.WriteLine();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider})")]
    private static partial void LogDatabase(ILogger logger, string provider);
}

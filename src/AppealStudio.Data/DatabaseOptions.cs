using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives. Read from configuration (<c>Database:*</c>, <c>Storage:DataDirectory</c>) by both the web
/// app and the CLI, so they open the same database from the same settings.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public const string SqliteMigrationsAssembly = "AppealStudio.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "AppealStudio.Migrations.Postgres";

    public static DatabaseOptions From(IConfiguration configuration)
    {
        // Relative to the working directory. The launch profiles of `dotnet run` give their default under a key of its
        // own (Storage:DefaultDataDirectory, <repo>/data for web and CLI alike): a launch profile's variables replace
        // the ones the user exported, so setting Storage__DataDirectory there silently overrode the user's choice.
        var dataDirectory = Path.GetFullPath(
            configuration["Storage:DataDirectory"] is { Length: > 0 } d ? d
            : configuration["Storage:DefaultDataDirectory"] is { Length: > 0 } fallback ? fallback
            : "data");
        var providerText = configuration["Database:Provider"] is { Length: > 0 } p ? p : nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider is '{providerText}'; use 'Sqlite' (the default) or 'Postgres'.");
        }

        var connectionString = configuration["Database:ConnectionString"] ?? "";
        if (provider == DatabaseProvider.Sqlite && connectionString.Length == 0)
        {
            connectionString = "Data Source=" + Path.Combine(dataDirectory, "appealstudio.db");
        }

        if (provider == DatabaseProvider.Postgres && connectionString.Length == 0)
        {
            throw new InvalidOperationException(
                "Database:Provider is Postgres but Database:ConnectionString is empty; set it, e.g. " +
                "Host=localhost;Database=appealstudio;Username=appealstudio;Password=...");
        }

        return new DatabaseOptions(provider, connectionString, dataDirectory);
    }

    public void Configure(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Voided imports are hidden by query filters on payments, claims and denials (ADR 0042). Their lines,
        // adjustments and events are reached through a filtered parent, and a void is refused while an appeal is in
        // progress, so only decided appeals (read through their denial by the reports) can point at a hidden denial.
        // EF's warning that a required dependent may see a filtered-out principal is about exactly that case; left on,
        // it is logged at every start.
        builder.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
        builder.AddInterceptors(Telemetry.AuditMetricsInterceptor.Instance);
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteDirectory();
                builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {Provider}.");
        }
    }

    private void EnsureSqliteDirectory()
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
        var file = builder.DataSource;
        if (file.Length > 0 && file != ":memory:" && builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
        }
    }
}

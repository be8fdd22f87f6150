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
    /// <summary>
    /// PostgreSQL only (<c>Database:OwnerConnectionString</c>): the login that owns the schema and runs migrations.
    /// When set, <see cref="ConnectionString"/> is the runtime login, which is granted everything except changing or
    /// deleting audit rows (ADR 0060). Unset: one login does both, and only the trigger protects the audit rows.
    /// </summary>
    public string? OwnerConnectionString { get; init; }

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

        var owner = configuration["Database:OwnerConnectionString"] is { Length: > 0 } o ? o : null;
        if (owner is not null && provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("Database:OwnerConnectionString applies to PostgreSQL only; remove it for SQLite.");
        }

        return new DatabaseOptions(provider, connectionString, dataDirectory) { OwnerConnectionString = owner };
    }

    public void Configure(DbContextOptionsBuilder builder) => Configure(builder, ConnectionString);

    /// <summary>Options for the owner login (migrations); the runtime login's when no owner is configured.</summary>
    public DbContextOptions<AppDbContext> OwnerOptions()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        Configure(builder, OwnerConnectionString ?? ConnectionString);
        return builder.Options;
    }

    private void Configure(DbContextOptionsBuilder builder, string connectionString)
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
                builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {Provider}.");
        }
    }

    /// <summary>Owner-only permissions for folders this app creates for patient data (0700).</summary>
    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Owner-only permissions for the database and the files beside it (0600).</summary>
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the database's folder (0700) and an empty database file (0600) before SQLite opens it, so patient data is
    /// never world-readable whatever the process umask; SQLite gives its journal, WAL and SHM files the database file's
    /// permissions. An existing database, journal, WAL or SHM file loses any group and other permissions.
    /// </summary>
    private void EnsureSqliteDirectory()
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
        var file = builder.DataSource;
        if (file.Length == 0 || file == ":memory:" || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            return;
        }

        var path = Path.GetFullPath(file);
        var directory = Path.GetDirectoryName(path);
        if (OperatingSystem.IsWindows())
        {
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            return;
        }

        if (directory is not null && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, PrivateDirectoryMode);
        }

        if (!File.Exists(path))
        {
            // CreateNew: if another process created it meanwhile, leave theirs alone (its mode is tightened below).
            try
            {
                using var created = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFileMode,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        foreach (var companion in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            if (File.Exists(companion))
            {
                var mode = File.GetUnixFileMode(companion);
                var tightened = mode & ~(UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
                if (tightened != mode)
                {
                    File.SetUnixFileMode(companion, tightened);
                }
            }
        }
    }
}

using Npgsql;

namespace AppealStudio.Web.Tests.Infrastructure;

public enum TestDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the integration tests keep their data. SQLite always; PostgreSQL when test.sh started a throwaway cluster
/// and exported APPEALSTUDIO_TEST_POSTGRES (a connection string without a database name).
/// </summary>
public static class TestDatabases
{
    public static string? PostgresServer => Environment.GetEnvironmentVariable("APPEALSTUDIO_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public const string NoPostgresReason =
        "No PostgreSQL server for this run (test.sh starts one when the PostgreSQL binaries are installed)";

    /// <summary>
    /// Both databases, always: without a server the PostgreSQL rows are reported as skipped with
    /// <see cref="NoPostgresReason"/> by <see cref="DatabaseTestFramework"/> rather than left out of the count.
    /// </summary>
    public static IEnumerable<object[]> All()
    {
        yield return [TestDatabase.Sqlite];
        yield return [TestDatabase.Postgres];
    }

    /// <summary>A fresh, empty database for one app instance; the app's own start-up migrates it.</summary>
    public static (string Provider, string ConnectionString) Create(TestDatabase database)
    {
        var name = "appealstudio_test_" + Guid.NewGuid().ToString("N")[..12];
        return database switch
        {
            TestDatabase.Sqlite => ("Sqlite", "Data Source=" + Path.Combine(Path.GetTempPath(), name + ".db")),
            TestDatabase.Postgres => ("Postgres", new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString),
        };
    }
}

/// <summary>A theory run once per available database: SQLite always, PostgreSQL when test.sh provides one.</summary>
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

/// <summary>Reports the PostgreSQL half of the suite as skipped (not silently absent) when no server was provided.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabases.PostgresServer is null)
        {
            Skip = TestDatabases.NoPostgresReason;
        }
    }
}

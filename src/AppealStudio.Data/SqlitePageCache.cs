using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data;

/// <summary>
/// Gives the context's SQLite connection a larger page cache for the length of a bulk write, then puts the old size
/// back (the connection returns to the pool afterwards). Does nothing on PostgreSQL.
/// </summary>
/// <remarks>
/// SQLite's default cache is 2 MB. An import of a 40 MB 835 writes about 180 MB of tables and indexes in one
/// transaction; with 2 MB the dirty pages were spilled to the WAL and read back over and over (13 s of the import's
/// time went to system calls). 64 MB keeps the index pages being filled in memory; it costs up to 64 MB while the
/// import runs.
/// </remarks>
public sealed class SqlitePageCache : IAsyncDisposable
{
    public const int ImportCacheKib = 64 * 1024;

    private readonly AppDbContext db;
    private readonly long? previous;

    private SqlitePageCache(AppDbContext db, long? previous)
    {
        this.db = db;
        this.previous = previous;
    }

    public static async Task<SqlitePageCache> EnlargeAsync(AppDbContext db, int kib, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return new SqlitePageCache(db, null);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var previous = Convert.ToInt64(await ExecuteAsync(db, "PRAGMA cache_size", cancellationToken), CultureInfo.InvariantCulture);
        // A negative size is in KiB rather than pages.
        await ExecuteAsync(db, "PRAGMA cache_size = " + (-kib).ToString(CultureInfo.InvariantCulture), cancellationToken);
        return new SqlitePageCache(db, previous);
    }

    public async ValueTask DisposeAsync()
    {
        if (previous is { } size)
        {
            await ExecuteAsync(db, "PRAGMA cache_size = " + size.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ExecuteAsync(AppDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}

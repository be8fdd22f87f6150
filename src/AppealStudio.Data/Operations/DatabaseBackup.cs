using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace AppealStudio.Data.Operations;

/// <summary>
/// What the backup's bytes pass through on their way to the file and back (none registered: plain copies). The seam
/// for backup encryption: register one implementation and <c>db backup</c>/<c>db restore</c> use it.
/// </summary>
public interface IBackupStreamTransform
{
    /// <summary>A writable stream over <paramref name="output"/>; disposing it finishes the backup's bytes.</summary>
    Stream Wrap(Stream output);

    /// <summary>A readable stream of the plain database over <paramref name="input"/>.</summary>
    Stream Unwrap(Stream input);
}

/// <summary>Where a database's schema stands against this build's migrations.</summary>
/// <param name="Applied">Migrations recorded in the database, oldest first.</param>
/// <param name="Pending">This build's migrations the database does not have yet (a migrate applies them).</param>
/// <param name="Unknown">Migrations the database has that this build does not know: it was made by a newer build.</param>
public sealed record SchemaStatus(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    public string? Latest => Applied.Count > 0 ? Applied[^1] : null;

    /// <summary>This build can run on it (after applying <see cref="Pending"/>).</summary>
    public bool Usable => Unknown.Count == 0 && Applied.Count > 0;
}

/// <summary>
/// Backup and restore of the embedded SQLite database (issue 14), and the schema check after a PostgreSQL restore
/// (pg_dump/pg_restore do the copying there, README "Backup and restore").
/// </summary>
/// <remarks>
/// The copy is taken with SQLite's online backup API in one step, so it is one consistent snapshot however much the
/// running app writes meanwhile (an import's transaction is in it entirely or not at all). The bytes reach the output
/// through <c>wrapOutput</c> / <c>unwrapInput</c>: the seam where backup encryption plugs in.
/// </remarks>
public static class DatabaseBackup
{
    /// <summary>Copies the live SQLite database into <paramref name="output"/> (through <paramref name="wrapOutput"/>).</summary>
    public static async Task<SchemaStatus> BackupSqliteAsync(DatabaseOptions options, Stream output,
        Func<Stream, Stream>? wrapOutput = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        RequireSqlite(options, "db backup");
        var snapshot = TempFile();
        try
        {
            await CopyAsync(options.ConnectionString, SnapshotConnection(snapshot), cancellationToken);

            var status = await StatusOfFileAsync(snapshot, cancellationToken);
            await using (var file = File.OpenRead(snapshot))
            {
                var sink = wrapOutput?.Invoke(output) ?? output;
                await file.CopyToAsync(sink, cancellationToken);
                await sink.FlushAsync(cancellationToken);
                if (!ReferenceEquals(sink, output))
                {
                    await sink.DisposeAsync();
                }
            }

            return status;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(snapshot);
        }
    }

    /// <summary>
    /// Replaces the SQLite database with the backup after checking it: a SQLite file whose integrity check passes and
    /// whose migrations this build knows (an older schema is migrated by the next start or <c>db migrate</c>).
    /// </summary>
    public static async Task<SchemaStatus> RestoreSqliteAsync(DatabaseOptions options, Stream input,
        Func<Stream, Stream>? unwrapInput = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        RequireSqlite(options, "db restore");
        var copy = TempFile();
        try
        {
            await using (var file = File.Create(copy))
            {
                var source = unwrapInput?.Invoke(input) ?? input;
                await source.CopyToAsync(file, cancellationToken);
            }

            SchemaStatus status;
            try
            {
                await using var check = new SqliteConnection(SnapshotConnection(copy) + ";Mode=ReadOnly");
                await check.OpenAsync(cancellationToken);
                await using var command = check.CreateCommand();
                command.CommandText = "PRAGMA integrity_check";
                var result = (string?)await command.ExecuteScalarAsync(cancellationToken);
                if (result != "ok")
                {
                    throw new InvalidOperationException($"The backup is damaged (integrity check: {result}); nothing was restored.");
                }

                status = await StatusOfFileAsync(copy, cancellationToken);
            }
            catch (SqliteException ex)
            {
                // Without the inner exception: the CLI prints the innermost message, and this one says what to do.
                throw new InvalidOperationException($"The file is not an AppealStudio SQLite backup ({ex.Message}); nothing was restored.");
            }

            if (status.Applied.Count == 0)
            {
                throw new InvalidOperationException("The file is a SQLite database but not an AppealStudio one (no migrations history); nothing was restored.");
            }

            if (status.Unknown.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The backup was made by a newer AppealStudio (its schema has {status.Unknown[^1]}, unknown to this build); " +
                    "nothing was restored. Restore it with the build that made it, or upgrade this one.");
            }

            // The backup API writes the pages into the live file under SQLite's own locks, so a stopped or idle app
            // sees either the old database or the restored one.
            await CopyAsync(SnapshotConnection(copy), options.ConnectionString, cancellationToken);

            return status;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(copy);
        }
    }

    /// <summary>How long a copy waits for a writer's commit (the database is busy) before it gives up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromMinutes(5);

    // SQLite's online backup API copying every page in one step, so the copy is one snapshot. The database is in
    // rollback-journal mode: while a writer commits (or spills its cache) the step answers BUSY, and it is simply
    // tried again (Microsoft.Data.Sqlite's BackupDatabase gives up at once).
    private static async Task CopyAsync(string fromConnection, string toConnection, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection(fromConnection);
        await using var target = new SqliteConnection(toConnection);
        await source.OpenAsync(cancellationToken);
        await target.OpenAsync(cancellationToken);
        var backup = raw.sqlite3_backup_init(target.Handle, "main", source.Handle, "main")
            ?? throw new InvalidOperationException("SQLite could not start the backup: " + raw.sqlite3_errmsg(target.Handle).utf8_to_string());
        var deadline = DateTime.UtcNow + BusyTimeout;
        try
        {
            while (true)
            {
                var rc = raw.sqlite3_backup_step(backup, -1);
                if (rc == raw.SQLITE_DONE)
                {
                    break;
                }

                if ((rc == raw.SQLITE_BUSY || rc == raw.SQLITE_LOCKED) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(25, cancellationToken);
                    continue;
                }

                SqliteException.ThrowExceptionForRC(rc, target.Handle);
            }
        }
        finally
        {
            raw.sqlite3_backup_finish(backup);
        }
    }

    /// <summary>The schema of the configured database (either provider) against this build's migrations.</summary>
    public static async Task<SchemaStatus> StatusAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        return Compare(applied, db.Database.GetMigrations().ToList());
    }

    private static async Task<SchemaStatus> StatusOfFileAsync(string file, CancellationToken cancellationToken)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseOptions(DatabaseProvider.Sqlite, SnapshotConnection(file), Path.GetDirectoryName(file)!).Configure(builder);
        await using var db = new AppDbContext(builder.Options);
        return await StatusAsync(db, cancellationToken);
    }

    private static SchemaStatus Compare(List<string> applied, List<string> known)
    {
        var knownSet = known.ToHashSet(StringComparer.Ordinal);
        var appliedSet = applied.ToHashSet(StringComparer.Ordinal);
        return new SchemaStatus(applied, known.Where(m => !appliedSet.Contains(m)).ToList(), applied.Where(m => !knownSet.Contains(m)).ToList());
    }

    private static void RequireSqlite(DatabaseOptions options, string command)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                $"'{command}' copies the embedded SQLite database; on PostgreSQL use pg_dump -Fc / pg_restore (README, " +
                "\"Backup and restore\") and then 'appealstudio db status' to check the restored schema.");
        }
    }

    private static string TempFile() => Path.Combine(Path.GetTempPath(), "appealstudio-backup-" + Guid.NewGuid().ToString("N") + ".db");

    // No pooling: the temporary file is deleted right after, and a pooled handle would keep it open.
    private static string SnapshotConnection(string file) => "Data Source=" + file + ";Pooling=False";
}

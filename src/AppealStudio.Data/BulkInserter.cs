using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace AppealStudio.Data;

/// <summary>
/// Inserts rows with multi-row prepared INSERT statements (SQLite) or binary COPY (PostgreSQL) inside the context's
/// current transaction, for imports of
/// hundreds of thousands of rows where EF's change tracker, and then one statement per row, were the bottleneck.
/// Table names, column names and value conversions (SQLite's integer money and timestamps, enums as text) come from
/// the EF model, so the rows are exactly what EF itself would write.
/// </summary>
/// <remarks>
/// Keys are reserved before the rows are written (<see cref="AssignKeysAsync{T}"/>), so a caller can set every
/// foreign key, including links between rows of the same batch, before anything is inserted, and a multi-row INSERT
/// needs no RETURNING (whose row order neither database promises). PostgreSQL hands out the keys from the identity
/// column's own sequence, so concurrent writers never collide. SQLite allows one writer at a time and the import's
/// transaction holds the write lock from its first write, so the next keys are read once from the table (and
/// sqlite_sequence, which AUTOINCREMENT keeps) and counted up in memory; only this inserter may add rows to those
/// tables within the transaction.
/// </remarks>
public sealed class BulkInserter(AppDbContext db) : IAsyncDisposable
{
    /// <summary>Rows per INSERT statement: well under both databases' parameter limits for our widest table (~30 columns).</summary>
    public const int RowsPerStatement = 16;

    private readonly Dictionary<Type, Table> tables = [];
    private readonly HashSet<DbCommand> preparedCommands = [];
    private readonly bool sqlite = db.Database.IsSqlite();

    /// <summary>Gives every row whose key is still unset (0) a key of its own, without writing anything.</summary>
    public async Task AssignKeysAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        var t = TableFor<T>();
        var unset = 0;
        foreach (var row in rows)
        {
            if (t.GetKey(row) == 0)
            {
                unset++;
            }
        }

        if (unset == 0)
        {
            return;
        }

        var keys = await ReserveAsync(t, unset, cancellationToken);
        var next = 0;
        foreach (var row in rows)
        {
            if (t.GetKey(row) == 0)
            {
                t.SetKey(row, keys[next++]);
            }
        }
    }

    /// <summary>
    /// PostgreSQL writes queued rows once this many are waiting (all tables together). An import flushes its claims
    /// per payment (about five claims each in the corpus), so writing each flush at once cost a round trip per table
    /// and payment, 118,000 statements for the 40 MB file (issue 14); a COPY of a few thousand rows costs about the
    /// same as one of sixteen. While one queue is written in the background the next one fills, so up to twice this
    /// many rows are held beyond the caller's own batch: 10,000 keeps that at the 20,000 rows of the synchronous
    /// writer before it (a 50 MB file of 7.5 million denials peaked 110 MiB higher with 20,000 each; ADR 125).
    /// </summary>
    public const int QueuedRows = 10_000;

    /// <summary>PostgreSQL reserves keys from a table's sequence in blocks of at least this many (one round trip each).</summary>
    public const int KeyBlock = 4_096;

    private readonly Dictionary<Type, List<object>> queued = [];
    private int queuedCount;

    // PostgreSQL: the COPY of the previous full queue, running on the import's connection while the caller reads the
    // next part of its file. Only one runs at a time; its failure surfaces at the next write or at WriteQueuedAsync.
    private Task writing = Task.CompletedTask;

    // PostgreSQL: a second connection, outside the import's transaction, for key reservations and the caller's
    // lookups of rows committed before (see Lookups) while the import's own connection is busy with a COPY.
    private AppDbContext? side;

    /// <summary>
    /// The context to read rows committed by earlier work through while rows are queued. On SQLite it is the import's
    /// own context. On PostgreSQL a queue written in the background keeps the import's connection busy (Npgsql runs
    /// one command at a time per connection), so this is a second context on its own connection, outside the import's
    /// transaction: it sees what was committed, never the rows this import has queued or written. A caller that needs
    /// its own new rows calls <see cref="WriteQueuedAsync"/> and then uses its own context.
    /// </summary>
    public AppDbContext Lookups => sqlite ? db : side ??= new AppDbContext((DbContextOptions<AppDbContext>)db.GetService<IDbContextOptions>());

    /// <summary>
    /// Assigns keys now and writes the rows later: at once on SQLite (an in-process call, nothing to save), on
    /// PostgreSQL once <see cref="QueuedRows"/> rows wait (by a COPY in the background, so the caller's parsing and the
    /// server's inserting overlap) or at <see cref="WriteQueuedAsync"/>. Until then a query does not see them, and on
    /// PostgreSQL the context's connection belongs to the background COPY: between the first EnqueueAsync and
    /// WriteQueuedAsync the caller reads through <see cref="Lookups"/> only and writes through this inserter only.
    /// </summary>
    public async Task EnqueueAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        if (sqlite)
        {
            await InsertAsync(rows, cancellationToken);
            return;
        }

        if (rows.Count == 0)
        {
            return;
        }

        await AssignKeysAsync(rows, cancellationToken);
        if (!queued.TryGetValue(typeof(T), out var list))
        {
            TableFor<T>();
            queued[typeof(T)] = list = [];
        }

        list.AddRange(rows);
        queuedCount += rows.Count;
        if (queuedCount >= QueuedRows)
        {
            // The previous COPY must end first (one statement at a time on the connection, and this queue's rows may
            // reference its rows); then this one runs while the caller goes on.
            await writing;
            var parts = TakeQueued();
            writing = Task.Run(() => WritePartsAsync(parts, cancellationToken), cancellationToken);
        }
    }

    /// <summary>
    /// Writes every queued row, after the COPY running in the background: when it returns, every row given to this
    /// inserter is in the database (inside the caller's transaction) and the context's connection is the caller's again.
    /// </summary>
    public async Task WriteQueuedAsync(CancellationToken cancellationToken = default)
    {
        await FinishWritingAsync();
        await WritePartsAsync(TakeQueued(), cancellationToken);
    }

    /// <summary>Waits for the COPY running in the background, if any (its failure is thrown here, once).</summary>
    private async Task FinishWritingAsync()
    {
        var running = writing;
        writing = Task.CompletedTask;
        await running;
    }

    /// <summary>Empties the queue into the order its tables must be written in: a table's principals (by the model's foreign keys) first.</summary>
    private List<(Table Table, List<object> Rows)> TakeQueued()
    {
        var parts = new List<(Table, List<object>)>();
        while (queued.Count > 0)
        {
            // A table goes once no other waiting table is one of its principals (a self-reference, a reversal's link
            // to its correction, is checked at the end of the COPY statement and so may stay in one COPY).
            var next = queued.Keys.FirstOrDefault(type => !tables[type].Principals.Any(p => p != type && queued.ContainsKey(p)))
                ?? throw new InvalidOperationException("The queued tables reference each other; write them with InsertAsync.");
            parts.Add((tables[next], queued[next]));
            queued.Remove(next);
        }

        queuedCount = 0;
        return parts;
    }

    private async Task WritePartsAsync(List<(Table Table, List<object> Rows)> parts, CancellationToken cancellationToken)
    {
        foreach (var (table, rows) in parts)
        {
            await WriteAsync(table, rows, cancellationToken);
            // Written: let the rows go now rather than when the task holding this list is next replaced.
            rows.Clear();
            rows.TrimExcess();
        }
    }

    /// <summary>Inserts the rows (keys assigned first where unset), <see cref="RowsPerStatement"/> per statement.</summary>
    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        await AssignKeysAsync(rows, cancellationToken);
        var t = TableFor<T>();
        if (sqlite)
        {
            InsertSqlite(t, rows);
            return;
        }

        // The connection may still be writing an earlier queue; a direct insert waits for it like WriteQueuedAsync.
        await FinishWritingAsync();
        await WriteAsync(t, rows, cancellationToken);
    }

    private async Task WriteAsync<T>(Table t, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count >= CopyFromRows)
        {
            await CopyPostgresAsync(t, rows, cancellationToken);
            return;
        }

        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            var command = t.CommandFor(count, this);
            var parameters = command.Parameters;
            var index = 0;
            for (var r = start; r < start + count; r++)
            {
                var row = rows[r];
                foreach (var column in t.Columns)
                {
                    parameters[index++].Value = column.Read(row);
                }
            }

            // Prepared on first use: PostgreSQL then plans each statement shape once instead of on every execution.
            if (preparedCommands.Add(command))
            {
                await command.PrepareAsync(cancellationToken);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// From this many rows PostgreSQL gets them through binary COPY (issue 14: the multi-row INSERTs made an import
    /// five times slower than on SQLite). Fewer rows (a single payment) go through the prepared INSERT, whose round
    /// trip is cheaper than opening a COPY.
    /// </summary>
    public const int CopyFromRows = RowsPerStatement;

    // COPY ... FROM STDIN (FORMAT BINARY) into the target table itself: the keys are already reserved from the table's
    // identity sequence (GENERATED BY DEFAULT accepts them), the COPY runs on the import's connection and so inside its
    // transaction (a failed import rolls it back with everything else), and each value is written with the type EF
    // gives its parameter, so the rows are what the INSERT path would store.
    private async Task CopyPostgresAsync<T>(Table t, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var types = t.PostgresTypes(this);
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {t.QuotedName} ({string.Join(", ", t.Columns.Select(c => c.QuotedName))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var c = 0; c < t.Columns.Length; c++)
            {
                var value = t.Columns[c].Read(row);
                if (value is DBNull)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else if (types[c] is { } type)
                {
                    await importer.WriteAsync(value, type, cancellationToken);
                }
                else
                {
                    // EF left the parameter untyped (plain text, for one): Npgsql infers from the value, as it does
                    // for that parameter.
                    await importer.WriteAsync(value, cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    // Microsoft.Data.Sqlite binds every parameter by name, and SQLite finds a name by scanning the statement's whole
    // parameter list, so a multi-row statement costs rows x columns squared per execution: 64 rows of 30 columns spent
    // more time finding names than inserting. SQLite's own API binds by position; it runs on the same connection and
    // so inside the import's transaction.
    private void InsertSqlite<T>(Table t, IReadOnlyList<T> rows)
        where T : class
    {
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("The SQLite connection is not open.");
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            var statement = t.SqliteStatementFor(count, handle);
            var index = 1;
            for (var r = start; r < start + count; r++)
            {
                var row = rows[r];
                foreach (var column in t.Columns)
                {
                    Check(BindSqlite(statement, index++, column.Read(row), t, column), handle);
                }
            }

            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }
        }
    }

    // The same storage forms Microsoft.Data.Sqlite uses for these types (EF's converters have already turned money
    // and timestamps into integers); any other type is refused rather than guessed.
    private static int BindSqlite(sqlite3_stmt statement, int index, object value, Table t, Column column) => value switch
    {
        DBNull => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(statement, index, real),
        DateOnly date => raw.sqlite3_bind_text(statement, index, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        _ => throw new NotSupportedException($"BulkInserter cannot write {value.GetType().Name} to {t.Name}.{column.QuotedName} on SQLite; add the type to BindSqlite."),
    };

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    private async Task<long[]> ReserveAsync(Table t, int count, CancellationToken cancellationToken)
    {
        var keys = new long[count];
        if (sqlite)
        {
            if (t.NextSqliteKey is null)
            {
                await using var command = NewCommand();
                command.CommandText =
                    $"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = {Literal(t.Name)}), 0), coalesce((SELECT max({t.KeyColumn}) FROM {t.QuotedName}), 0))";
                t.NextSqliteKey = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) + 1;
            }

            var next = t.NextSqliteKey.Value;
            for (var i = 0; i < count; i++)
            {
                keys[i] = next++;
            }

            t.NextSqliteKey = next;

            return keys;
        }

        // Keys come from the sequence in blocks, one round trip each instead of one per flush of each table (59,000
        // for the 40 MB file). Other writers draw from the same sequence, so the keys never collide; those left unused
        // when the import ends are a gap in the ids, as a rolled-back insert leaves one. nextval is not transactional,
        // so the second connection reserves them while the import's own connection may be busy with a COPY.
        if (t.ReservedKeys.Count < count)
        {
            var block = Math.Max(count - t.ReservedKeys.Count, KeyBlock);
            if (t.Sequence is null)
            {
                // Looked up once: pg_get_serial_sequence in the nextval call ran a catalog lookup for every key.
                await using var lookup = await SideCommandAsync(cancellationToken);
                lookup.CommandText = $"SELECT pg_get_serial_sequence({Literal(t.QuotedName)}, {Literal(t.KeyColumnName)})";
                t.Sequence = (string?)await lookup.ExecuteScalarAsync(cancellationToken)
                    ?? throw new InvalidOperationException($"{t.Name}.{t.KeyColumnName} has no sequence.");
            }

            await using var command = await SideCommandAsync(cancellationToken);
            command.CommandText = $"SELECT nextval({Literal(t.Sequence)}::regclass) FROM generate_series(1, {block.ToString(CultureInfo.InvariantCulture)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                t.ReservedKeys.Enqueue(reader.GetInt64(0));
            }
        }

        for (var i = 0; i < count; i++)
        {
            keys[i] = t.ReservedKeys.Dequeue();
        }

        return keys;
    }

    private async Task<DbCommand> SideCommandAsync(CancellationToken cancellationToken)
    {
        var lookups = Lookups;
        await lookups.Database.OpenConnectionAsync(cancellationToken);
        return lookups.Database.GetDbConnection().CreateCommand();
    }

    private DbCommand NewCommand()
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the import's transaction.");
        return command;
    }

    private Table TableFor<T>()
    {
        if (tables.TryGetValue(typeof(T), out var existing))
        {
            return existing;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = new Table(entity);
        tables[typeof(T)] = table;
        return table;
    }

    // Both SQLite and PostgreSQL accept double-quoted identifiers, which keeps EF's mixed-case names intact.
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The connection must be free before the caller rolls back or reuses it.
            await writing;
        }
        catch (Exception)
        {
            // Only reached when the caller stopped without WriteQueuedAsync: it is already failing (a malformed file,
            // a cancellation) and rolls the transaction back; that error is the one to report.
        }

        writing = Task.CompletedTask;
        if (side is not null)
        {
            await side.DisposeAsync();
            side = null;
        }

        foreach (var t in tables.Values)
        {
            foreach (var command in t.Commands.Values)
            {
                await command.DisposeAsync();
            }

            foreach (var statement in t.SqliteStatements.Values)
            {
                statement.Dispose();
            }
        }

        tables.Clear();
    }

    private sealed class Table
    {
        public Table(IEntityType entity)
        {
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            Name = store.Name;
            QuotedName = Quote(store.Name);
            Key = entity.FindPrimaryKey()!.Properties.Single();
            KeyColumnName = Key.GetColumnName(store)!;
            KeyColumn = Quote(KeyColumnName);

            // The key is written explicitly (it was reserved), so it is a column like the others.
            Columns = entity.GetProperties()
                .Where(p => p.GetColumnName(store) is not null)
                .Select(p => new Column(Quote(p.GetColumnName(store)!), p.GetGetter(), (RelationalTypeMapping)p.GetTypeMapping()))
                .ToArray();
            keyGetter = Key.GetGetter();
            Principals = entity.GetForeignKeys().Select(fk => fk.PrincipalEntityType.ClrType).Distinct().ToArray();
        }

        /// <summary>The entity types this table's foreign keys point at.</summary>
        public Type[] Principals { get; }

        /// <summary>PostgreSQL: the key column's sequence, qualified and quoted as pg_get_serial_sequence gives it.</summary>
        public string? Sequence { get; set; }

        /// <summary>PostgreSQL: keys drawn from the sequence and not yet handed out.</summary>
        public Queue<long> ReservedKeys { get; } = new();

        private readonly IClrPropertyGetter keyGetter;

        public string Name { get; }

        public string QuotedName { get; }

        public IProperty Key { get; }

        public string KeyColumnName { get; }

        public string KeyColumn { get; }

        public Column[] Columns { get; }

        public long? NextSqliteKey { get; set; }

        public Dictionary<int, DbCommand> Commands { get; } = [];

        public Dictionary<int, sqlite3_stmt> SqliteStatements { get; } = [];

        private NpgsqlDbType?[]? postgresTypes;

        /// <summary>
        /// Each column's PostgreSQL type as EF types its parameter (read once from a throwaway parameter); null where
        /// EF leaves the type to Npgsql's inference from the value.
        /// </summary>
        public NpgsqlDbType?[] PostgresTypes(BulkInserter owner)
        {
            if (postgresTypes is null)
            {
                using var command = owner.NewCommand();
                postgresTypes = Columns.Select(c =>
                {
                    var parameter = (NpgsqlParameter)c.Mapping.CreateParameter(command, "p", null, nullable: true);
                    return parameter.NpgsqlDbType == NpgsqlDbType.Unknown ? (NpgsqlDbType?)null : parameter.NpgsqlDbType;
                }).ToArray();
            }

            return postgresTypes;
        }

        public sqlite3_stmt SqliteStatementFor(int rows, sqlite3 handle)
        {
            if (SqliteStatements.TryGetValue(rows, out var existing))
            {
                return existing;
            }

            var row = "(" + string.Join(", ", Columns.Select(_ => "?")) + ")";
            var sql = $"INSERT INTO {QuotedName} ({string.Join(", ", Columns.Select(c => c.QuotedName))}) VALUES {string.Join(", ", Enumerable.Repeat(row, rows))}";
            var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }

            SqliteStatements[rows] = statement;
            return statement;
        }

        public long GetKey(object row) => Convert.ToInt64(keyGetter.GetClrValue(row), CultureInfo.InvariantCulture);

        public void SetKey(object row, long key) =>
            Key.PropertyInfo!.SetValue(row, Convert.ChangeType(key, Key.ClrType, CultureInfo.InvariantCulture));

        /// <summary>The prepared statement for <paramref name="rows"/> rows (a full batch, or the last part of one).</summary>
        public DbCommand CommandFor(int rows, BulkInserter owner)
        {
            if (Commands.TryGetValue(rows, out var existing))
            {
                return existing;
            }

            var command = owner.NewCommand();
            var sql = new StringBuilder();
            sql.Append("INSERT INTO ").Append(QuotedName).Append(" (").AppendJoin(", ", Columns.Select(c => c.QuotedName)).Append(") VALUES ");
            var n = 0;
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Length; c++)
                {
                    var name = "@p" + n.ToString(CultureInfo.InvariantCulture);
                    n++;
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                    // Typed as EF types them, so the statement can be prepared once and reused with any values.
                    command.Parameters.Add(Columns[c].Mapping.CreateParameter(command, name, null, nullable: true));
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            Commands[rows] = command;
            return command;
        }
    }

    private sealed record Column(string QuotedName, IClrPropertyGetter Getter, RelationalTypeMapping Mapping)
    {
        public object Read(object row)
        {
            var value = Getter.GetClrValue(row);
            if (Mapping.Converter is { } converter && value is not null)
            {
                value = converter.ConvertToProvider(value);
            }

            return value ?? DBNull.Value;
        }
    }
}

using System.Data.Common;
using AppealStudio.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace AppealStudio.Bench.Reports;

/// <summary>
/// Writes entities straight to their table with ADO.NET, one transaction per 50,000 rows: prepared INSERTs on SQLite,
/// binary COPY on PostgreSQL. Column names and value conversions (decimal as ten-thousandths and timestamps as
/// numbers on SQLite, enums as text) come from the EF model, so the rows are exactly what the app would write.
/// </summary>
internal sealed class BulkWriter(AppDbContext db, DbConnection connection)
{
    public const int BatchSize = 50_000;

    public async Task<int> WriteAsync<T>(IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new BenchException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => new Column(p.GetColumnName(store)!, p.GetGetter(), p.GetTypeMapping().Converter))
            .ToList();
        return connection is NpgsqlConnection npgsql
            ? await CopyAsync(npgsql, table, columns, rows, cancellationToken)
            : await InsertAsync((SqliteConnection)connection, table, columns, rows, cancellationToken);
    }

    private static async Task<int> InsertAsync<T>(SqliteConnection connection, string table, List<Column> columns, IEnumerable<T> rows,
        CancellationToken cancellationToken)
        where T : class
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => "\"" + c.Name + "\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        var count = 0;
        SqliteTransaction? transaction = null;
        try
        {
            foreach (var row in rows)
            {
                if (transaction is null)
                {
                    transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                    command.Transaction = transaction;
                    command.Prepare();
                }

                for (var i = 0; i < columns.Count; i++)
                {
                    parameters[i].Value = columns[i].Value(row) ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
                if (++count % BatchSize == 0)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = null;
                }
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }

        return count;
    }

    private static async Task<int> CopyAsync<T>(NpgsqlConnection connection, string table, List<Column> columns, IEnumerable<T> rows,
        CancellationToken cancellationToken)
        where T : class
    {
        var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => "\"" + c.Name + "\""))}) FROM STDIN (FORMAT BINARY)";
        var count = 0;
        using var enumerator = rows.GetEnumerator();
        var more = enumerator.MoveNext();
        while (more)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken))
            {
                var inBatch = 0;
                while (more && inBatch < BatchSize)
                {
                    await importer.StartRowAsync(cancellationToken);
                    foreach (var column in columns)
                    {
                        if (column.Value(enumerator.Current) is { } value)
                        {
                            await importer.WriteAsync(value, cancellationToken);
                        }
                        else
                        {
                            await importer.WriteNullAsync(cancellationToken);
                        }
                    }

                    inBatch++;
                    count++;
                    more = enumerator.MoveNext();
                }

                await importer.CompleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return count;
    }

    private sealed class Column(string name, IClrPropertyGetter getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter)
    {
        public string Name => name;

        public object? Value(object entity)
        {
            var value = getter.GetClrValueUsingContainingEntity(entity);
            return value is null || converter is null ? value : converter.ConvertToProvider(value);
        }
    }
}

using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AppealStudio.Data;

/// <summary>
/// Inserts rows with one prepared command per table inside the context's current transaction, for imports of
/// hundreds of thousands of rows where EF's change tracker is the bottleneck. Table names, column names and value
/// conversions (SQLite's integer money and timestamps, enums as text) come from the EF model, so the rows are
/// exactly what EF itself would write; the generated key is read back into the entity.
/// </summary>
public sealed class BulkInserter(AppDbContext db) : IAsyncDisposable
{
    private readonly Dictionary<Type, Prepared> prepared = [];

    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var p = Prepare<T>();
        foreach (var row in rows)
        {
            for (var i = 0; i < p.Columns.Length; i++)
            {
                var (property, converter) = p.Columns[i];
                var value = property.GetGetter().GetClrValue(row);
                if (converter is not null && value is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                p.Command.Parameters[i].Value = value ?? DBNull.Value;
            }

            var id = await p.Command.ExecuteScalarAsync(cancellationToken);
            p.Key.PropertyInfo!.SetValue(row, Convert.ChangeType(id, p.Key.ClrType, CultureInfo.InvariantCulture));
        }
    }

    private Prepared Prepare<T>()
    {
        if (prepared.TryGetValue(typeof(T), out var existing))
        {
            return existing;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var columns = entity.GetProperties()
            .Where(p => !p.IsPrimaryKey() && p.GetColumnName(table) is not null)
            .Select(p => (Property: p, Converter: p.GetTypeMapping().Converter))
            .ToArray();

        var connection = db.Database.GetDbConnection();
        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the import's transaction.");
        var names = columns.Select(c => Quote(c.Property.GetColumnName(table)!));
        var values = columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture));
        command.CommandText =
            $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)}) RETURNING {Quote(key.GetColumnName(table)!)}";
        for (var i = 0; i < columns.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
        }

        var result = new Prepared(command, columns, key);
        prepared[typeof(T)] = result;
        return result;
    }

    // Both SQLite and PostgreSQL accept double-quoted identifiers, which keeps EF's mixed-case names intact.
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public async ValueTask DisposeAsync()
    {
        foreach (var p in prepared.Values)
        {
            await p.Command.DisposeAsync();
        }

        prepared.Clear();
    }

    private sealed record Prepared(DbCommand Command, (IProperty Property, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)[] Columns, IProperty Key);
}

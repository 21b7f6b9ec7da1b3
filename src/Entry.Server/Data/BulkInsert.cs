using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Entry.Server.Data;

/// <summary>
/// Writes many rows of one entity with one prepared command inside the caller's transaction.
/// EF's change tracker inserts row by row with RETURNING (about 7 s for a province's 27,548 books on SQLite);
/// this takes a fraction of a second. The columns and value conversions come from the EF model, and the SQL
/// uses quoted identifiers and parameters only, so it runs on SQLite and PostgreSQL alike.
/// Store-generated keys are left to the database; the inserted objects do not learn them.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAsync<T>(EntryDb db, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties()
            .Where(p => !p.IsShadowProperty() && !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never))
            .ToArray();

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside a transaction.");
        var tableName = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
        command.CommandText =
            $"INSERT INTO {tableName} ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})";
        var parameters = properties.Select((_, i) => command.AddParameter($"@p{i}")).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();
        var converters = properties.Select(p => p.GetTypeMapping().Converter).ToArray();

        var prepared = false;
        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Length; i++)
            {
                var value = getters[i].GetClrValue(row);
                // Enums and other converted values go through the model's converters, so the rows read back as EF wrote them.
                parameters[i].Value = (value is not null && converters[i] is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
            }
            if (!prepared)
            {
                await command.PrepareAsync(ct);
                prepared = true;
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

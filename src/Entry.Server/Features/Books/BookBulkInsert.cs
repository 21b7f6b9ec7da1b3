using System.Data.Common;
using Entry.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Entry.Server.Features.Books;

/// <summary>
/// Writes many books with one prepared command inside the caller's transaction. EF's change tracker
/// inserts row by row with RETURNING, which costs ~7 s for a province; this takes well under one.
/// The SQL uses quoted identifiers and parameters only, so it runs on SQLite and PostgreSQL alike.
/// </summary>
internal static class BookBulkInsert
{
    public static async Task InsertAsync(EntryDb db, IReadOnlyList<Book> books, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(Book))!;
        var table = entity.GetTableName()!;
        string Column(string property) => entity.FindProperty(property)!.GetColumnName();
        string[] properties =
        [
            nameof(Book.Code), nameof(Book.UnitCode), nameof(Book.Type), nameof(Book.Volume), nameof(Book.RegisteredFrom),
            nameof(Book.RegisteredTo), nameof(Book.CaseCount), nameof(Book.Condition), nameof(Book.Status), nameof(Book.ImportedAt),
            nameof(Book.TeamId), nameof(Book.QueuePosition), nameof(Book.AssignedByAdmin),
        ];

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The bulk insert runs inside the import's transaction.");
        command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(p => $"\"{Column(p)}\""))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})";
        var parameters = properties.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();

        var converters = properties.Select(p => entity.FindProperty(p)!.GetTypeMapping().Converter).ToArray();
        foreach (var book in books)
        {
            object?[] values =
            [
                book.Code, book.UnitCode, book.Type, book.Volume, book.RegisteredFrom,
                book.RegisteredTo, book.CaseCount, book.Condition, book.Status, book.ImportedAt,
                book.TeamId, book.QueuePosition, book.AssignedByAdmin,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                // Enums and dates go through the model's own converters, so the rows read back exactly as EF wrote them.
                parameters[i].Value = (values[i] is { } value && converters[i] is { } converter ? converter.ConvertToProvider(value) : values[i]) ?? DBNull.Value;
            }
            if (books.Count > 0 && ReferenceEquals(book, books[0]))
            {
                await command.PrepareAsync(ct);
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

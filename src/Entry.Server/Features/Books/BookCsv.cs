using System.Globalization;
using CsvHelper;
using Entry.Shared.Books;

namespace Entry.Server.Features.Books;

/// <summary>One row of the inventory CSV, in the import format.</summary>
public sealed record BookCsvRow(
    string BookCode, string UnitCode, BookType Type, int Volume,
    DateOnly RegisteredFrom, DateOnly RegisteredTo, int CaseCount, BookCondition Condition);

/// <summary>Writes books in the import format, so an export can be imported again as it is.</summary>
public static class BookCsv
{
    public static async Task WriteAsync(IAsyncEnumerable<BookCsvRow> rows, TextWriter writer, CancellationToken ct)
    {
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in BookImporter.Columns)
        {
            csv.WriteField(column);
        }
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.BookCode);
            csv.WriteField(row.UnitCode);
            csv.WriteField(BookNames.ToCsv(row.Type));
            csv.WriteField(row.Volume.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.RegisteredFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(row.RegisteredTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(row.CaseCount.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(BookNames.ToCsv(row.Condition));
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    public static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }
        await Task.CompletedTask;
    }
}

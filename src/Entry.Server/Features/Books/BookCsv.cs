using System.Globalization;
using CsvHelper;
using Entry.Server.Features.Spreadsheets;
using Entry.Shared.Books;

namespace Entry.Server.Features.Books;

/// <summary>One row of the inventory CSV, in the import format.</summary>
public sealed record BookCsvRow(
    string BookCode, string UnitCode, BookType Type, string Volume,
    DateOnly RegisteredFrom, DateOnly RegisteredTo, int CaseCount, BookCondition Condition);

/// <summary>Writes books in the import format, so an export can be imported again as it is (CsvHelper quotes a cell holding a comma, a quote or a line break).</summary>
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
            // Text cells through SpreadsheetText (a code stored before the code rule may start like a formula); dates and counts as they are.
            csv.WriteField(SpreadsheetText.Cell(row.BookCode));
            csv.WriteField(SpreadsheetText.Cell(row.UnitCode));
            csv.WriteField(BookNames.ToCsv(row.Type));
            csv.WriteField(SpreadsheetText.Cell(row.Volume));
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

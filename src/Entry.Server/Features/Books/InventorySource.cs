using Entry.Server.Common;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Entry.Server.Features.Books;

/// <summary>One row of an inventory file: its line (the header is line 1; in a workbook, the sheet's row number) and its cells as text.</summary>
internal readonly record struct SourceRow(int Line, string[] Cells);

/// <summary>A whole file the importer cannot read; its message is the answer's.</summary>
internal sealed class UnreadableInventoryException(Phrase reason) : Exception(reason.Code)
{
    public Phrase Reason { get; } = reason;
}

/// <summary>
/// The rows of an inventory file, a CSV (UTF-8) or an XLSX workbook (its first sheet), told apart by the file's first
/// bytes (a workbook is a ZIP archive), not by its name or content type, so a workbook sent as text/csv is read too.
/// Workbook cells become the text a CSV would hold: dates yyyy-MM-dd, whole numbers without decimals.
/// </summary>
internal static class InventorySource
{
    /// <summary>A province's workbook of 27,548 books unpacks to about 10 MB; past this it is refused rather than unpacked.</summary>
    public const long MaxUnpackedBytes = 256L * 1024 * 1024;

    private static ReadOnlySpan<byte> ZipSignature => "PK\x03\x04"u8;

    public static bool IsWorkbook(MemoryStream file) => file.Length >= 4 && file.GetBuffer().AsSpan(0, 4).SequenceEqual(ZipSignature);

    public static async IAsyncEnumerable<SourceRow> CsvRows(Stream csv, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(csv, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            BadDataFound = null,
        };
        using var parser = new CsvParser(reader, config);
        while (true)
        {
            bool read;
            try
            {
                read = await parser.ReadAsync();
            }
            catch (DecoderFallbackException)
            {
                throw new UnreadableInventoryException(Phrase.Of("import.notTextNorWorkbook"));
            }
            if (!read)
            {
                yield break;
            }
            ct.ThrowIfCancellationRequested();
            var record = parser.Record!;
            yield return new SourceRow(parser.RawRow - record.Sum(f => f.Count(c => c == '\n')), record);
        }
    }

    public static IEnumerable<SourceRow> WorkbookRows(MemoryStream file)
    {
        CheckArchive(file);
        file.Position = 0;
        IEnumerator<dynamic> rows;
        try
        {
            rows = MiniExcel.Query(file, useHeaderRow: false, excelType: ExcelType.XLSX).GetEnumerator();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Unreadable();
        }
        using (rows)
        {
            var line = 0;
            while (true)
            {
                try
                {
                    if (!rows.MoveNext())
                    {
                        yield break;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw Unreadable();
                }
                line++;
                var cells = ((IDictionary<string, object?>)rows.Current).Values.Select(Text).ToList();
                // A row ends at its last filled cell: empty cells after it are no columns (a CSV line holds none either).
                while (cells.Count > 0 && cells[^1].Length == 0)
                {
                    cells.RemoveAt(cells.Count - 1);
                }
                if (cells.Count > 0)
                {
                    // ...and a row that ends early holds empty cells up to the last column (what its CSV line would hold).
                    while (cells.Count < BookImporter.Columns.Length)
                    {
                        cells.Add("");
                    }
                    yield return new SourceRow(line, cells.ToArray());
                }
            }
        }
    }

    private static void CheckArchive(MemoryStream file)
    {
        try
        {
            file.Position = 0;
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                throw Unreadable();
            }
            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
            {
                throw new UnreadableInventoryException(Phrase.Of("import.workbookTooLarge", MaxUnpackedBytes / (1024 * 1024)));
            }
        }
        catch (InvalidDataException)
        {
            throw Unreadable();
        }
    }

    private static UnreadableInventoryException Unreadable() =>
        new("the file looks like a workbook (ZIP) but is not a readable XLSX workbook; save it again as XLSX or as \"CSV UTF-8\"");

    private static string Text(object? cell) => cell switch
    {
        null => "",
        string s => s.Trim(),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n when n == Math.Floor(n) && Math.Abs(n) < 1e15 => ((long)n).ToString(CultureInfo.InvariantCulture),
        decimal n when n == decimal.Floor(n) => decimal.ToInt64(n).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => cell.ToString()?.Trim() ?? "",
    };
}

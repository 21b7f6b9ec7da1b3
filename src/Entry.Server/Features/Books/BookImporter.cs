using System.Data.Common;
using Entry.Server.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Entry.Server.Data;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Books;

/// <summary>
/// Why a whole file was refused (as opposed to single rows); <paramref name="Conflict"/> when the store, not the file,
/// refused it; <paramref name="TooLarge"/> when the file is over <see cref="BookImporter.MaxFileBytes"/>.
/// </summary>
public sealed record ImportFileError(Phrase Reason, bool Conflict = false, bool TooLarge = false);

/// <summary>
/// Imports the book inventory CSV (SPEC §3). Every bad row is answered with its line and reason;
/// the good rows are stored together in one transaction, so a failure leaves nothing half-written.
/// </summary>
public sealed partial class BookImporter(EntryDb db, TimeProvider clock, ILogger<BookImporter> logger)
{
    public static readonly string[] Columns =
        ["book_code", "unit_code", "type", "volume", "registered_from", "registered_to", "case_count", "condition"];

    public const int MaxRows = 200_000;
    /// <summary>A province's inventory (27,548 books) is about 2 MB; 200,000 rows fit.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;
    /// <summary>No cell of the format needs more; a longer one is refused as a row error, unquoted.</summary>
    public const int MaxCellLength = 1000;
    /// <summary>The answer lists this many rejected rows and this many warnings at most (with the count of all).</summary>
    public const int MaxListedMessages = 1000;

    /// <summary>Imports a CSV (UTF-8) or an XLSX workbook (its first sheet), told apart by the file's first bytes.</summary>
    public async Task<(ImportResult? Result, ImportFileError? Error)> ImportAsync(Stream file, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        Parsed parsed;
        try
        {
            // At most MaxFileBytes are held: a workbook must be read from a seekable stream, and a CSV is small beside the rows it holds.
            using var copy = new MemoryStream();
            await new SizeLimitedStream(file, MaxFileBytes).CopyToAsync(copy, ct);
            copy.Position = 0;
            var source = InventorySource.IsWorkbook(copy)
                ? InventorySource.WorkbookRows(copy).ToAsyncEnumerable()
                : InventorySource.CsvRows(copy, ct);
            parsed = await ParseAsync(source, ct);
        }
        catch (SizeLimitedStream.LimitExceededException)
        {
            return (null, new ImportFileError(Phrase.Of("import.tooLarge", MaxFileBytes / (1024 * 1024)), TooLarge: true));
        }
        catch (UnreadableInventoryException unreadable)
        {
            return (null, new ImportFileError(unreadable.Reason));
        }
        if (parsed.Error is not null)
        {
            return (null, parsed.Error);
        }

        var (rows, rejected, warnings) = parsed.Value;
        // Reading every stored code is far cheaper than an IN over thousands of parameters (2.4 s for a province on SQLite).
        var stored = (await db.Books.AsNoTracking().Select(b => b.Code).ToListAsync(ct)).ToHashSet(BookCodes.Comparer);
        var accepted = new List<Book>(rows.Count);
        foreach (var row in rows)
        {
            if (stored.TryGetValue(row.Book.Code, out var storedCode))
            {
                rejected.Add(new ImportRowMessage(row.Line, row.Book.Code, Say(storedCode == row.Book.Code
                    ? Phrase.Of("import.alreadyStored")
                    : Phrase.Of("import.alreadyStoredOtherCase"))));
            }
            else
            {
                accepted.Add(row.Book);
                if (row.Warning is not null)
                {
                    warnings.Add(new ImportRowMessage(row.Line, row.Book.Code, Say(row.Warning)));
                }
            }
        }

        if (accepted.Count > 0)
        {
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await BulkInsert.InsertAsync(db, accepted, ct);
                await tx.CommitAsync(ct);
            }
            catch (DbException exception)
            {
                // The transaction is rolled back: typically another import stored one of these codes between our check and our insert.
                LogStoreFailed(accepted.Count, exception.Message);
                return (null, new ImportFileError(Phrase.Of("import.storeConflict"), Conflict: true));
            }
        }

        rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        warnings.Sort((a, b) => a.Line.CompareTo(b.Line));
        LogImported(accepted.Count, rejected.Count, warnings.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return (new ImportResult
        {
            Accepted = accepted.Count,
            Warnings = warnings.Take(MaxListedMessages).ToList(),
            Rejected = rejected.Take(MaxListedMessages).ToList(),
            WarningCount = warnings.Count,
            RejectedCount = rejected.Count,
        }, null);
    }

    private sealed record ParsedRow(int Line, Book Book, Phrase? Warning);

    private async Task<Parsed> ParseAsync(IAsyncEnumerable<SourceRow> source, CancellationToken ct)
    {
        var unitCodes = (await db.Units.AsNoTracking().Select(u => u.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var rows = new List<ParsedRow>();
        var rejected = new List<ImportRowMessage>();
        var warnings = new List<ImportRowMessage>();
        var firstLineOfCode = new Dictionary<string, int>(BookCodes.Comparer);

        await using var rowsOfFile = source.GetAsyncEnumerator(ct);
        if (!await rowsOfFile.MoveNextAsync())
        {
            return new Parsed(new ImportFileError(Phrase.Of("import.empty", string.Join(',', Columns))));
        }
        var header = rowsOfFile.Current.Cells.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(Columns))
        {
            return new Parsed(new ImportFileError(Phrase.Of("import.header", string.Join(',', Columns))));
        }

        while (await rowsOfFile.MoveNextAsync())
        {
            ct.ThrowIfCancellationRequested();
            var (line, record) = rowsOfFile.Current;
            if (rows.Count + rejected.Count >= MaxRows)
            {
                return new Parsed(new ImportFileError(Phrase.Of("import.tooManyRows", MaxRows.ToString("N0", CultureInfo.InvariantCulture))));
            }
            var code = record.Length > 0 ? record[0] : "";
            if (record.Length != Columns.Length)
            {
                rejected.Add(new ImportRowMessage(line, Echo(code), Say(Phrase.Of("import.columns", Columns.Length, record.Length))));
                continue;
            }
            var tooLong = Enumerable.Range(0, Columns.Length).Where(i => record[i].Length > MaxCellLength).Select(i => Columns[i]).ToList();
            if (tooLong.Count > 0)
            {
                rejected.Add(new ImportRowMessage(line, Echo(code),
                    Say(Phrase.Of("import.cellTooLong", string.Join(", ", tooLong), MaxCellLength.ToString("N0", CultureInfo.InvariantCulture)))));
                continue;
            }

            var reasons = new List<Phrase>();
            var book = ReadRow(record, unitCodes, reasons, now);
            if (BookCodes.IsValid(code))
            {
                if (firstLineOfCode.TryGetValue(code, out var first))
                {
                    reasons.Add(Phrase.Of("import.duplicate", first));
                }
                else
                {
                    firstLineOfCode[code] = line;
                }
            }

            if (reasons.Count > 0 || book is null)
            {
                rejected.Add(new ImportRowMessage(line, Echo(code), string.Join("; ", reasons.Select(Say))));
            }
            else
            {
                var warning = book.SpansCutoff
                    ? Phrase.Of("import.spansCutoff", BookNames.Cutoff)
                    : null;
                rows.Add(new ParsedRow(line, book, warning));
            }
        }
        return new Parsed((rows, rejected, warnings));
    }

    private static Book? ReadRow(string[] f, HashSet<string> unitCodes, List<Phrase> reasons, DateTimeOffset now)
    {
        var code = f[0];
        if (BookCodeText.Problem(code) is { } codeProblem)
        {
            reasons.Add(codeProblem);
        }

        var unit = f[1];
        if (unit.Length == 0)
        {
            reasons.Add(Phrase.Of("import.unitCode.missing"));
        }
        else if (!unitCodes.Contains(unit))
        {
            reasons.Add(Phrase.Of("import.unitCode.unknown", Echo(unit)));
        }

        var typeOk = BookNames.TryParseType(f[2], out var type);
        if (!typeOk)
        {
            reasons.Add(f[2].Length == 0
                ? Phrase.Of("import.type.missing")
                : Phrase.Of("import.type.unknown", Echo(f[2])));
        }

        var (volume, volumeProblem) = VolumeLabels.Normalize(f[3]);
        if (volumeProblem is not null)
        {
            reasons.Add(volumeProblem);
        }

        var from = ReadDate(f[4], "registered_from", reasons);
        var to = ReadDate(f[5], "registered_to", reasons);
        if (from is { } early && early < RegistryDates.Earliest)
        {
            reasons.Add(Phrase.Of("import.from.tooEarly", early, RegistryDates.Earliest));
        }
        if (from is { } start && start >= BookNames.Cutoff)
        {
            reasons.Add(Phrase.Of("import.from.afterCutoff", start, BookNames.Cutoff));
        }
        if (from is { } a && to is { } b && b < a)
        {
            reasons.Add(Phrase.Of("import.to.beforeFrom", b, a));
        }

        var caseCount = ReadCaseCount(f[6], reasons);

        var conditionOk = BookNames.TryParseCondition(f[7], out var condition);
        if (!conditionOk)
        {
            reasons.Add(f[7].Length == 0 ? Phrase.Of("import.condition.missing") : Phrase.Of("import.condition.unknown", Echo(f[7])));
        }

        if (reasons.Count > 0 || from is null || to is null || caseCount is null || volume is null)
        {
            return null;
        }
        return new Book
        {
            Code = code,
            UnitCode = unit,
            Type = type,
            Volume = volume,
            RegisteredFrom = from.Value,
            RegisteredTo = to.Value,
            CaseCount = caseCount.Value,
            Condition = condition,
            ImportedAt = now,
        };
    }

    private static DateOnly? ReadDate(string text, string column, List<Phrase> reasons)
    {
        if (text.Length == 0)
        {
            reasons.Add(Phrase.Of("import.column.missing", column));
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        reasons.Add(Phrase.Of("import.date.invalid", column, Echo(text)));
        return null;
    }

    private static int? ReadCaseCount(string text, List<Phrase> reasons)
    {
        if (text.Length == 0)
        {
            reasons.Add(Phrase.Of("import.caseCount.missing"));
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            reasons.Add(Phrase.Of("import.caseCount.notNumber", Echo(text)));
            return null;
        }
        if (count <= 0)
        {
            reasons.Add(Phrase.Of("import.caseCount.notPositive", count));
            return null;
        }
        if (count > BookNames.MaxCaseCount)
        {
            reasons.Add(Phrase.Of("import.caseCount.absurd", count, BookNames.MaxCaseCount));
            return null;
        }
        return (int)count;
    }

    /// <summary>A row's reason travels as plain text in the answer: worded now, in the request's language.</summary>
    private static string Say(Phrase? reason) => reason?.ToString() ?? "";

    /// <summary>A cell as an answer may quote it: at most <see cref="Common.Echo.MaxLength"/> characters, cut with an ellipsis; null when empty.</summary>
    internal static string? Echo(string s) => s.Length == 0 ? null : Common.Echo.Value(s);

    private readonly struct Parsed
    {
        public Parsed(ImportFileError error) => Error = error;
        public Parsed((List<ParsedRow>, List<ImportRowMessage>, List<ImportRowMessage>) value) => Value = value;
        public ImportFileError? Error { get; }
        public (List<ParsedRow> Rows, List<ImportRowMessage> Rejected, List<ImportRowMessage> Warnings) Value { get; }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Inventory import of {Count} books rolled back: {DatabaseError}")]
    private partial void LogStoreFailed(int count, string databaseError);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Inventory import: {Accepted} books stored, {Rejected} rows rejected, {Warnings} warnings, in {ElapsedMs} ms")]
    private partial void LogImported(int accepted, int rejected, int warnings, long elapsedMs);
}

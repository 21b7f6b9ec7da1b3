using System.Net.Http.Json;
using System.Text.Json;
using Entry.NationalDb.Contracts;
using Entry.Shared.Progress;
using Microsoft.Data.Sqlite;

namespace Entry.Benchmarks;

/// <summary>
/// After the replay (national backlog 0): Entry's count of logged cases, from its progress counters and from the rows of
/// its database, against the stub's record count and, book by book, the stub's holdings — the source ids it holds
/// against the ids the clerks were acknowledged, to find a case pushed twice, one never pushed, or a record nobody logged.
/// </summary>
internal sealed record ReplayReconciliation(
    long Expected, int BooksFinished, long Acknowledged, long AcknowledgedDistinct,
    ProgressResponse Progress, long? EntryRows, JsonElement National,
    long StubRecords, long StubHeld, long StubDistinctSources, long StubDuplicateEntries, long StubUnknownSources, long MissingInStub)
{
    private const int ParallelReads = 8;

    /// <summary>Every figure agrees and nothing is there twice.</summary>
    public bool Reconciled =>
        Progress.Entered == Expected && (EntryRows ?? Expected) == Expected
        && AcknowledgedDistinct == Expected && Acknowledged == AcknowledgedDistinct
        && StubRecords == Expected && StubHeld == Expected && StubDistinctSources == Expected
        && StubDuplicateEntries == 0 && StubUnknownSources == 0 && MissingInStub == 0;

    public static async Task<ReplayReconciliation> RunAsync(HttpClient admin, NationalStubProcess stub, string entryDatabase, IReadOnlyList<ReplayClerk> clerks)
    {
        var books = clerks.SelectMany(c => c.Finished).ToList();
        var acknowledged = clerks.SelectMany(c => c.Acknowledged).ToList();
        var ids = acknowledged.ToHashSet();
        var progress = (await admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;
        var national = await admin.GetFromJsonAsync<JsonElement>("/api/national/status");
        var stats = await stub.StatsAsync();

        var sources = new HashSet<Guid>();
        long held = 0, duplicateEntries = 0, unknown = 0;
        using var gate = new SemaphoreSlim(ParallelReads);
        var holdings = await Task.WhenAll(books.Select(async book =>
        {
            await gate.WaitAsync();
            try
            {
                return (await stub.Admin.GetFromJsonAsync<BookHoldings>($"/api/civil-records?bookCode={Uri.EscapeDataString(book.Code)}"))!;
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var holding in holdings)
        {
            held += holding.Records.Count;
            duplicateEntries += holding.Records.Count - holding.Records.Select(r => r.EntryNumber).Distinct().Count();
            foreach (var record in holding.Records)
            {
                sources.Add(record.SourceId);
                if (!ids.Contains(record.SourceId))
                {
                    unknown++;
                }
            }
        }
        var missing = ids.Count(id => !sources.Contains(id));

        return new ReplayReconciliation(books.Sum(b => (long)b.CaseCount), books.Count, acknowledged.Count, ids.Count,
            progress, CountRows(entryDatabase), national,
            stats.Records, held, sources.Count, duplicateEntries, unknown, missing);
    }

    public void Print()
    {
        Console.WriteLine($"| cases of the {BooksFinished:N0} finished books (inventory: {Progress.BooksTotal:N0} books, {Progress.Target:N0} cases) | **{Expected:N0}** |");
        Console.WriteLine($"| Entry: cases logged (progress counter) / case rows in its database | {Progress.Entered:N0} / {(EntryRows is { } rows ? rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "n/a")} |");
        Console.WriteLine($"| Entry: books finished | {Progress.BooksFinished:N0} |");
        Console.WriteLine($"| acknowledged to the clerks: answers / distinct case ids | {Acknowledged:N0} / {AcknowledgedDistinct:N0} |");
        Console.WriteLine($"| stub: records / held for those books / distinct source ids | {StubRecords:N0} / {StubHeld:N0} / {StubDistinctSources:N0} |");
        Console.WriteLine($"| stub: duplicates (one entry number held twice) / records nobody was acknowledged / acknowledged cases it lacks | " +
            $"{StubDuplicateEntries:N0} / {StubUnknownSources:N0} / {MissingInStub:N0} |");
        Console.WriteLine($"| national status | synced {National.GetProperty("synced")}, rejected {National.GetProperty("rejected")}, backlog {National.GetProperty("backlog")}, waiting for verification {National.GetProperty("waitingForVerification")} |");
        Console.WriteLine($"| reconciliation | **{(Reconciled ? "OK: Entry = stub = expected, 0 duplicates" : "MISMATCH")}** |");
    }

    /// <summary>Rows of the case table (whichever name it has), read-only; null when no such table is found.</summary>
    private static long? CountRows(string database)
    {
        if (!File.Exists(database))
        {
            return null;
        }
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        if (CaseTable.Find(connection) is not { } table)
        {
            return null;
        }
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        var rows = (long)count.ExecuteScalar()!;
        connection.Close();
        SqliteConnection.ClearAllPools();
        return rows;
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Entry.Server.Data.Demo;
using Entry.Server.Features.Books;
using Entry.Server.Features.Units;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Microsoft.Data.Sqlite;

namespace Entry.Benchmarks;

/// <summary>
/// The 27,548-row inventory imported over HTTP into a fresh Release server, against the raw SQLite insert of
/// the same rows into the same schema (one transaction, one prepared statement) as the baseline.
/// </summary>
internal static class ImportBenchmark
{
    private const string AdminPassword = "Bench-admin-2026";

    public static async Task RunAsync(int runs)
    {
        var units = UnitCatalog.Read(UnitCatalog.OpenEmbeddedBinhPhuoc());
        var rows = DemoInventory.Generate(units);
        var csv = await ToCsvAsync(rows);
        Console.WriteLine($"Import benchmark: {rows.Count:N0} rows, {csv.Length / 1024.0 / 1024.0:0.00} MiB of CSV, {runs} runs, each on a fresh server and data directory.");

        var http = new List<double>();
        var raw = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            string dataDirectory;
            await using (var server = await ServerProcess.StartAsync(new Dictionary<string, string>
            {
                ["Entry:Demo:Enabled"] = "false",
                ["Entry:Admin:UserName"] = "bench",
                ["Entry:Admin:Password"] = AdminPassword,
            }))
            {
                dataDirectory = server.DataDirectory;
                using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
                var login = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest("bench", AdminPassword));
                var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!;
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);

                var watch = Stopwatch.StartNew();
                var response = await client.PostAsync("/api/books/import", new ByteArrayContent(csv) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } });
                var result = await response.Content.ReadFromJsonAsync<ImportResult>();
                watch.Stop();
                if (result?.Accepted != rows.Count)
                {
                    throw new InvalidOperationException($"The import stored {result?.Accepted} of {rows.Count} rows ({response.StatusCode}).");
                }
                http.Add(watch.Elapsed.TotalSeconds);
            }

            raw.Add(RawSqliteInsert(Path.Combine(dataDirectory, "entry.db"), rows).TotalSeconds);
            Console.WriteLine($"  run {run}: HTTP import {http[^1]:0.000} s, raw SQLite insert {raw[^1]:0.000} s");
            TryDelete(dataDirectory);
        }

        var medianHttp = Stats.Median(http);
        var medianRaw = Stats.Median(raw);
        Console.WriteLine();
        Console.WriteLine($"import of {rows.Count:N0} books over HTTP (parse, validate, check duplicates, store): median {medianHttp:0.000} s  ({rows.Count / medianHttp:N0} rows/s)");
        Console.WriteLine($"baseline, raw SQLite insert of the same rows:                                  median {medianRaw:0.000} s  ({rows.Count / medianRaw:N0} rows/s)");
        Console.WriteLine($"ratio import / baseline: {medianHttp / medianRaw:0.0}x");
    }

    private static async Task<byte[]> ToCsvAsync(IReadOnlyList<BookCsvRow> rows)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            await BookCsv.WriteAsync(BookCsv.ToAsync(rows), writer, CancellationToken.None);
        }
        return buffer.ToArray();
    }

    /// <summary>The same rows into an empty copy of the schema the server created (tables, indexes, WAL), in one transaction.</summary>
    private static TimeSpan RawSqliteInsert(string serverDatabase, IReadOnlyList<BookCsvRow> rows)
    {
        var copy = Path.Combine(Path.GetDirectoryName(serverDatabase)!, "baseline.db");
        using (var source = new SqliteConnection($"Data Source={serverDatabase}"))
        using (var target = new SqliteConnection($"Data Source={copy}"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
            Execute(target, "DELETE FROM \"Books\"; PRAGMA journal_mode=WAL;");
        }

        var created = DateTimeOffset.UtcNow;
        using var connection = new SqliteConnection($"Data Source={copy}");
        connection.Open();
        var watch = Stopwatch.StartNew();
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO \"Books\" (\"Code\", \"UnitCode\", \"Type\", \"Volume\", \"RegisteredFrom\", \"RegisteredTo\", \"CaseCount\", \"Condition\", \"Status\", \"ImportedAt\", \"TeamId\", \"QueuePosition\", \"AssignedByAdmin\") VALUES ($c, $u, $t, $v, $f, $to, $n, $k, 0, $i, NULL, 0, 0)";
        var p = new[] { "$c", "$u", "$t", "$v", "$f", "$to", "$n", "$k", "$i" }.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        insert.Prepare();
        foreach (var row in rows)
        {
            p[0].Value = row.BookCode;
            p[1].Value = row.UnitCode;
            p[2].Value = (int)row.Type;
            p[3].Value = row.Volume;
            p[4].Value = row.RegisteredFrom;
            p[5].Value = row.RegisteredTo;
            p[6].Value = row.CaseCount;
            p[7].Value = (int)row.Condition;
            p[8].Value = created;
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        watch.Stop();
        return watch.Elapsed;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void TryDelete(string directory)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.Server.Features.Backup;
using Entry.Server.Tests.National;
using Entry.Shared.Claims;
using Entry.Shared.Entries;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Entry.Server.Tests.Operations;

/// <summary>
/// The one-box backup as an operator uses it, with real processes: a server takes cases from a clerk who keeps several
/// in flight at once; meanwhile <c>backup FILE</c> runs as a command of its own beside it; after the ingest the Admin's
/// endpoint takes a second backup. Each backup restored into a data directory of its own and served again holds every
/// case acknowledged before that backup started, passes <c>integrity_check</c>, and its counters agree with its rows.
/// </summary>
public sealed class BackupDuringIngestTests(ITestOutputHelper output) : IDisposable
{
    private const int BeforeBackup = 150;
    private const int AfterBackup = 100;
    private const int InFlight = 8;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    private readonly string root = Path.Combine(Path.GetTempPath(), "entry-backup-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_backup_taken_while_clerks_log_holds_every_case_acknowledged_before_it_and_restores_into_a_working_server()
    {
        var watch = Stopwatch.StartNew();
        var live = Path.Combine(root, "live");
        var firstFile = Path.Combine(root, "off-site", "during-ingest.db");
        var offset = CrashTests.ClockOffset(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15));
        var acknowledged = new ConcurrentDictionary<Guid, CaseEntryResult>();
        HashSet<Guid> beforeFirst;
        EntryCommand.Outcome first;
        JsonElement second;
        await using (var server = await StartAsync(live, offset))
        {
            using var clerk = await CrashTests.SignInAsync(server.Address, "clerk");
            using var admin = await CrashTests.SignInAsync(server.Address, "admin");
            var reachedBackup = new TaskCompletionSource();
            var stopAt = int.MaxValue;
            var ingest = Task.Run(() => IngestAsync(clerk, acknowledged, reachedBackup, () => acknowledged.Count >= Volatile.Read(ref stopAt)));
            await Task.WhenAny(reachedBackup.Task, ingest).WaitAsync(TimeSpan.FromMinutes(3));
            if (ingest.IsFaulted)
            {
                await ingest;
            }

            // Every case answered 201 up to here must be in the backup; the ones answered while it runs may be.
            beforeFirst = acknowledged.Keys.ToHashSet();
            first = await EntryCommand.RunAsync("backup", firstFile, "--Entry:DataDirectory", live);
            var during = acknowledged.Count - beforeFirst.Count;
            output.WriteLine($"backup command after {watch.Elapsed.TotalSeconds:0.0} s: {beforeFirst.Count} cases before it, {during} acknowledged while it ran\n{first.Output}");
            Assert.True(first.ExitCode == 0, first.ToString());
            // The clerk goes on after the backup, so the backup cannot hold every case.
            Volatile.Write(ref stopAt, acknowledged.Count + AfterBackup);
            await ingest.WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(during > 0, "No case was acknowledged while the backup command ran: it did not run during the ingest.");

            using var response = await admin.PostAsync("/api/operations/backup", null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            second = await response.Content.ReadFromJsonAsync<JsonElement>();
            output.WriteLine($"endpoint after the ingest: {second}");
            Assert.Equal(acknowledged.Count, second.GetProperty("cases").GetInt32());
        }
        output.WriteLine($"{acknowledged.Count} cases acknowledged in all");
        var secondFile = Path.Combine(live, "backups", second.GetProperty("file").GetString()!);
        Assert.Equal(new FileInfo(secondFile).Length, second.GetProperty("bytes").GetInt64());

        // The box is lost: a new data directory, the first backup restored into it, a server on it.
        var restored = Path.Combine(root, "restored");
        var restore = await EntryCommand.RunAsync("restore", firstFile, "--Entry:DataDirectory", restored);
        output.WriteLine(restore.Output);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        var firstRows = Integrity(firstFile);
        Assert.Superset(beforeFirst, firstRows);
        Assert.True(firstRows.Count < acknowledged.Count, "The first backup holds every case: it was not taken during the ingest.");
        await using (var server = await StartAsync(restored, offset))
        {
            using var admin = await CrashTests.SignInAsync(server.Address, "admin");
            foreach (var id in beforeFirst)
            {
                using var read = await admin.GetAsync($"/api/entries/{id}");
                Assert.True(read.StatusCode == HttpStatusCode.OK, $"case {id}, acknowledged before the backup, is missing after the restore: {(int)read.StatusCode}");
            }
            var progress = await admin.GetFromJsonAsync<JsonElement>("/api/progress");
            Assert.Equal(firstRows.Count, progress.GetProperty("entered").GetInt32());
        }

        // The nightly kind of backup, restored over the first: everything acknowledged is there.
        restore = await EntryCommand.RunAsync("restore", secondFile, "--Entry:DataDirectory", restored);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Single(Directory.GetFiles(restored, "entry.db.before-restore-*"));
        Assert.Equal(acknowledged.Keys.ToHashSet(), Integrity(secondFile));
        await using (var server = await StartAsync(restored, offset))
        {
            using var admin = await CrashTests.SignInAsync(server.Address, "admin");
            var progress = await admin.GetFromJsonAsync<JsonElement>("/api/progress");
            Assert.Equal(acknowledged.Count, progress.GetProperty("entered").GetInt32());
            var ids = acknowledged.Keys.Take(50).ToList();
            foreach (var id in ids)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/entries/{id}")).StatusCode);
            }
        }
        output.WriteLine($"done after {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Claims book after book, with <see cref="InFlight"/> cases in flight at once, until <paramref name="done"/>.</summary>
    private static async Task IngestAsync(HttpClient clerk, ConcurrentDictionary<Guid, CaseEntryResult> acknowledged, TaskCompletionSource reachedBackup, Func<bool> done)
    {
        while (!done())
        {
            using var claim = await clerk.PostAsync("/api/claims/next", null);
            Assert.True(claim.IsSuccessStatusCode, $"Claiming a book: {(int)claim.StatusCode} {await claim.Content.ReadAsStringAsync()}");
            var book = (await claim.Content.ReadFromJsonAsync<ClaimedBook>())!;
            var requests = Enumerable.Range(book.CasesLogged + book.CasesSkipped + 1, book.CaseCount - book.CasesLogged - book.CasesSkipped)
                .Select(n => CrashCases.For(book, n)).ToList();
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (request, ct) =>
            {
                if (done())
                {
                    return;
                }
                using var response = await clerk.PostAsJsonAsync("/api/entries", request, ct);
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"Logging {request.BookCode} #{request.EntryNumber}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                acknowledged[request.Id] = (await response.Content.ReadFromJsonAsync<CaseEntryResult>(ct))!;
                if (acknowledged.Count >= BeforeBackup)
                {
                    reachedBackup.TrySetResult();
                }
            });
        }
        reachedBackup.TrySetResult();
    }

    /// <summary>The backup passes integrity_check; the ids of the cases it holds.</summary>
    private static HashSet<Guid> Integrity(string file)
    {
        using var connection = SqliteBackup.Open(file, SqliteOpenMode.ReadOnly);
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", (string)check.ExecuteScalar()!);
        }
        using var ids = connection.CreateCommand();
        ids.CommandText = "SELECT \"Id\" FROM \"CaseEntries\";";
        using var reader = ids.ExecuteReader();
        var found = new HashSet<Guid>();
        while (reader.Read())
        {
            found.Add(reader.GetGuid(0));
        }
        return found;
    }

    private static Task<DotnetProcess> StartAsync(string dataDirectory, TimeSpan offset) =>
        DotnetProcess.StartAsync("Entry.Server.dll", Entry.Testing.FreePort.Next(), [], new Dictionary<string, string>
        {
            ["Entry__DataDirectory"] = dataDirectory,
            ["Entry__Demo__Enabled"] = "true",
            ["Entry__Clock__Offset"] = offset.ToString("c", CultureInfo.InvariantCulture),
            ["NationalDb__EmbeddedUrl"] = "http://127.0.0.1:0",
            ["NationalDb__Dispatch__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        }, "/health/ready", ReadyTimeout);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a dying process; the temp folder is cleaned eventually
        }
    }
}

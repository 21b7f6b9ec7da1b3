using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.Shared.Progress;
using Entry.Shared.Shifts;

namespace Entry.Benchmarks;

/// <summary>
/// The whole demo province logged through the HTTP API: the Release server with the demo sprint on a fresh data
/// directory, its clock put at the start of a shift long enough for the run, the national push running against the
/// stub (its own Release process). Every member the demo roster puts on that shift (all teams, leaders aside) claims
/// books of their team's queue and logs every entry of each until the queue is empty; then the tool waits for the
/// national backlog to reach 0 and reconciles Entry's count with the stub's. Prints the time, the rate, the server's
/// peak resident memory (sampled every second) and the reconciliation. <c>--books n</c> replays only n books.
/// </summary>
internal static class ReplayBenchmark
{
    private const long ProvinceCases = 1_457_884;
    private const int AverageCasesPerBook = 53;
    // Today's rate, only to choose a shift long enough for the run.
    private const double AssumedCasesPerSecond = 200;
    private static readonly TimeSpan SetupAllowance = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestRun = TimeSpan.FromHours(4.5);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(60);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(int bookLimit)
    {
        var partial = bookLimit != int.MaxValue;
        var cases = partial ? (long)bookLimit * AverageCasesPerBook : ProvinceCases;
        var needed = SetupAllowance + TimeSpan.FromSeconds(cases / AssumedCasesPerSecond) + TimeSpan.FromMinutes(10);
        var offset = EntryLoadSetup.ClockOffset(DateTimeOffset.UtcNow, needed < LongestRun ? needed : LongestRun);
        Console.WriteLine($"Replay of {(partial ? $"{bookLimit:N0} books" : "the whole demo province")} through the HTTP API, national push against the stub; " +
            $"server clock offset {(offset == TimeSpan.Zero ? "none (the open shift lasts long enough)" : $"+{(int)offset.TotalHours} h {offset.Minutes:00} min, into the next shift")}.");

        await using var stub = await NationalStubProcess.StartAsync();
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Entry:Demo:Enabled"] = "true",
            ["Entry:Clock:Offset"] = offset.ToString("c", CultureInfo.InvariantCulture),
            ["Entry:Auth:LoginAttemptsPerMinute"] = "10000",
            // The run may outlast the default hour of a bearer token; a clerk's page would refresh it instead.
            ["Entry:Auth:TokenMinutes"] = "600",
            ["NationalDb:BaseUrl"] = stub.Address.ToString(),
        });
        await using var memory = new ProcessMemory(server.ProcessId);
        Console.WriteLine($"  server ready in {server.StartedIn.TotalSeconds:0.0} s at {server.Address} (pid {server.ProcessId}), stub at {stub.Address}");

        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromHours(10), MaxConnectionsPerServer = int.MaxValue };
        using var admin = await EntryLoadSetup.SignInAsync(handler, server.Address, "admin");
        var clock = (await admin.GetFromJsonAsync<ShiftClockState>("/api/shifts/clock"))!;
        var inventory = (await admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;
        var budget = new ReplayBudget(bookLimit);
        var signIns = Stopwatch.StartNew();
        var clerks = await ReplayRoster.SignInAsync(admin, handler, budget);
        Console.WriteLine($"  server time {clock.Now:yyyy-MM-dd HH:mm}, shift {clock.Open?.Shift} until {clock.Open?.Ends:HH:mm}; inventory {inventory.BooksTotal:N0} books, " +
            $"{inventory.Target:N0} cases; {clerks.Count} clerks of {clerks.Select(c => c.TeamId).Distinct().Count()} teams rostered on the shift signed in " +
            $"in {signIns.Elapsed.TotalSeconds:0} s");

        var run = Stopwatch.StartNew();
        var working = Task.WhenAll(clerks.Select(c => Task.Run(c.RunAsync)));
        await ReportWhileAsync(working, run, clerks, stub, memory);
        var logging = run.Elapsed;
        Console.WriteLine($"  clerks done after {logging.TotalSeconds:0} s; waiting for the national backlog to reach 0");
        await WaitForEmptyBacklogAsync(admin, run, stub, memory);
        var total = run.Elapsed;

        var reconciliation = await ReplayReconciliation.RunAsync(admin, stub, Path.Combine(server.DataDirectory, "entry.db"), clerks);
        var logged = clerks.Sum(c => c.Logged);
        var latencies = clerks.SelectMany(c => c.Latencies).ToList();
        var errors = clerks.SelectMany(c => c.Errors).GroupBy(e => e.Key, e => e.Value).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Sum():N0}").ToList();
        var stops = clerks.GroupBy(c => c.StoppedBy ?? "?").OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} × {g.Key}");

        Console.WriteLine();
        Console.WriteLine($"| replay | {(partial ? $"{reconciliation.BooksFinished:N0} books (--books {bookLimit})" : "the whole province")}, {clerks.Count} clerks |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| total time: first claim → every case logged and national backlog 0 | **{total.TotalSeconds:N0} s** ({total.TotalMinutes:0.0} min) |");
        Console.WriteLine($"| logging alone (first claim → last clerk done) / national catch-up after it | {logging.TotalSeconds:N0} s / {(total - logging).TotalSeconds:N0} s |");
        Console.WriteLine($"| rate | **{logged / total.TotalSeconds:N0} cases/s** overall, {logged / logging.TotalSeconds:N0}/s while logging |");
        Console.WriteLine($"| request latency p50 / p99 | {Stats.Percentile(latencies, 50):0} ms / {Stats.Percentile(latencies, 99):0} ms |");
        Console.WriteLine($"| server resident memory: peak of {memory.Samples:N0} samples (1/s) / kernel high-water mark | **{memory.PeakMb:N0} MB** / {memory.HighWaterMb:N0} MB |");
        Console.WriteLine($"| errors met and retried (non-2xx, exceptions) | {(errors.Count == 0 ? "none" : string.Join(", ", errors))} |");
        Console.WriteLine($"| clerks stopped because | {string.Join("; ", stops)} |");
        reconciliation.Print();
        if (partial)
        {
            var full = TimeSpan.FromSeconds(ProvinceCases / (logged / total.TotalSeconds));
            Console.WriteLine($"| EXTRAPOLATED, not measured: the whole province ({ProvinceCases:N0} cases) at this overall rate | ~{full.TotalMinutes:N0} min " +
                "(ignores the tail of the longest queue, the growing database and the memory a full run needs) |");
        }
    }

    /// <summary>Every 30 s while the clerks work: cases acknowledged, the rate since the last line, clerks still working, the stub's records and the server's memory.</summary>
    private static async Task ReportWhileAsync(Task working, Stopwatch run, IReadOnlyList<ReplayClerk> clerks, NationalStubProcess stub, ProcessMemory memory)
    {
        long previous = 0;
        var previousAt = TimeSpan.Zero;
        while (await Task.WhenAny(working, Task.Delay(ReportEvery)) != working)
        {
            var logged = clerks.Sum(c => (long)c.Logged);
            var now = run.Elapsed;
            var records = (await stub.StatsAsync()).Records;
            Console.WriteLine($"  {now.TotalMinutes,5:0.0} min: {logged,9:N0} cases ({(logged - previous) / (now - previousAt).TotalSeconds,5:N0}/s), " +
                $"{clerks.Count(c => !c.Done),3} clerks working, stub {records,9:N0} records, server RSS {memory.LastMb:N0} MB (peak {memory.PeakMb:N0})");
            (previous, previousAt) = (logged, now);
        }
        await working;
    }

    private static async Task WaitForEmptyBacklogAsync(HttpClient admin, Stopwatch run, NationalStubProcess stub, ProcessMemory memory)
    {
        var waiting = Stopwatch.StartNew();
        var lastLine = TimeSpan.Zero;
        while (true)
        {
            var status = await admin.GetFromJsonAsync<JsonElement>("/api/national/status");
            // Cases held for verification are never sent without an officer: the replay flags none, and the reconciliation shows any.
            if (status.GetProperty("backlog").GetInt32() == 0)
            {
                return;
            }
            if (waiting.Elapsed > DrainLimit)
            {
                throw new TimeoutException($"The national backlog did not reach 0 within {DrainLimit.TotalMinutes} min: {status}");
            }
            if (waiting.Elapsed - lastLine >= ReportEvery)
            {
                lastLine = waiting.Elapsed;
                Console.WriteLine($"  {run.Elapsed.TotalMinutes,5:0.0} min: backlog {status.GetProperty("backlog")}, stub {(await stub.StatsAsync()).Records:N0} records, " +
                    $"server RSS {memory.LastMb:N0} MB (peak {memory.PeakMb:N0})");
            }
            await Task.Delay(500);
        }
    }
}

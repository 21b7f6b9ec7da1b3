using System.Globalization;
using System.Net.Http.Json;
using Entry.Shared.Shifts;
using Microsoft.Data.Sqlite;

namespace Entry.Benchmarks;

/// <summary>
/// Case entry under load: N simulated clerks drive <c>POST /api/entries</c> over real HTTP against the Release server
/// (a fresh data directory with the demo sprint) while dashboards are connected to the hub. Prints entries per second
/// sustained, request latency and hub delivery lag (p50/p99), the errors by status, and — measured in the same run —
/// the raw SQLite insert rate of the same rows as the baseline.
/// </summary>
internal static class EntryLoadBenchmark
{
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(5);
    // Start-up with the demo sprint (~7 s), sign-ins and claims, plus a wide margin.
    private static readonly TimeSpan SetupAllowance = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(int clerkCount, int seconds, int dashboardCount)
    {
        var measured = TimeSpan.FromSeconds(seconds);
        var warmUp = TimeSpan.FromTicks(Math.Min(MaxWarmUp.Ticks, measured.Ticks / 5));
        var offset = EntryLoadSetup.ClockOffset(DateTimeOffset.UtcNow, SetupAllowance + warmUp + measured);
        Console.WriteLine($"Entry load: {clerkCount} clerks, {dashboardCount} dashboards, {warmUp.TotalSeconds:0} s warm-up + {seconds} s measured; " +
            $"server clock offset {(offset == TimeSpan.Zero ? "none (a shift is open)" : $"+{(int)offset.TotalHours} h {offset.Minutes:00} min, into the next shift")}.");

        string dataDirectory;
        EntryLoadReport report;
        await using (var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Entry:Demo:Enabled"] = "true",
            ["Entry:Clock:Offset"] = offset.ToString("c", CultureInfo.InvariantCulture),
            ["Entry:Auth:LoginAttemptsPerMinute"] = "10000",
        }))
        {
            dataDirectory = server.DataDirectory;
            Console.WriteLine($"  server ready in {server.StartedIn.TotalSeconds:0.0} s at {server.Address}");
            report = await DriveAsync(server.Address, clerkCount, dashboardCount, warmUp, measured);
        }

        var baseline = EntryLoadBaseline.Run(Path.Combine(dataDirectory, "entry.db"));
        report.Print(baseline.Rows, baseline.Elapsed);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }

    private static async Task<EntryLoadReport> DriveAsync(Uri address, int clerkCount, int dashboardCount, TimeSpan warmUp, TimeSpan measured)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = int.MaxValue };
        using var admin = await EntryLoadSetup.SignInAsync(handler, address, "admin");
        var clock = (await admin.GetFromJsonAsync<ShiftClockState>("/api/shifts/clock"))!;
        var clerks = await EntryLoadSetup.ClerksAsync(admin, handler, clerkCount);
        Console.WriteLine($"  server time {clock.Now:yyyy-MM-dd HH:mm} (shift {clock.Open?.Shift}); {clerks.Count} clerks of " +
            $"{clerks.Select(c => c.TeamId).Distinct().Count()} teams signed in, each holding a book");

        var tokens = new List<string> { await EntryLoadSetup.TokenAsync(admin, "monitor"), await EntryLoadSetup.TokenAsync(admin, "admin") };
        await using var dashboards = await EntryLoadDashboards.ConnectAsync(address, dashboardCount, tokens, clerks.Select(c => c.TeamId).Distinct().ToList());
        Console.WriteLine($"  {dashboards.Count} dashboards subscribed ({dashboards.TeamScoped} to a team, the others to the province)");

        var window = new EntryLoadWindow(warmUp, measured);
        await Task.WhenAll(clerks.Select(c => Task.Run(() => c.RunAsync(window, dashboards))));
        // The last coalesced batches (every ~250 ms) are still on their way.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (lags, undelivered, batches) = dashboards.Results();
        return new EntryLoadReport(clerks, measured, dashboards.Count, lags, undelivered, batches);
    }
}

/// <summary>What a load run measured, printed as a compact table.</summary>
internal sealed record EntryLoadReport(IReadOnlyList<EntryLoadClerk> Clerks, TimeSpan Measured, int Dashboards,
    List<double> LagsMs, int Undelivered, long Batches)
{
    public void Print(int baselineRows, TimeSpan baselineElapsed)
    {
        var latencies = Clerks.SelectMany(c => c.Latencies).ToList();
        var stored = Clerks.Sum(c => c.Stored);
        var perSecond = stored / Measured.TotalSeconds;
        var baselinePerSecond = baselineRows / baselineElapsed.TotalSeconds;
        var errors = Clerks.SelectMany(c => c.Errors)
            .GroupBy(e => e.Key, e => e.Value)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Sum()}")
            .ToList();

        Console.WriteLine();
        Console.WriteLine($"| what | {Clerks.Count} clerks, {Dashboards} dashboards, {Measured.TotalSeconds:0} s |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| cases stored (201) in the measured window | {stored:N0} ({Clerks.Sum(c => c.StoredInRun):N0} in the whole run, {Clerks.Sum(c => c.BooksFinished)} books finished) |");
        Console.WriteLine($"| entries per second, sustained | **{perSecond:N0}** |");
        Console.WriteLine($"| request latency p50 / p99 | {Stats.Percentile(latencies, 50):0.0} ms / {Stats.Percentile(latencies, 99):0.0} ms |");
        Console.WriteLine($"| hub delivery lag p50 / p99 | {Stats.Percentile(LagsMs, 50):0} ms / {Stats.Percentile(LagsMs, 99):0} ms ({LagsMs.Count:N0} deliveries, {Undelivered} missing, {Batches:N0} batches) |");
        Console.WriteLine($"| errors (non-2xx) | {(errors.Count == 0 ? "none" : string.Join(", ", errors))} |");
        Console.WriteLine($"| baseline: raw SQLite insert of the same {baselineRows:N0} rows, one transaction each | {baselinePerSecond:N0} rows/s |");
        Console.WriteLine($"| ratio | an entry over HTTP costs {baselinePerSecond / perSecond:0.0}x the bare insert |");
        if (Clerks.Select(c => c.FirstProblem).FirstOrDefault(p => p is not null) is { } problem)
        {
            Console.WriteLine();
            Console.WriteLine($"first refusal: {problem}");
        }
    }
}

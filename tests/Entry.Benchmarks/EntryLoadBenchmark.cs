using System.Globalization;
using System.Net.Http.Json;
using Entry.Shared.Shifts;
using Microsoft.Data.Sqlite;

namespace Entry.Benchmarks;

/// <summary>
/// Case entry under load: N simulated clerks drive <c>POST /api/entries</c> over real HTTP against the Release server
/// (a fresh data directory with the demo sprint) while dashboards are connected to the hub. Each round measures, one
/// after the other so the machine's noise hits all three: (1) the full pipeline — entries per second sustained,
/// request latency and hub delivery lag (p50/p99), errors by status; (2) the raw SQLite insert of the very rows the
/// server stored, one transaction each; (3) the same clerks, bodies and connections against a bare endpoint that
/// stores nothing. With several rounds it prints the medians and the medians of each round's ratios.
/// </summary>
internal static class EntryLoadBenchmark
{
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(5);
    // Start-up with the demo sprint (~7 s), sign-ins, claims and the dashboards' connections, plus a wide margin.
    private static readonly TimeSpan SetupAllowance = TimeSpan.FromMinutes(3);

    /// <param name="sampling">
    /// <c>on</c> (the server's default: quality samples drawn as books finish, at the default settings), <c>off</c>
    /// (<c>Entry:Quality:Enabled=false</c>), or <c>both</c>: each round runs the full pipeline with sampling off, then on,
    /// one right after the other, and prints the share of the rate sampling keeps.
    /// </param>
    public static async Task RunAsync(int clerkCount, int seconds, int dashboardCount, int runs, string sampling = "on")
    {
        if (sampling == "both")
        {
            await CompareSamplingAsync(clerkCount, seconds, dashboardCount, runs);
            return;
        }
        samplingEnabled = sampling != "off";
        var measured = TimeSpan.FromSeconds(seconds);
        var warmUp = TimeSpan.FromTicks(Math.Min(MaxWarmUp.Ticks, measured.Ticks / 5));
        Console.WriteLine($"Entry load: {clerkCount} clerks, {dashboardCount} dashboards, {warmUp.TotalSeconds:0} s warm-up + {seconds} s measured, " +
            $"{runs} round(s) of: full pipeline, raw SQLite insert of the same rows, bare endpoint.");

        var rounds = new List<EntryLoadFigures>();
        for (var round = 1; round <= runs; round++)
        {
            Console.WriteLine();
            Console.WriteLine($"Round {round} of {runs}");
            var figures = await RoundAsync(clerkCount, dashboardCount, warmUp, measured);
            figures.Print(round);
            rounds.Add(figures);
        }
        if (rounds.Count > 1)
        {
            EntryLoadFigures.PrintMedians(rounds);
        }
    }

    private static bool samplingEnabled = true;

    /// <summary>How many quality samples the run drew (books finished while it ran), so "sampling on" is seen to sample.</summary>
    private static void PrintQualityDraws(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM QualityPasses), (SELECT COUNT(*) FROM QualityItems), (SELECT COUNT(*) FROM Books WHERE Status = 2)";
        using var reader = command.ExecuteReader();
        reader.Read();
        Console.WriteLine($"  quality sampling {(samplingEnabled ? "on" : "off")}: {reader.GetInt64(2)} books finished, {reader.GetInt64(0)} samples drawn, " +
            $"{reader.GetInt64(1)} entries to re-key");
    }

    private static async Task CompareSamplingAsync(int clerkCount, int seconds, int dashboardCount, int runs)
    {
        var measured = TimeSpan.FromSeconds(seconds);
        var warmUp = TimeSpan.FromTicks(Math.Min(MaxWarmUp.Ticks, measured.Ticks / 5));
        Console.WriteLine($"Entry load, quality sampling off then on: {clerkCount} clerks, {dashboardCount} dashboards, {runs} round(s)");
        var ratios = new List<double>();
        for (var round = 1; round <= runs; round++)
        {
            samplingEnabled = false;
            var off = await RoundAsync(clerkCount, dashboardCount, warmUp, measured);
            off.Print(round);
            samplingEnabled = true;
            var on = await RoundAsync(clerkCount, dashboardCount, warmUp, measured);
            on.Print(round);
            ratios.Add(on.EntriesPerSecond / off.EntriesPerSecond);
            Console.WriteLine($"| round {round}: entries per second, sampling off | **{off.EntriesPerSecond:N0}** | sampling on (default settings: 5 %, a clerk's first 50 cases all) | " +
                $"**{on.EntriesPerSecond:N0}** | on ÷ off **{ratios[^1]:0.000}** |");
        }
        Console.WriteLine($"Median on ÷ off: {ratios.Order().ElementAt(ratios.Count / 2):0.000}");
    }

    private static async Task<EntryLoadFigures> RoundAsync(int clerkCount, int dashboardCount, TimeSpan warmUp, TimeSpan measured)
    {
        var offset = EntryLoadSetup.ClockOffset(DateTimeOffset.UtcNow, SetupAllowance + warmUp + measured);
        Console.WriteLine($"  server clock offset {(offset == TimeSpan.Zero ? "none (a shift is open)" : $"+{(int)offset.TotalHours} h {offset.Minutes:00} min, into the next shift")}");
        string dataDirectory;
        EntryLoadReport report;
        await using (var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Entry:Demo:Enabled"] = "true",
            ["Entry:Clock:Offset"] = offset.ToString("c", CultureInfo.InvariantCulture),
            ["Entry:Auth:LoginAttemptsPerMinute"] = "10000",
            ["Entry:Quality:Enabled"] = samplingEnabled ? "true" : "false",
        }))
        {
            dataDirectory = server.DataDirectory;
            Console.WriteLine($"  server ready in {server.StartedIn.TotalSeconds:0.0} s at {server.Address}");
            report = await DriveAsync(server.Address, clerkCount, dashboardCount, warmUp, measured, offset);
            foreach (var line in server.LedgerLines().TakeLast(3))
            {
                Console.WriteLine($"  server: {line[(line.IndexOf("Ledger:", StringComparison.Ordinal))..]}");
            }
        }

        PrintQualityDraws(Path.Combine(dataDirectory, "entry.db"));
        var baseline = EntryLoadBaseline.Run(Path.Combine(dataDirectory, "entry.db"));
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }

        var bare = await BareAsync(report.Clerks, warmUp, measured);
        return new EntryLoadFigures(report, baseline.Rows, baseline.Elapsed, bare);
    }

    internal static async Task<EntryLoadReport> DriveAsync(Uri address, int clerkCount, int dashboardCount, TimeSpan warmUp, TimeSpan measured, TimeSpan offset)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = int.MaxValue };
        using var admin = await EntryLoadSetup.SignInAsync(handler, address, "admin");
        var clock = (await admin.GetFromJsonAsync<ShiftClockState>("/api/shifts/clock"))!;
        var clerks = await EntryLoadSetup.ClerksAsync(admin, handler, clerkCount);
        Console.WriteLine($"  server time {clock.Now:yyyy-MM-dd HH:mm} (shift {clock.Open?.Shift}); {clerks.Count} clerks of " +
            $"{clerks.Select(c => c.TeamId).Distinct().Count()} teams signed in, each holding a book");

        var tokens = new List<string> { await EntryLoadSetup.TokenAsync(admin, "monitor"), await EntryLoadSetup.TokenAsync(admin, "admin") };
        await using var dashboards = await EntryLoadDashboards.ConnectAsync(address, dashboardCount, tokens, clerks.Select(c => c.TeamId).Distinct().ToList(), offset);
        Console.WriteLine($"  {dashboards.Connected} of {dashboards.Count} dashboards connected over WebSockets and subscribed " +
            $"({dashboards.TeamScoped} to a team, the others to the province)");

        var window = new EntryLoadWindow(warmUp, measured);
        await Task.WhenAll(clerks.Select(c => Task.Run(() => c.RunAsync(window, dashboards))));
        // The last coalesced batches (every ~250 ms) are still on their way.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var connectedAtEnd = dashboards.Connected;
        var (lags, undelivered, batches) = dashboards.Results();
        return new EntryLoadReport(clerks, measured, dashboards.Count, connectedAtEnd, lags, undelivered, batches);
    }

    /// <summary>The same clerks (seeds, first books, tokens) and the same connection pool settings against the bare endpoint.</summary>
    private static async Task<EntryLoadReport> BareAsync(IReadOnlyList<EntryLoadClerk> served, TimeSpan warmUp, TimeSpan measured)
    {
        await using var bare = await BareEndpoint.StartAsync();
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = int.MaxValue };
        var clerks = served.Select(c => c.ForBareEndpoint(handler, bare.Address)).ToList();
        await using var noDashboards = await EntryLoadDashboards.ConnectAsync(bare.Address, 0, [], [], TimeSpan.Zero);
        var window = new EntryLoadWindow(warmUp, measured);
        await Task.WhenAll(clerks.Select(c => Task.Run(() => c.RunAsync(window, noDashboards))));
        return new EntryLoadReport(clerks, measured, 0, 0, [], 0, 0);
    }
}

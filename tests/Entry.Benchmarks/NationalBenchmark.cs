using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.NationalDb.Contracts;
using Microsoft.Data.Sqlite;

namespace Entry.Benchmarks;

/// <summary>
/// The sync with the national database, against the stub as its own process (Release). (a) N clerks log cases for the
/// measured window while the dispatcher sends them: cases per second the stub took in that window, and the sync lag
/// p50/p99 measured server-side, from each case's <c>StoredAt</c> to its <c>NationalAnsweredAt</c> (both on the
/// server's clock, read from its SQLite file after the run). (b) A backlog of M cases seeded into the stopped server's
/// file while the stub is in an outage: the server is started, and the drain is timed from the end of the outage until
/// <c>/api/national/status</c> shows backlog 0.
/// </summary>
internal static class NationalBenchmark
{
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SetupAllowance = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(60);

    public static async Task RunAsync(int clerkCount, int seconds, int outageSeconds, int backlog)
    {
        var measured = TimeSpan.FromSeconds(seconds);
        var warmUp = TimeSpan.FromTicks(Math.Min(MaxWarmUp.Ticks, measured.Ticks / 5));
        var offset = EntryLoadSetup.ClockOffset(DateTimeOffset.UtcNow, SetupAllowance + warmUp + measured);
        var settings = new Dictionary<string, string>
        {
            ["Entry:Demo:Enabled"] = "true",
            ["Entry:Clock:Offset"] = offset.ToString("c", CultureInfo.InvariantCulture),
            ["Entry:Auth:LoginAttemptsPerMinute"] = "10000",
        };
        Console.WriteLine($"National sync: {clerkCount} clerks, {warmUp.TotalSeconds:0} s warm-up + {seconds} s measured; then a backlog of {backlog:N0} " +
            $"cases after a {outageSeconds} s outage. Stub and server are Release processes on 127.0.0.1.");

        await using var stub = await NationalStubProcess.StartAsync();
        settings["NationalDb:BaseUrl"] = stub.Address.ToString();
        string dataDirectory;
        await using (var server = await ServerProcess.StartAsync(settings))
        {
            dataDirectory = server.DataDirectory;
            Console.WriteLine($"  server ready in {server.StartedIn.TotalSeconds:0.0} s at {server.Address}, stub at {stub.Address}");
            await LiveAsync(server.Address, stub, clerkCount, warmUp, measured, dataDirectory);
        }

        var database = Path.Combine(dataDirectory, "entry.db");
        var watch = Stopwatch.StartNew();
        var templates = NationalBacklogSeed.Run(database, backlog);
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"  seeded {backlog:N0} cases with pending messages (clones of {templates} delivered cases) in {watch.Elapsed.TotalSeconds:0.0} s");

        var beforeOutage = await stub.StatsAsync();
        await stub.OutageAsync(outageSeconds);
        var outageEnds = Stopwatch.GetTimestamp() + (long)(outageSeconds * (double)Stopwatch.Frequency);
        await using (var server = await ServerProcess.StartAsync(settings, dataDirectory))
        {
            Console.WriteLine($"  stub in outage for {outageSeconds} s; server restarted in {server.StartedIn.TotalSeconds:0.0} s");
            await DrainAsync(server.Address, stub, beforeOutage, outageEnds, backlog);
        }

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

    private static async Task LiveAsync(Uri address, NationalStubProcess stub, int clerkCount, TimeSpan warmUp, TimeSpan measured, string dataDirectory)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = int.MaxValue };
        using var admin = await EntryLoadSetup.SignInAsync(handler, address, "admin");
        var clerks = await EntryLoadSetup.ClerksAsync(admin, handler, clerkCount);
        Console.WriteLine($"  {clerks.Count} clerks of {clerks.Select(c => c.TeamId).Distinct().Count()} teams signed in, each holding a book");
        await using var noDashboards = await EntryLoadDashboards.ConnectAsync(address, 0, [], [], TimeSpan.Zero);

        var window = new EntryLoadWindow(warmUp, measured);
        var sampled = Task.Run(async () =>
        {
            await Task.Delay(warmUp);
            var first = await stub.StatsAsync();
            await Task.Delay(measured);
            return (first, await stub.StatsAsync());
        });
        await Task.WhenAll(clerks.Select(c => Task.Run(() => c.RunAsync(window, noDashboards))));
        var (atStart, atEnd) = await sampled;
        Console.WriteLine($"  clerks stopped; the stub holds {(await stub.StatsAsync()).Records:N0} records");
        var loggedAll = clerks.Sum(c => c.StoredInRun);

        var tail = Stopwatch.StartNew();
        var status = await WaitForEmptyBacklogAsync(admin, TimeSpan.FromMinutes(10));
        var caughtUp = tail.Elapsed;
        var lags = SyncLags(Path.Combine(dataDirectory, "entry.db"), out var synced, out var rejected);

        Console.WriteLine();
        Console.WriteLine($"| what | {clerks.Count} clerks, {measured.TotalSeconds:0} s |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| cases logged (201) in the measured window | {clerks.Sum(c => c.Stored):N0} ({clerks.Sum(c => c.Stored) / measured.TotalSeconds:N0}/s; {loggedAll:N0} in the whole run) |");
        Console.WriteLine($"| cases the stub took in the measured window | {atEnd.Created - atStart.Created:N0} (**{(atEnd.Created - atStart.Created) / measured.TotalSeconds:N0}/s**) |");
        Console.WriteLine($"| write requests in the measured window: batch / single-record | {atEnd.BatchRequests - atStart.BatchRequests:N0} / {atEnd.SingleRequests - atStart.SingleRequests:N0} |");
        Console.WriteLine($"| backlog 0 after the clerks stopped | {caughtUp.TotalSeconds:0.0} s |");
        Console.WriteLine($"| sync lag p50 / p99 / max (StoredAt → NationalAnsweredAt, server-side, all {lags.Count:N0} answered cases) | " +
            $"**{Stats.Percentile(lags, 50):0} ms / {Stats.Percentile(lags, 99):0} ms** / {(lags.Count == 0 ? double.NaN : lags.Max()):0} ms |");
        Console.WriteLine($"| synced / rejected by the national rules | {synced:N0} / {rejected:N0} |");
        Console.WriteLine($"| national status | backlog {status.GetProperty("backlog").GetInt32()}, circuit opened {status.GetProperty("circuitOpenedTimes")} times |");
        Console.WriteLine();
    }

    private static async Task DrainAsync(Uri address, NationalStubProcess stub, StubStats before, long outageEnds, int backlog)
    {
        using var handler = new SocketsHttpHandler();
        using var admin = await EntryLoadSetup.SignInAsync(handler, address, "admin");
        var serverPid = ProcessCpu.FindByArgument(address.ToString().TrimEnd('/'));
        var pending = (await StatusAsync(admin)).GetProperty("backlog").GetInt32();
        Console.WriteLine($"  backlog at start: {pending:N0}; waiting for the outage to end");
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), outageEnds);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
        var duringOutage = await stub.StatsAsync();
        var serverCpu = ProcessCpu.Time(serverPid);
        var stubCpu = ProcessCpu.Time(stub.ProcessId);
        var ended = Stopwatch.GetTimestamp();
        TimeSpan? firstDelivery = null;
        var samples = new List<(double Seconds, long Created)>();
        JsonElement status;
        while (true)
        {
            status = await StatusAsync(admin);
            var stats = await stub.StatsAsync();
            var since = Stopwatch.GetElapsedTime(ended);
            samples.Add((since.TotalSeconds, stats.Created));
            if (firstDelivery is null && stats.Created > duringOutage.Created)
            {
                firstDelivery = since;
            }
            if (status.GetProperty("backlog").GetInt32() == 0)
            {
                break;
            }
            if (since > DrainLimit)
            {
                throw new TimeoutException($"The backlog did not drain within {DrainLimit.TotalMinutes} min: {status}");
            }
            await Task.Delay(1000);
        }
        var drained = Stopwatch.GetElapsedTime(ended);
        var serverUsed = ProcessCpu.Time(serverPid) - serverCpu;
        var stubUsed = ProcessCpu.Time(stub.ProcessId) - stubCpu;
        var after = await stub.StatsAsync();
        var delivering = drained - (firstDelivery ?? TimeSpan.Zero);

        Console.WriteLine();
        Console.WriteLine($"| what | backlog of {backlog:N0} after the outage |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| requests refused during the outage | {duringOutage.FaultsInjected - before.FaultsInjected:N0} |");
        Console.WriteLine($"| first delivery after the outage ended | {firstDelivery?.TotalSeconds:0.0} s |");
        Console.WriteLine($"| outage end → backlog 0 | **{drained.TotalSeconds:0} s** ({drained.TotalMinutes:0.0} min) |");
        Console.WriteLine($"| drain rate | **{backlog / drained.TotalSeconds:N0} cases/s** overall, {backlog / delivering.TotalSeconds:N0}/s from the first delivery |");
        Console.WriteLine($"| stub: created during the drain / replayed / conflicts / rejected | {after.Created - duringOutage.Created:N0} / {after.Replayed - before.Replayed:N0} / {after.Conflicts - before.Conflicts:N0} / {after.Rejected - before.Rejected:N0} |");
        Console.WriteLine($"| write requests that reached the stub during the drain: batch / single-record | {after.BatchRequests - duringOutage.BatchRequests:N0} / {after.SingleRequests - duringOutage.SingleRequests:N0} |");
        Console.WriteLine($"| CPU during the drain (of one core) | server {Share(serverUsed, drained)}, stub {Share(stubUsed, drained)} (machine: {Environment.ProcessorCount} cores) |");
        Console.WriteLine($"| national status at the end | synced {status.GetProperty("synced")}, rejected {status.GetProperty("rejected")}, circuit opened {status.GetProperty("circuitOpenedTimes")} times |");
        Console.WriteLine($"| stub intake by minute after the outage | {string.Join(", ", PerMinute(samples))} |");
    }

    private static string Share(TimeSpan? cpu, TimeSpan wall) => cpu is { } used ? $"{used / wall:P0}" : "n/a";

    private static IEnumerable<string> PerMinute(List<(double Seconds, long Created)> samples)
    {
        var (seconds, created) = samples[0];
        foreach (var minute in samples.GroupBy(s => (int)(s.Seconds / 60)).OrderBy(g => g.Key))
        {
            var last = minute.Last();
            yield return $"{(last.Created - created) / Math.Max(1, last.Seconds - seconds):N0}/s";
            (seconds, created) = last;
        }
    }

    private static async Task<JsonElement> StatusAsync(HttpClient admin) =>
        await admin.GetFromJsonAsync<JsonElement>("/api/national/status");

    private static async Task<JsonElement> WaitForEmptyBacklogAsync(HttpClient admin, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var polls = 0;
        while (true)
        {
            var status = await StatusAsync(admin);
            if (status.GetProperty("backlog").GetInt32() == 0)
            {
                return status;
            }
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"The backlog did not reach 0 within {limit.TotalMinutes} min: {status}");
            }
            if (++polls % 40 == 0)
            {
                Console.WriteLine($"  waiting for backlog 0: {status}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Milliseconds from StoredAt to NationalAnsweredAt of every answered case (both written by the server, on its clock).</summary>
    private static List<double> SyncLags(string database, out int synced, out int rejected)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT StoredAt, NationalAnsweredAt, NationalState FROM CaseEntries WHERE NationalAnsweredAt IS NOT NULL";
        using var reader = command.ExecuteReader();
        var lags = new List<double>();
        synced = 0;
        rejected = 0;
        while (reader.Read())
        {
            var stored = DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
            var answered = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            lags.Add((answered - stored).TotalMilliseconds);
            if (reader.GetInt32(2) == 1)
            {
                synced++;
            }
            else
            {
                rejected++;
            }
        }
        SqliteConnection.ClearAllPools();
        return lags;
    }
}

/// <summary>CPU time of a process of this machine, read from /proc (Linux); null elsewhere or when it is gone.</summary>
internal static class ProcessCpu
{
    public static TimeSpan? Time(int? pid)
    {
        try
        {
            return pid is { } id ? Process.GetProcessById(id).TotalProcessorTime : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The process whose command line holds <paramref name="argument"/> (the server's --urls), from /proc.</summary>
    public static int? FindByArgument(string argument)
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(argument, StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // gone
            }
            catch (UnauthorizedAccessException)
            {
                // not ours
            }
        }
        return null;
    }
}

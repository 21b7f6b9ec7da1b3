using System.Globalization;
using Entry.Testing;

namespace Entry.Benchmarks;

/// <summary>
/// <c>scaleout [clerks=48] [seconds=30] [dashboards=20] [--runs 1]</c>: the <c>entries</c> load (clerks logging over HTTP while
/// dashboards follow on the hub) against three deployments in one run, one after the other so the machine's noise hits
/// all: Entry on its SQLite file; Entry on PostgreSQL; two Entry processes on that PostgreSQL and a Redis behind nginx.
/// PostgreSQL here commits durably (fsync and synchronous commit on), as SQLite does, so the comparison is fair.
/// </summary>
internal static class ScaleOutBenchmark
{
    private static readonly TimeSpan SetupAllowance = TimeSpan.FromMinutes(6);

    public static async Task RunAsync(int clerkCount, int seconds, int dashboardCount, int runs)
    {
        var measured = TimeSpan.FromSeconds(seconds);
        var warmUp = TimeSpan.FromSeconds(Math.Min(5, seconds / 5));
        Console.WriteLine($"Scale-out: {clerkCount} clerks, {dashboardCount} dashboards, {warmUp.TotalSeconds:0} s warm-up + {seconds} s measured, " +
            $"{runs} round(s) of: SQLite ×1, PostgreSQL ×1, PostgreSQL ×2 behind nginx (Redis backplane)");
        var postgres = PostgresServer.Durable;
        var redis = await RedisServer.Shared;
        var results = new Dictionary<string, List<EntryLoadReport>>(StringComparer.Ordinal);
        for (var round = 1; round <= runs; round++)
        {
            Console.WriteLine();
            Console.WriteLine($"Round {round} of {runs}");
            foreach (var deployment in new[] { "SQLite ×1", "PostgreSQL ×1", "PostgreSQL ×2 + nginx" })
            {
                var offset = EntryLoadSetup.ClockOffset(DateTimeOffset.UtcNow, SetupAllowance + warmUp + measured);
                var report = await DeploymentAsync(deployment, postgres, redis, offset, clerkCount, dashboardCount, warmUp, measured);
                Print(deployment, report);
                (results.TryGetValue(deployment, out var list) ? list : results[deployment] = []).Add(report);
            }
        }
        Console.WriteLine();
        Console.WriteLine($"Medians of {runs} round(s):");
        foreach (var (deployment, reports) in results)
        {
            Console.WriteLine($"  {deployment,-24} {Stats.Median(reports.Select(r => r.PerSecond).ToList()),8:0.0} entries/s  " +
                $"p50 {Stats.Median(reports.Select(r => Stats.Percentile(r.Latencies, 50)).ToList()),6:0.0} ms  " +
                $"p99 {Stats.Median(reports.Select(r => Stats.Percentile(r.Latencies, 99)).ToList()),7:0.0} ms  " +
                $"hub lag p99 {Stats.Median(reports.Select(r => Stats.Percentile(r.LagsMs, 99)).ToList()),7:0} ms");
        }
        var sqlite = Stats.Median(results["SQLite ×1"].Select(r => r.PerSecond).ToList());
        foreach (var (deployment, reports) in results.Where(r => r.Key != "SQLite ×1"))
        {
            Console.WriteLine($"  {deployment} / SQLite ×1: {Stats.Median(reports.Select(r => r.PerSecond).ToList()) / sqlite:0.00}×");
        }
    }

    private static async Task<EntryLoadReport> DeploymentAsync(string deployment, PostgresServer postgres, RedisServer redis, TimeSpan offset,
        int clerkCount, int dashboardCount, TimeSpan warmUp, TimeSpan measured)
    {
        var common = new Dictionary<string, string>
        {
            ["Entry:Demo:Enabled"] = "true",
            ["Entry:Clock:Offset"] = offset.ToString("c", CultureInfo.InvariantCulture),
            ["Entry:Auth:LoginAttemptsPerMinute"] = "10000",
        };
        if (deployment.StartsWith("SQLite", StringComparison.Ordinal))
        {
            await using var server = await ServerProcess.StartAsync(common);
            Console.WriteLine($"  {deployment}: ready in {server.StartedIn.TotalSeconds:0.0} s");
            return await EntryLoadBenchmark.DriveAsync(server.Address, clerkCount, dashboardCount, warmUp, measured, offset);
        }

        var database = $"bench_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>(common)
        {
            ["Entry:Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Entry"] = postgres.ConnectionString(database) + ";Maximum Pool Size=100",
            ["Entry:Jobs:SchedulerName"] = "entry",
        };
        try
        {
            if (!deployment.Contains("×2", StringComparison.Ordinal))
            {
                await using var single = await ServerProcess.StartAsync(settings);
                Console.WriteLine($"  {deployment}: ready in {single.StartedIn.TotalSeconds:0.0} s");
                return await EntryLoadBenchmark.DriveAsync(single.Address, clerkCount, dashboardCount, warmUp, measured, offset);
            }
            settings["Entry:ScaleOut:Redis"] = redis.Configuration;
            settings["Entry:ScaleOut:Prefix"] = $"bench-{Guid.NewGuid():N}";
            settings["Entry:Proxy:KnownProxies:0"] = "127.0.0.1";
            // The first seeds the demo campaign; the second finds it.
            await using var a = await ServerProcess.StartAsync(settings);
            await using var b = await ServerProcess.StartAsync(settings);
            await using var proxy = await NginxProxy.StartAsync([a.Address, b.Address]);
            Console.WriteLine($"  {deployment}: ready in {a.StartedIn.TotalSeconds:0.0} s and {b.StartedIn.TotalSeconds:0.0} s, nginx at {proxy.Address}");
            return await EntryLoadBenchmark.DriveAsync(proxy.Address, clerkCount, dashboardCount, warmUp, measured, offset);
        }
        finally
        {
            postgres.DropDatabase(database);
        }
    }

    private static void Print(string deployment, EntryLoadReport report) =>
        Console.WriteLine($"  {deployment}: {report.PerSecond:0.0} entries/s, p50 {Stats.Percentile(report.Latencies, 50):0.0} ms, " +
            $"p99 {Stats.Percentile(report.Latencies, 99):0.0} ms, hub lag p99 {Stats.Percentile(report.LagsMs, 99):0} ms, " +
            $"{report.DashboardsConnectedAtEnd}/{report.Dashboards} dashboards connected at the end; errors: {report.Errors()}");
}

#if ENTRY_POSTGRESQL
using System.Globalization;
using System.Net.Http.Json;
using Entry.NationalDb.Contracts;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.National;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Testing;

namespace Entry.Server.Tests.ScaleOut;

/// <summary>
/// Entry as a ministry runs it: two server processes on one PostgreSQL database and one Redis, behind nginx at one address,
/// pushing to the national stub (a process of its own). Each instance has its own data directory; the clustered scheduler,
/// the hub, the keys and the outbox are shared.
/// </summary>
public sealed class ProxiedCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    private readonly string root = Path.Combine(Path.GetTempPath(), "entry-cluster-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> shared = new();

    private ProxiedCluster()
    {
    }

    public DotnetProcess Stub { get; private set; } = null!;
    public DotnetProcess A { get; private set; } = null!;
    public DotnetProcess B { get; private set; } = null!;
    public NginxProxy Proxy { get; private set; } = null!;
    public HttpClient National { get; private set; } = null!;
    public TimeSpan ClockOffset { get; private set; }

    /// <summary>Starts the stub, A (which seeds the demo campaign), then B, then the proxy in front of both.</summary>
    public static async Task<ProxiedCluster> StartAsync(TimeSpan clockOffset)
    {
        var cluster = new ProxiedCluster { ClockOffset = clockOffset };
        try
        {
            await cluster.StartAllAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    private async Task StartAllAsync()
    {
        var redis = await RedisServer.Shared;
        Stub = await DotnetProcess.StartAsync("Entry.NationalDb.dll", DotnetProcess.FreePort(), ["--Stub:DataDirectory", Path.Combine(root, "stub")],
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" }, "/admin/stats", ReadyTimeout);
        National = new HttpClient { BaseAddress = Stub.Address, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (key, value) in TestDatabase.Environment(Path.Combine(root, "database")))
        {
            shared[key] = value;
        }
        shared["Entry__Jobs__SchedulerName"] = "entry";
        shared["Entry__ScaleOut__Redis"] = redis.Configuration;
        shared["Entry__ScaleOut__Prefix"] = $"cluster-{Guid.NewGuid():N}";
        shared["Entry__Proxy__KnownProxies__0"] = "127.0.0.1";
        shared["Entry__Demo__Enabled"] = "true";
        shared["NationalDb__BaseUrl"] = Stub.Address.ToString();
        shared["Logging__LogLevel__Default"] = "Warning";
        // Every sign-in of these tests comes from 127.0.0.1, through the proxy or not: far above the production limit.
        shared["Entry__Auth__LoginAttemptsPerMinute"] = "10000";
        shared["Logging__LogLevel__Entry.Server.Features.Shifts.ShiftClockJob"] = "Debug";
        A = await StartInstanceAsync("a", ClockOffset);
        B = await StartInstanceAsync("b", ClockOffset);
        Proxy = await NginxProxy.StartAsync([A.Address, B.Address]);
    }

    /// <summary>An instance with a data directory of its own, on the shared database, Redis and stub.</summary>
    public Task<DotnetProcess> StartInstanceAsync(string name, TimeSpan clockOffset)
    {
        var environment = new Dictionary<string, string>(shared)
        {
            ["Entry__DataDirectory"] = Path.Combine(root, name),
            ["Entry__Clock__Offset"] = clockOffset.ToString("c", CultureInfo.InvariantCulture),
        };
        return DotnetProcess.StartAsync("Entry.Server.dll", DotnetProcess.FreePort(), [], environment, "/health/ready", ReadyTimeout);
    }

    /// <summary>Replaces both instances (after they were killed) with new ones on another clock, as after an outage.</summary>
    public async Task RestartBothAsync(TimeSpan clockOffset)
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Proxy.DisposeAsync();
        ClockOffset = clockOffset;
        var starting = new[] { StartInstanceAsync("a", clockOffset), StartInstanceAsync("b", clockOffset) };
        var started = await Task.WhenAll(starting);
        (A, B) = (started[0], started[1]);
        Proxy = await NginxProxy.StartAsync([A.Address, B.Address]);
    }

    /// <summary>A demo user signed in on that address (bearer token).</summary>
    public static Task<HttpClient> SignInAsync(Uri server, string userName) => CrashTests.SignInAsync(server, userName);

    public async Task<StubStats> StatsAsync() => (await National.GetFromJsonAsync<StubStats>("/admin/stats"))!;

    /// <summary>Zero while a shift stays open long enough; otherwise the offset that puts the servers into the next shift.</summary>
    public static TimeSpan OffsetIntoAShift(TimeSpan needed) => CrashTests.ClockOffset(DateTimeOffset.UtcNow, needed);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { A, B, Stub })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
        National?.Dispose();
        TestDatabase.Delete(Path.Combine(root, "database"));
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
#endif

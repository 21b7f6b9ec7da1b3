using Entry.Server.Tests.Claims;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Testing;

namespace Entry.Server.Tests.ScaleOut;

/// <summary>
/// Two instances of Entry in this process on one database, sharing a real Redis (its own key prefix per world): the
/// <see cref="ClaimWorld"/>'s server is <see cref="A"/>, <see cref="B"/> a second one started beside it.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private TwoInstances(ClaimWorld world, ClockedFactory b)
    {
        World = world;
        B = b;
    }

    public ClaimWorld World { get; }
    public ClockedFactory A => World.Factory;
    public ClockedFactory B { get; }

    public static async Task<TwoInstances> StartAsync(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = await SettingsAsync(more);
        var world = await ClaimWorld.CreateAsync(settings: settings);
        var b = new ClockedFactory(Local.At(ClaimWorld.Day, 9, 0), clockEnabled: false);
        foreach (var (key, value) in settings)
        {
            b.Settings[key] = value;
        }
        foreach (var (key, value) in TestDatabase.SharedWith(world.Factory.DataDirectory))
        {
            b.Settings[key] = value;
        }
        _ = b.Server;
        return new TwoInstances(world, b);
    }

    /// <summary>What makes a server one of the instances: the run's Redis, under a prefix of this world's own.</summary>
    public static async Task<Dictionary<string, string>> SettingsAsync(IReadOnlyDictionary<string, string>? more = null)
    {
        var redis = await RedisServer.Shared;
        var settings = new Dictionary<string, string>
        {
            ["Entry:ScaleOut:Redis"] = redis.Configuration,
            ["Entry:ScaleOut:Prefix"] = $"test-{Guid.NewGuid():N}",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await World.DisposeAsync();
    }
}

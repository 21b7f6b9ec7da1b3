using Entry.NationalDb.Contracts;
using Entry.Server.Tests.Shifts;

namespace Entry.Server.Tests.National;

/// <summary>Entry backs off the way the national side asks and stops knocking while it is down.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class NationalResilienceTests
{
    [Fact]
    public async Task A_429_with_retry_after_is_honoured_and_the_case_arrives_once()
    {
        const int retryAfter = 2;
        // Within the retry cap: a Retry-After up to Dispatch:RetryMaxSeconds is waited in full.
        // An attempt timeout long enough that a slow answer on a busy machine is not retried at once: only Retry-After spaces them.
        await using var world = await NationalWorld.CreateAsync(settings: new Dictionary<string, object>
        {
            ["Dispatch:RetryMaxSeconds"] = 5, ["Resilience:AttemptTimeoutSeconds"] = 10, ["Resilience:TotalTimeoutSeconds"] = 30,
        });
        await world.Stub.SetFaultsAsync(new FaultSettings { RateLimitRate = 1, RetryAfterSeconds = retryAfter });

        var request = await world.LogAsync(0, world.Birth(0, 1));
        var key = NationalWorld.KeyOf(request.Id, 1);
        await Local.EventuallyAsync(async () => (await world.Stub.AttemptsAsync(key)).Count >= 3, "three refused attempts");
        await world.Stub.ClearFaultsAsync();
        await world.AllSyncedAsync(1);

        var attempts = await world.Stub.AttemptsAsync(key);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        // Measured where the stub receives them; the tolerance covers the clocks of two threads, not a shortcut.
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromSeconds(retryAfter) - TimeSpan.FromMilliseconds(100), $"attempts {gap} apart"));
        var stats = await world.Stub.StatsAsync();
        Assert.Equal(1, stats.Records);
        Assert.Equal(1, stats.Created);
        Assert.Equal(1, (await world.Stub.HoldingsAsync(world.Books[0])).Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_retry_cap_holds_the_cases_only_up_to_the_cap_and_the_last_error_clears_after()
    {
        const int cases = 6, retryCapSeconds = 3, askedSeconds = 600;
        await using var world = await NationalWorld.CreateAsync(settings: new Dictionary<string, object> { ["Dispatch:RetryMaxSeconds"] = retryCapSeconds });
        await world.Stub.SetFaultsAsync(new FaultSettings { RateLimitRate = 1, RetryAfterSeconds = askedSeconds });

        var keys = new List<string>();
        for (var number = 1; number <= cases; number++)
        {
            keys.Add(NationalWorld.KeyOf((await world.LogAsync(0, world.Birth(0, number))).Id, 1));
        }
        // Every case has been refused with "come back in ten minutes".
        await Local.EventuallyAsync(async () =>
        {
            foreach (var key in keys)
            {
                if ((await world.Stub.AttemptsAsync(key)).Count == 0)
                {
                    return false;
                }
            }
            return true;
        }, "every case refused with a 429");
        var during = await world.StatusAsync();
        Assert.StartsWith("429", during.LastError);
        Assert.NotNull(during.LastErrorAt);
        Assert.Equal(0, (await world.Stub.StatsAsync()).Records);

        await world.Stub.ClearFaultsAsync();
        var recovered = DateTimeOffset.UtcNow;
        // The cap, its jitter, a circuit break and a round of sending: far from the ten minutes asked for.
        await world.AllSyncedAsync(cases, seconds: 20);
        Assert.True(DateTimeOffset.UtcNow - recovered < TimeSpan.FromSeconds(20));

        var stats = await world.Stub.StatsAsync();
        Assert.Equal(cases, stats.Records);
        Assert.Equal(cases, stats.Created);
        var after = await world.StatusAsync();
        Assert.Null(after.LastError);
        Assert.Null(after.LastErrorAt);
        Assert.NotNull(after.LastDeliveredAt);
    }

    [Fact]
    public async Task The_circuit_opens_during_an_outage_holds_the_calls_back_and_closes_after()
    {
        const int cases = 40, outageSeconds = 5;
        await using var world = await NationalWorld.CreateAsync();
        await world.Stub.SetFaultsAsync(new FaultSettings { OutageRetryAfterSeconds = 1 });
        await world.Stub.OutageAsync(outageSeconds);

        for (var number = 1; number <= cases; number++)
        {
            await world.LogAsync(0, world.Birth(0, number));
        }
        await Local.EventuallyAsync(async () => (await world.StatusAsync()).CircuitOpenedTimes >= 1, "the circuit opened");
        Assert.Equal(0, (await world.Stub.StatsAsync()).Records);
        await world.AllSyncedAsync(cases);

        var status = await world.StatusAsync();
        Assert.Equal("closed", status.Circuit);
        Assert.True(status.CircuitOpenedTimes >= 1);
        var stats = await world.Stub.StatsAsync();
        Assert.Equal(cases, stats.Records);
        Assert.Equal(cases, stats.Created);
        // Refused calls: those until the breaker has seen enough to open, those already in flight then, and one probe
        // per break after. Knocking each case every second of the outage would be cases × outage seconds.
        const int bound = NationalFactory.CircuitMinimumThroughput + NationalFactory.Parallelism
            + (outageSeconds / NationalFactory.CircuitBreakSeconds) + 1;
        Assert.True(stats.FaultsInjected <= bound, $"{stats.FaultsInjected} calls refused during a {outageSeconds} s outage (bound {bound})");
        Assert.True(stats.FaultsInjected < cases * outageSeconds);
    }
}

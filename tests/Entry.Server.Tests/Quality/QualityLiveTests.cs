using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Live;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Live;
using Entry.Shared.Monitoring;
using Entry.Shared.Quality;
using Microsoft.AspNetCore.SignalR.Client;

namespace Entry.Server.Tests.Quality;

/// <summary>The province's accuracy on a watched dashboard follows the second keying and the arbiter's decision, over the hub.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class QualityLiveTests
{
    [Fact]
    public async Task A_watched_dashboard_gets_the_new_accuracy_after_a_decision()
    {
        await using var world = await QualityWorld.CreateAsync();
        await using var monitor = await LiveClient.ConnectAsync(world.National.Factory, world.Admin);
        var seen = new ConcurrentQueue<DashboardLive>();
        monitor.Connection.On<DashboardLive>(nameof(ISprintClient.DashboardChanged), seen.Enqueue);
        var first = await monitor.Connection.InvokeAsync<DashboardLive>(SprintHub.WatchDashboard, "province");
        Assert.Null(first.Quality?.Accuracy);

        Assert.Equal(HttpStatusCode.OK, (await world.ClaimAsync(world.SecondKeyer)).StatusCode);
        for (var n = 1; n <= QualityWorld.Cases; n++)
        {
            var second = world.Second(n);
            await world.KeyAsync(n == 4 ? second with { Birth = second.Birth! with { Sex = Entry.Shared.Entries.Sex.Male } } : second);
        }
        var item = Assert.Single(await world.ArbitrationAsync());
        var decided = await world.Officer.PostAsJsonAsync($"/api/quality/items/{item.ItemId}/decide", new ArbitrationDecision { Choice = ArbitrationChoice.Second });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        await Local.EventuallyAsync(() => Task.FromResult(seen.Any(d => d.Quality is { FieldsWrong: 1, FieldsCompared: 90 })), "the decision on the dashboard", 15);
        var live = seen.Last(d => d.Quality is { FieldsWrong: 1 }).Quality!;
        Assert.Equal(1 - 1 / 90.0, live.Accuracy!.Value, 6);
        Assert.Equal(1, live.BooksAccepted);
    }
}

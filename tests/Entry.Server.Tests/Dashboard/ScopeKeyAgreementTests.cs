using System.Collections.Concurrent;
using Entry.Server.Tests.Live;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Live;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Dashboard;

/// <summary>
/// One case logged by <c>k1</c> (team Tân Phú, unit 25195, district 689, shift 1): the hub groups it reaches, the counters it
/// is stored under and the dashboard that watches its district all name the same <see cref="ScopeKey"/>, and the figures each
/// sends are the stored counters of that key.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class ScopeKeyAgreementTests(DashboardWorld world) : IClassFixture<DashboardWorld>
{
    [Fact]
    public async Task A_case_reaches_the_groups_and_the_dashboard_named_by_the_keys_its_counters_are_stored_under()
    {
        var team = ScopeKey.Team(world.Team689);
        var district = ScopeKey.District("689");
        var unit = ScopeKey.Unit("25195");
        var shift = ScopeKey.DistrictShift("689", DashboardWorld.Day, 1);
        await using var watcher = await LiveClient.ConnectAsync(world.Factory, await world.Factory.AdminAsync());
        var dashboards = new ConcurrentQueue<DashboardLive>();
        watcher.Connection.On<DashboardLive>(nameof(ISprintClient.DashboardChanged), dashboards.Enqueue);
        var teamBefore = await watcher.SubscribeAsync(team.Name);
        var districtBefore = await watcher.SubscribeAsync(district.Name);
        var dashboardBefore = await watcher.Connection.InvokeAsync<DashboardLive>(SprintHub.WatchDashboard, district.Name);

        await world.LogAsync(world.K1, DashboardWorld.Birth689);

        await Local.EventuallyAsync(() => Task.FromResult(
            watcher.LatestProgress(team.Name)?.Total.Entered == teamBefore.Total.Entered + 1 &&
            watcher.LatestProgress(district.Name)?.Total.Entered == districtBefore.Total.Entered + 1 &&
            dashboards.Any(d => d.Totals.Entered == dashboardBefore.Totals.Entered + 1)), "the team's and the district's groups and the district's dashboard");

        // The groups' messages carry the key's name, and their counts are the counters stored under it.
        Assert.Equal(1, watcher.AddedIn(team.Name));
        Assert.Equal(1, watcher.AddedIn(district.Name));
        Assert.Equal(await EnteredAsync(team), watcher.LatestProgress(team.Name)!.Total.Entered);
        Assert.Equal(await EnteredAsync(district), watcher.LatestProgress(district.Name)!.Total.Entered);

        // The dashboard watching the district: its totals, its unit's row and its open shift are the district's, the unit's and
        // the district's shift counters.
        var dashboard = dashboards.Last(d => d.Totals.Entered == dashboardBefore.Totals.Entered + 1);
        Assert.Equal(district.Name, dashboard.Scope);
        Assert.Equal(await EnteredAsync(district), dashboard.Totals.Entered);
        Assert.Equal(await EnteredAsync(unit), dashboard.Units.Single(u => u.Scope == unit.Name).Figures.Entered);
        Assert.Equal(new ShiftRate(DashboardWorld.Day, 1, await DoneAsync(shift)), dashboard.OpenShift);
        Assert.Equal(dashboardBefore.OpenShift!.Done + 1, dashboard.OpenShift!.Done);
    }

    private Task<long> EnteredAsync(ScopeKey key) =>
        world.Factory.WithDbAsync(db => db.ProgressCounters.Where(c => c.Scope == key.Name).SumAsync(c => c.Entered));

    private Task<long> DoneAsync(ScopeKey key) =>
        world.Factory.WithDbAsync(db => db.ProgressCounters.Where(c => c.Scope == key.Name).SumAsync(c => c.Entered + c.Skipped));
}

using System.Collections.Concurrent;
using Entry.Server.Tests.Live;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Live;
using Entry.Shared.Monitoring;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Entry.Server.Tests.Dashboard;

/// <summary>
/// <c>WatchDashboard</c> on the hub: the same scope rule as the dashboard's endpoint, <c>dashboardChanged</c> after a change only,
/// several dashboards per connection (a page's own and its drill-down) up to a bound, and <c>UnwatchDashboard</c>.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class DashboardLiveTests(DashboardWorld world) : IClassFixture<DashboardWorld>
{
    [Fact]
    public async Task Watching_a_dashboard_follows_the_same_scope_rule_as_the_endpoint()
    {
        await using var districtMonitor = await LiveClient.ConnectAsync(world.Factory, await world.SignInAsync("mon-689"));
        await using var clerk = await LiveClient.ConnectAsync(world.Factory, await world.SignInAsync("k1"));
        await using var admin = await LiveClient.ConnectAsync(world.Factory, await world.Factory.AdminAsync());

        var own = await WatchAsync(districtMonitor, "district:689");

        Assert.Equal("district:689", own.Scope);
        Assert.Contains(own.Units, u => u.Scope == "unit:25195");
        Assert.Contains("may not watch", (await Assert.ThrowsAsync<HubException>(() => WatchAsync(districtMonitor, "district:688"))).Message);
        Assert.Contains("may not watch", (await Assert.ThrowsAsync<HubException>(() => WatchAsync(districtMonitor, "province"))).Message);
        Assert.Contains("may not watch", (await Assert.ThrowsAsync<HubException>(() => WatchAsync(clerk, "district:689"))).Message);
        await using var nowhere = await LiveClient.ConnectAsync(world.Factory, await world.SignInAsync("mon-nowhere"));
        Assert.Contains("may not watch", (await Assert.ThrowsAsync<HubException>(() => WatchAsync(nowhere, "district:689"))).Message);
        Assert.Contains("Unknown dashboard", (await Assert.ThrowsAsync<HubException>(() => WatchAsync(admin, "district:25195"))).Message);
        Assert.Contains("Unknown dashboard", (await Assert.ThrowsAsync<HubException>(() => WatchAsync(admin, "team:1"))).Message);
        Assert.Equal("province", (await WatchAsync(admin, "province")).Scope);
    }

    [Fact]
    public async Task A_district_dashboard_changes_after_a_case_in_its_district_and_not_after_one_elsewhere()
    {
        await using var district = await LiveClient.ConnectAsync(world.Factory, await world.Factory.AdminAsync());
        await using var province = await LiveClient.ConnectAsync(world.Factory, await world.Factory.AdminAsync());
        var districtSeen = Record(district);
        var provinceSeen = Record(province);
        var before = await WatchAsync(district, "district:689");
        var provinceBefore = await WatchAsync(province, "province");

        await world.LogAsync(world.K3, DashboardWorld.Birth688);
        // Once the province's dashboard shows the case of 688, its flush is over: the district of 689 got nothing from it.
        await Local.EventuallyAsync(() => Task.FromResult(provinceSeen.Any(d => d.Totals.Entered > provinceBefore.Totals.Entered)), "the province's dashboard");
        Assert.Empty(districtSeen);

        await world.LogAsync(world.K1, DashboardWorld.Birth689);
        await Local.EventuallyAsync(() => Task.FromResult(districtSeen.Any(d => d.Totals.Entered == before.Totals.Entered + 1)), "the district's dashboard");

        var seen = districtSeen.First();
        Assert.All(districtSeen, d => Assert.Equal("district:689", d.Scope));
        Assert.Equal(before.Units.Single(u => u.Scope == "unit:25195").Figures.Entered + 1, seen.Units.Single(u => u.Scope == "unit:25195").Figures.Entered);
        Assert.Equal(before.TodayDone + 1, seen.TodayDone);
        Assert.Equal(new ShiftRate(DashboardWorld.Day, 1, before.OpenShift!.Done + 1), seen.OpenShift);
    }

    [Fact]
    public async Task The_teams_behind_move_on_the_hub_when_a_team_enters_a_case()
    {
        await using var monitor = await LiveClient.ConnectAsync(world.Factory, await world.SignInAsync("mon-province"));
        var seen = Record(monitor);
        var before = (await WatchAsync(monitor, "province")).TeamsBehind.Single(t => t.TeamId == world.Team689);

        await world.LogAsync(world.K1, DashboardWorld.Birth689);

        await Local.EventuallyAsync(() => Task.FromResult(seen.Any(d => d.TeamsBehind.Any(t => t.TeamId == world.Team689 && t.Done == before.Done + 1))),
            "the teams behind on the province's dashboard");
        var after = seen.Last().TeamsBehind.Single(t => t.TeamId == world.Team689);
        Assert.Equal((before.Planned, before.Shortfall - 1), (after.Planned, after.Shortfall));
    }

    [Fact]
    public async Task One_connection_watching_the_province_and_a_district_gets_both_until_it_unwatches_the_district()
    {
        await using var monitor = await LiveClient.ConnectAsync(world.Factory, await world.SignInAsync("mon-province"));
        var seen = Record(monitor);
        var province = await WatchAsync(monitor, "province");
        var district = await WatchAsync(monitor, "district:689");

        await world.LogAsync(world.K1, DashboardWorld.Birth689);
        await Local.EventuallyAsync(() => Task.FromResult(
            seen.Any(d => d.Scope == "province" && d.Totals.Entered == province.Totals.Entered + 1) &&
            seen.Any(d => d.Scope == "district:689" && d.Totals.Entered == district.Totals.Entered + 1)), "both dashboards");
        var drilled = seen.Last(d => d.Scope == "district:689");
        Assert.Equal(district.Units.Single(u => u.Scope == "unit:25195").Figures.Entered + 1, drilled.Units.Single(u => u.Scope == "unit:25195").Figures.Entered);
        Assert.Equal(district.Units.Select(u => u.Scope), drilled.Units.Select(u => u.Scope));

        await monitor.Connection.InvokeAsync(SprintHub.UnwatchDashboard, "district:689");
        await world.LogAsync(world.K1, DashboardWorld.Birth689);
        // Once the province's dashboard shows the second case its flush is over: the district, no longer watched, got nothing of it.
        await Local.EventuallyAsync(() => Task.FromResult(seen.Any(d => d.Scope == "province" && d.Totals.Entered == province.Totals.Entered + 2)), "the province's dashboard");
        Assert.DoesNotContain(seen, d => d.Scope == "district:689" && d.Totals.Entered > district.Totals.Entered + 1);
    }

    [Fact]
    public async Task A_district_monitor_watching_their_district_may_not_add_another_district()
    {
        await using var monitor = await LiveClient.ConnectAsync(world.Factory, await world.SignInAsync("mon-689"));
        var seen = Record(monitor);
        var own = await WatchAsync(monitor, "district:689");

        Assert.Contains("may not watch", (await Assert.ThrowsAsync<HubException>(() => WatchAsync(monitor, "district:688"))).Message);
        Assert.Contains("may not watch", (await Assert.ThrowsAsync<HubException>(() => WatchAsync(monitor, "province"))).Message);
        Assert.Equal("district:689", (await WatchAsync(monitor, "district:689")).Scope);

        await world.LogAsync(world.K3, DashboardWorld.Birth688);
        await world.LogAsync(world.K1, DashboardWorld.Birth689);
        await Local.EventuallyAsync(() => Task.FromResult(seen.Any(d => d.Totals.Entered == own.Totals.Entered + 1)), "the district's dashboard");
        Assert.All(seen, d => Assert.Equal("district:689", d.Scope));
    }

    [Fact]
    public async Task A_connection_watches_at_most_four_dashboards_until_it_leaves_one()
    {
        await using var admin = await LiveClient.ConnectAsync(world.Factory, await world.Factory.AdminAsync());
        foreach (var scope in new[] { "province", "district:688", "district:689", "district:690" })
        {
            Assert.Equal(scope, (await WatchAsync(admin, scope)).Scope);
        }
        // Watching one of them again takes no further place.
        Assert.Equal("district:689", (await WatchAsync(admin, "district:689")).Scope);

        var refused = await Assert.ThrowsAsync<HubException>(() => WatchAsync(admin, "district:691"));
        Assert.Contains("at most 4", refused.Message);
        Assert.Contains("Unknown dashboard", (await Assert.ThrowsAsync<HubException>(() => admin.Connection.InvokeAsync(SprintHub.UnwatchDashboard, "team:1"))).Message);
        await admin.Connection.InvokeAsync(SprintHub.UnwatchDashboard, "district:692");
        Assert.Contains("at most 4", (await Assert.ThrowsAsync<HubException>(() => WatchAsync(admin, "district:691"))).Message);

        await admin.Connection.InvokeAsync(SprintHub.UnwatchDashboard, "district:690");
        Assert.Equal("district:691", (await WatchAsync(admin, "district:691")).Scope);
    }

    private static Task<DashboardLive> WatchAsync(LiveClient client, string scope) =>
        client.Connection.InvokeAsync<DashboardLive>(SprintHub.WatchDashboard, scope);

    private static ConcurrentQueue<DashboardLive> Record(LiveClient client)
    {
        var seen = new ConcurrentQueue<DashboardLive>();
        client.Connection.On<DashboardLive>(nameof(ISprintClient.DashboardChanged), seen.Enqueue);
        return seen;
    }
}

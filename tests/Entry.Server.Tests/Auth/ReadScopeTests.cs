using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Progress;
using Entry.Shared.Assignment;
using Entry.Shared.Books;
using Entry.Shared.Common;
using Entry.Shared.Entries;
using Entry.Shared.Progress;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;
using Entry.Shared.Units;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Auth;

/// <summary>
/// The other half of <see cref="ScopeWalkTests"/>: a district Monitor still reads all of their own district, province-wide
/// readers still read the province, and each list is cut to the caller's area — not merely refused.
/// </summary>
// Its world runs on a moved clock, and Quartz's clock is process-wide: it runs alone, like the other moved-clock tests.
[Collection(Shifts.MovedClockCollection.Name)]
public sealed class ReadScopeTests(ScopeWorld world) : IClassFixture<ScopeWorld>
{
    [Fact]
    public async Task A_district_monitor_reads_every_team_page_of_their_district_and_lists_only_its_teams()
    {
        var monitor = await world.SignInAsync("mon-a");

        var teams = await monitor.GetFromJsonAsync<List<TeamSummary>>("/api/teams");
        var coverage = await monitor.GetFromJsonAsync<List<TeamCoverage>>("/api/teams/coverage");

        Assert.Equal([world.TeamA], teams!.Select(t => t.Id));
        Assert.Equal([world.TeamA], coverage!.Select(t => t.TeamId));
        foreach (var page in new[] { "", "/roster", "/queue", "/board" })
        {
            Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync($"/api/teams/{world.TeamA}{page}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await monitor.GetAsync($"/api/teams/{world.TeamB}{page}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_district_monitor_gets_the_inventory_of_their_district_as_a_tree_a_list_and_a_file()
    {
        var monitor = await world.SignInAsync("mon-a");

        var units = (await monitor.GetFromJsonAsync<List<UnitNode>>("/api/units"))!;
        var books = (await monitor.GetFromJsonAsync<PagedResult<BookDto>>("/api/books"))!;
        var commune = (await monitor.GetFromJsonAsync<PagedResult<BookDto>>("/api/books?unitCode=25195"))!;
        var export = await monitor.GetStringAsync("/api/books/export");

        var root = Assert.Single(units);
        Assert.Equal((ScopeWorld.DistrictA, 2, 60), (root.Code, root.Books, root.Cases));
        var communes = await world.Factory.WithDbAsync(db => db.Units.Where(u => u.ParentCode == ScopeWorld.DistrictA).Select(u => u.Code).ToListAsync());
        Assert.Equal(communes.Order(StringComparer.Ordinal), root.Children.Select(c => c.Code));
        Assert.Equal([ScopeWorld.BookA, ScopeWorld.BookAOffice], books.Items.Select(b => b.Code).Order(StringComparer.Ordinal));
        Assert.Equal(2, books.Total);
        Assert.Equal([ScopeWorld.BookA], commune.Items.Select(b => b.Code));
        var rows = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0].Trim('\uFEFF', '"')).ToList();
        Assert.Equal([ScopeWorld.BookA, ScopeWorld.BookAOffice], rows.Order(StringComparer.Ordinal));
        foreach (var other in new[] { ScopeWorld.DistrictB, ScopeWorld.CommuneB, ScopeWorld.Province })
        {
            var refused = await monitor.GetAsync($"/api/books?unitCode={other}");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Outside your district", (await refused.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Title);
        }
    }

    [Fact]
    public async Task A_district_monitor_gets_the_projection_and_the_national_figures_of_their_district_and_no_reconciliation()
    {
        var monitor = await world.SignInAsync("mon-a");
        var province = await world.SignInAsync("mon-province");

        var projection = (await monitor.GetFromJsonAsync<ProjectionResponse>("/api/assignment/projection"))!;
        var status = (await monitor.GetFromJsonAsync<NationalStatus>("/api/national/status"))!;
        var provinceStatus = (await province.GetFromJsonAsync<NationalStatus>("/api/national/status"))!;
        var reconciliation = await monitor.GetAsync("/api/national/reconciliation");

        var inDistrict = await world.Factory.WithDbAsync(db => db.Units.Where(u => u.DistrictCode == ScopeWorld.DistrictA).Select(u => u.Code).ToListAsync());
        Assert.Equal(inDistrict.Order(StringComparer.Ordinal), projection.Units.Select(u => u.UnitCode).Order(StringComparer.Ordinal));
        Assert.Equal(projection.Units.Single(u => u.UnitCode == ScopeWorld.DistrictA).ProjectedFinish, projection.ProvinceProjectedFinish);

        var (districtSynced, provinceSynced) = await world.Factory.WithDbAsync(async db => (
            await db.ProgressCounters.Where(c => c.Scope == ScopeKey.District(ScopeWorld.DistrictA).Name).SumAsync(c => c.Synced),
            await db.ProgressCounters.Where(c => c.Scope == ScopeKey.Province.Name).SumAsync(c => c.Synced)));
        Assert.True(provinceSynced > districtSynced, "the world has cases synced outside district A");
        Assert.Equal((districtSynced, 0, 0), (status.Synced, status.Backlog, status.Rejected));
        Assert.Null(status.LastDeliveredAt);
        Assert.Equal(provinceSynced, provinceStatus.Synced);
        Assert.Equal(HttpStatusCode.Forbidden, reconciliation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync("/api/national/reconciliation")).StatusCode);
    }

    [Fact]
    public async Task A_province_monitor_and_an_admin_still_read_the_whole_province()
    {
        foreach (var reader in new[] { await world.SignInAsync("mon-province"), await world.Factory.AdminAsync() })
        {
            var teams = await reader.GetFromJsonAsync<List<TeamSummary>>("/api/teams");
            var books = await reader.GetFromJsonAsync<PagedResult<BookDto>>("/api/books?unitCode=70");
            var units = await reader.GetFromJsonAsync<List<UnitNode>>("/api/units");

            Assert.Equal(3, teams!.Count);
            Assert.Equal(6, books!.Total);
            Assert.Equal(ScopeWorld.Province, Assert.Single(units!).Code);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/teams/{world.TeamB}/board")).StatusCode);
        }
    }

    [Fact]
    public async Task A_leader_lists_only_their_own_team_and_still_reads_the_province_inventory()
    {
        var leader = await world.SignInAsync("lead-a");

        var teams = await leader.GetFromJsonAsync<List<TeamSummary>>("/api/teams");
        var books = await leader.GetFromJsonAsync<PagedResult<BookDto>>("/api/books");

        Assert.Equal([world.TeamA], teams!.Select(t => t.Id));
        Assert.Equal(6, books!.Total);
    }
}

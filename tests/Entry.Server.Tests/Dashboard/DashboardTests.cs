using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Monitoring;

namespace Entry.Server.Tests.Dashboard;

/// <summary>
/// The world of <see cref="DashboardWorld"/> after this morning's work: in Tân Phú (689) k1 logged three births (one flagged) and
/// skipped a number, k2 two marriages; in Thác Mơ (688) k3 two births.
/// </summary>
public sealed class SeededDashboard : IAsyncLifetime
{
    public DashboardWorld World { get; } = new();

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        await World.LogAsync(World.K1, DashboardWorld.Birth689);
        await World.LogAsync(World.K1, DashboardWorld.Birth689, flagged: true);
        await World.LogAsync(World.K1, DashboardWorld.Birth689);
        await World.SkipAsync(World.K1, DashboardWorld.Birth689);
        await World.LogAsync(World.K2, DashboardWorld.Marriage689);
        await World.LogAsync(World.K2, DashboardWorld.Marriage689);
        await World.LogAsync(World.K3, DashboardWorld.Birth688);
        await World.LogAsync(World.K3, DashboardWorld.Birth688);
    }

    public Task DisposeAsync() => World.DisposeAsync();
}

[Collection(MovedClockCollection.Name)]
public sealed class DashboardTests(SeededDashboard seeded) : IClassFixture<SeededDashboard>
{
    private DashboardWorld World => seeded.World;

    [Fact]
    public async Task The_province_dashboard_counts_what_was_logged_toward_the_inventory()
    {
        var admin = await World.Factory.AdminAsync();

        var dashboard = (await admin.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!;

        Assert.Equal(("province", "Tỉnh Bình Phước"), (dashboard.Scope, dashboard.ScopeName));
        Assert.Equal((DashboardWorld.SprintStart, DashboardWorld.SprintEnd), (dashboard.Sprint.StartDate, dashboard.Sprint.EndDate));
        var totals = dashboard.Totals;
        Assert.Equal((DashboardWorld.Target, 7L, 1L, 0L, 1L, 8L), (totals.Target, totals.Entered, totals.Flagged, totals.Verified, totals.Skipped, totals.Done));
        Assert.Equal(new BookCounts(6, 3, 3, 0), dashboard.Books);
        var birth = dashboard.ByType.Single(t => t.Type == BookType.Birth).Figures;
        Assert.Equal((115L, 5L, 1L, 1L), (birth.Target, birth.Entered, birth.Flagged, birth.Skipped));
        var marriage = dashboard.ByType.Single(t => t.Type == BookType.Marriage).Figures;
        Assert.Equal((30L, 2L), (marriage.Target, marriage.Entered));
        Assert.Equal((20L, 0L), (dashboard.ByType.Single(t => t.Type == BookType.Death).Figures.Target, dashboard.ByType.Single(t => t.Type == BookType.Death).Figures.Entered));
        Assert.Equal(10L, dashboard.ByType.Single(t => t.Type == BookType.Adoption).Figures.Target);
    }

    [Fact]
    public async Task The_province_table_has_its_own_books_then_one_row_per_district()
    {
        var admin = await World.Factory.AdminAsync();

        var units = (await admin.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!.Units;

        Assert.Equal(12, units.Count);
        var own = units[0];
        Assert.Equal(("70", "unit:70", true, false, 10L, 0L), (own.Code, own.Scope, own.OwnBooksOnly, own.HasChildren, own.Figures.Target, own.Figures.Entered));
        var tanPhu = units.Single(u => u.Code == "689");
        Assert.Equal(("district:689", false, true, UnitLevelOf(tanPhu)), (tanPhu.Scope, tanPhu.OwnBooksOnly, tanPhu.HasChildren, "district"));
        Assert.Equal((90L, 5L, 1L, 1L), (tanPhu.Figures.Target, tanPhu.Figures.Entered, tanPhu.Figures.Flagged, tanPhu.Figures.Skipped));
        Assert.Equal(new BookCounts(3, 1, 2, 0), tanPhu.Books);
        var phuocLong = units.Single(u => u.Code == "688");
        Assert.Equal((75L, 2L, new BookCounts(2, 1, 1, 0)), (phuocLong.Figures.Target, phuocLong.Figures.Entered, phuocLong.Books));
        Assert.Equal(DashboardWorld.Target, units.Sum(u => u.Figures.Target));
    }

    [Fact]
    public async Task The_rate_per_shift_and_per_day_and_the_cumulative_line_end_at_what_was_done_today()
    {
        var admin = await World.Factory.AdminAsync();

        var dashboard = (await admin.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!;

        Assert.Equal(21, dashboard.Shifts.Count);
        Assert.Equal(new ShiftRate(DashboardWorld.Day, 1, 8), dashboard.Shifts[^1]);
        Assert.All(dashboard.Shifts.SkipLast(1), s => Assert.Equal(0, s.Done));
        Assert.Equal(30, dashboard.Days.Count);
        var today = dashboard.Days[2];
        Assert.Equal((DashboardWorld.Day, 8L, 8L), (today.Date, today.Done!.Value, today.Cumulative!.Value));
        Assert.Equal((0L, 0L), (dashboard.Days[0].Done!.Value, dashboard.Days[0].Cumulative!.Value));
        Assert.Null(dashboard.Days[3].Cumulative);
        Assert.Equal(DashboardWorld.Target, dashboard.Days[^1].Needed);
        Assert.Equal(DashboardWorld.SprintEnd, dashboard.Projection.EndDate);
    }

    [Fact]
    public async Task The_teams_behind_compare_the_closed_rostered_shifts_since_the_start_with_what_each_team_did()
    {
        var admin = await World.Factory.AdminAsync();

        var behind = (await admin.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!.TeamsBehind;

        // Tân Phú: 2 clerks × 6 h × 6 cases = 72 planned, 6 done; Thác Mơ: 1 × 5 h × 6 = 30, 2 done (its shift before the start does not count).
        Assert.Equal([World.Team689, World.Team688], behind.Select(t => t.TeamId));
        Assert.Equal(("Tổ Tân Phú", "25195", 72L, 6L, 66L), (behind[0].TeamName, behind[0].UnitCode, behind[0].Planned, behind[0].Done, behind[0].Shortfall));
        Assert.Equal((30L, 2L, 28L), (behind[1].Planned, behind[1].Done, behind[1].Shortfall));
    }

    [Fact]
    public async Task A_district_dashboard_shows_its_own_books_then_its_communes_and_its_own_shifts()
    {
        var admin = await World.Factory.AdminAsync();

        var dashboard = (await admin.GetFromJsonAsync<DashboardResponse>("/api/dashboard?district=689"))!;

        Assert.Equal(("district:689", "Thành phố Đồng Xoài"), (dashboard.Scope, dashboard.ScopeName));
        Assert.Equal((90L, 5L, 1L, 6L), (dashboard.Totals.Target, dashboard.Totals.Entered, dashboard.Totals.Skipped, dashboard.Totals.Done));
        Assert.Equal(("689", "unit:689", true, 20L), (dashboard.Units[0].Code, dashboard.Units[0].Scope, dashboard.Units[0].OwnBooksOnly, dashboard.Units[0].Figures.Target));
        var tanPhu = dashboard.Units.Single(u => u.Code == "25195");
        Assert.Equal(("unit:25195", false, false, 70L, 5L), (tanPhu.Scope, tanPhu.OwnBooksOnly, tanPhu.HasChildren, tanPhu.Figures.Target, tanPhu.Figures.Entered));
        Assert.DoesNotContain(dashboard.Units, u => u.Code == "25216");
        Assert.Equal(new ShiftRate(DashboardWorld.Day, 1, 6), dashboard.Shifts[^1]);
        Assert.Equal(6L, dashboard.Days[2].Cumulative);
        Assert.Equal([World.Team689], dashboard.TeamsBehind.Select(t => t.TeamId));
        Assert.Null(dashboard.National.Circuit);
        // The flagged case is held until verified, not in the backlog.
        Assert.Equal(1L, dashboard.National.WaitingForVerification);
        Assert.Equal(4L, dashboard.National.Backlog + dashboard.National.Synced + dashboard.National.Rejected);
    }

    [Fact]
    public async Task The_drill_down_goes_from_a_district_to_its_communes_and_to_a_communes_books()
    {
        var admin = await World.Factory.AdminAsync();

        var district = (await admin.GetFromJsonAsync<UnitDrillDown>("/api/dashboard/units/689"))!;
        var commune = (await admin.GetFromJsonAsync<UnitDrillDown>("/api/dashboard/units/25195"))!;
        var province = (await admin.GetFromJsonAsync<UnitDrillDown>("/api/dashboard/units/70"))!;
        var books = (await admin.GetFromJsonAsync<List<DashboardBookRow>>("/api/dashboard/units/25195/books"))!;

        Assert.Equal(("district:689", true, 90L, 5L), (district.Unit.Scope, district.Unit.HasChildren, district.Unit.Figures.Target, district.Unit.Figures.Entered));
        Assert.Equal("unit:689", district.Rows[0].Scope);
        Assert.Equal(70L, district.Rows.Single(r => r.Code == "25195").Figures.Target);
        Assert.Equal(("unit:25195", false, 70L, 5L), (commune.Unit.Scope, commune.Unit.HasChildren, commune.Unit.Figures.Target, commune.Unit.Figures.Entered));
        Assert.Empty(commune.Rows);
        Assert.Equal(("province", 12, 7L), (province.Unit.Scope, province.Rows.Count, province.Unit.Figures.Entered));

        Assert.Equal([DashboardWorld.Birth689, DashboardWorld.Marriage689], books.Select(b => b.Code));
        var birth = books[0];
        Assert.Equal((BookType.Birth, BookStatus.InProgress, 1990, "Tổ Tân Phú"), (birth.Type, birth.Status, birth.Year, birth.TeamName));
        Assert.Equal((40L, 3L, 1L, 1L), (birth.Figures.Target, birth.Figures.Entered, birth.Figures.Flagged, birth.Figures.Skipped));
        Assert.Equal((30L, 2L), (books[1].Figures.Target, books[1].Figures.Entered));
        var office = (await admin.GetFromJsonAsync<List<DashboardBookRow>>("/api/dashboard/units/689/books"))!;
        Assert.Equal((DashboardWorld.Death689Office, (string?)null), (office.Single().Code, office.Single().TeamName));
    }

    [Fact]
    public async Task A_district_monitor_gets_their_district_whatever_they_ask_and_403_elsewhere()
    {
        var monitor = await World.SignInAsync("mon-689");

        var own = (await monitor.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!;
        var asked = (await monitor.GetFromJsonAsync<DashboardResponse>("/api/dashboard?district=689"))!;

        Assert.Equal(("district:689", "district:689"), (own.Scope, asked.Scope));
        Assert.Equal(200, (int)(await monitor.GetAsync("/api/dashboard/units/25195")).StatusCode);
        Assert.Equal(200, (int)(await monitor.GetAsync("/api/dashboard/units/689/books")).StatusCode);
        await AssertRefusedAsync(monitor, "/api/dashboard?district=688", HttpStatusCode.Forbidden, "district");
        await AssertRefusedAsync(monitor, "/api/dashboard/units/688", HttpStatusCode.Forbidden, "code");
        await AssertRefusedAsync(monitor, "/api/dashboard/units/70", HttpStatusCode.Forbidden, "code");
        await AssertRefusedAsync(monitor, "/api/dashboard/units/25216", HttpStatusCode.Forbidden, "code");
        await AssertRefusedAsync(monitor, "/api/dashboard/units/25216/books", HttpStatusCode.Forbidden, "code");
        await AssertRefusedAsync(monitor, "/api/dashboard/units/99999", HttpStatusCode.NotFound, "code");
    }

    [Fact]
    public async Task The_province_monitor_sees_every_district_and_unknown_codes_are_404()
    {
        var monitor = await World.SignInAsync("mon-province");

        Assert.Equal("province", (await monitor.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!.Scope);
        Assert.Equal("district:688", (await monitor.GetFromJsonAsync<DashboardResponse>("/api/dashboard?district=688"))!.Scope);
        Assert.Equal(2, (await monitor.GetFromJsonAsync<List<DashboardBookRow>>("/api/dashboard/units/25216/books"))!.Single().Figures.Entered);
        await AssertRefusedAsync(monitor, "/api/dashboard?district=99999", HttpStatusCode.NotFound, "district");
        await AssertRefusedAsync(monitor, "/api/dashboard?district=25195", HttpStatusCode.NotFound, "district");
        await AssertRefusedAsync(monitor, "/api/dashboard/units/nope/books", HttpStatusCode.NotFound, "code");
    }

    [Fact]
    public async Task A_monitor_whose_unit_names_no_unit_sees_nothing()
    {
        var monitor = await World.SignInAsync("mon-nowhere");

        foreach (var path in new[] { "/api/dashboard", "/api/dashboard?district=689", "/api/dashboard/units/689", "/api/dashboard/units/25195/books" })
        {
            var response = await monitor.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("No area to monitor", (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Title);
        }
    }

    [Fact]
    public async Task A_clerk_or_leader_may_not_read_the_dashboard()
    {
        var clerk = await World.SignInAsync("k1");
        var leader = await World.Factory.ClientAsAsync(Roles.TeamLeader);

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/dashboard/units/689")).StatusCode);
    }

    [Fact]
    public async Task Synced_cases_reach_the_dashboard_national_figures()
    {
        var admin = await World.Factory.AdminAsync();

        await Local.EventuallyAsync(async () =>
        {
            var national = (await admin.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!.National;
            return national.Backlog == 0 && national.Synced + national.Rejected == 6;
        }, "every case but the flagged one synced or rejected", seconds: 60);

        var dashboard = (await admin.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!;
        Assert.Equal(dashboard.Totals.Synced, dashboard.National.Synced);
        Assert.NotNull(dashboard.National.Circuit);
        // The flagged case waits for its verification before it is sent.
        Assert.Equal((1L, 1L), (dashboard.National.WaitingForVerification, dashboard.Totals.Flagged));
    }

    private static string UnitLevelOf(DashboardUnitRow row) => JsonNamingPolicy.CamelCase.ConvertName(row.Level.ToString());

    private static async Task AssertRefusedAsync(HttpClient client, string path, HttpStatusCode status, string field)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{path}: the problem names {field}");
    }
}

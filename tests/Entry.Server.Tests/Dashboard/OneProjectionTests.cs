using System.Net.Http.Json;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Assignment;
using Entry.Shared.Monitoring;

namespace Entry.Server.Tests.Dashboard;

/// <summary>
/// The dashboard, the teams page (<c>GET /api/assignment/projection</c>) and a district Monitor's view give one projected finish:
/// every team's queue, what is left of each book, at the team's rostered capacity of this week.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class OneProjectionTests(SeededDashboard seeded) : IClassFixture<SeededDashboard>
{
    private DashboardWorld World => seeded.World;

    [Fact]
    public async Task The_dashboard_and_the_projection_give_the_same_date_for_the_province_and_for_a_district()
    {
        var admin = await World.Factory.AdminAsync();
        // Every book gets a team, so every one has a date (a book without a team never finishes).
        (await admin.PostAsJsonAsync("/api/assignment/move", new MoveBooksRequest([DashboardWorld.Death689Office], World.Team689))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/assignment/move",
            new MoveBooksRequest([DashboardWorld.Birth688Other, DashboardWorld.AdoptionProvince], World.Team688))).EnsureSuccessStatusCode();
        var districtMonitor = await World.SignInAsync("mon-689");

        var province = (await admin.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!.Projection;
        var district = (await admin.GetFromJsonAsync<DashboardResponse>("/api/dashboard?district=689"))!.Projection;
        var ownDistrict = (await districtMonitor.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!.Projection;
        var projection = (await admin.GetFromJsonAsync<ProjectionResponse>("/api/assignment/projection"))!;
        var districtProjection = (await districtMonitor.GetFromJsonAsync<ProjectionResponse>("/api/assignment/projection"))!;

        // This week Tân Phú has 4 clerk-shifts of 6 h (144 cases a week) for 36 + 28 + 20 cases left: 5 days;
        // Thác Mơ 6 h + 5 h (66 a week) for 48 + 25 + 10: 9 days.
        Assert.Equal(DashboardWorld.Day.AddDays(9), projection.ProvinceProjectedFinish);
        Assert.Equal(projection.ProvinceProjectedFinish, province.ProjectedFinish);
        Assert.Equal(DashboardWorld.Day.AddDays(5), projection.Units.Single(u => u.UnitCode == "689").ProjectedFinish);
        Assert.Equal(DashboardWorld.Day.AddDays(5), district.ProjectedFinish);
        Assert.Equal(district.ProjectedFinish, ownDistrict.ProjectedFinish);
        Assert.Equal(district.ProjectedFinish, districtProjection.ProvinceProjectedFinish);
        Assert.Equal(84, projection.Units.Single(u => u.UnitCode == "689").RemainingCases);
        Assert.True(province.OnTrack);
        Assert.Equal(DashboardWorld.Day.AddDays(9).DayNumber - DashboardWorld.SprintEnd.DayNumber, province.DaysLate);
    }
}

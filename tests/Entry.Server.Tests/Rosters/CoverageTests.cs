using System.Net.Http.Json;
using Entry.Server.Tests.Support;
using Entry.Server.Tests.Teams;
using Entry.Shared.Shifts;

namespace Entry.Server.Tests.Rosters;

/// <summary>The Admin's view of every team's week at a glance.</summary>
public sealed class CoverageTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Fact]
    public async Task Coverage_reports_a_short_shift_with_its_reason_and_an_empty_one_as_not_rostered()
    {
        var team = await TeamSetup.CreateAsync(factory, "cover", computers: 5);
        var monday = TeamSetup.NextWeek;
        foreach (var day in Enumerable.Range(0, 7))
        {
            foreach (var shift in new[] { 1, 2, 3 })
            {
                (await team.Leader.PutAsJsonAsync($"/api/teams/{team.Id}/roster/{monday.AddDays(day):yyyy-MM-dd}/{shift}", new PlanShiftRequest(team.ValidShift)))
                    .EnsureSuccessStatusCode();
            }
        }
        // Tuesday's shift 2 emptied; then the team loses one of its two others, which leaves every other shift short.
        (await team.Leader.PutAsJsonAsync($"/api/teams/{team.Id}/roster/{monday.AddDays(1):yyyy-MM-dd}/2", new PlanShiftRequest([]))).EnsureSuccessStatusCode();
        (await team.Leader.PutAsJsonAsync($"/api/teams/{team.Id}/members/{team.Other2}", new Entry.Shared.Teams.UpdateMemberRequest(Entry.Shared.Teams.MemberCategory.PoliceOfficer)))
            .EnsureSuccessStatusCode();
        var admin = await factory.AdminAsync();

        var coverage = (await admin.GetFromJsonAsync<List<TeamCoverage>>($"/api/teams/coverage?week={monday.AddDays(5):yyyy-MM-dd}"))!;

        var mine = Assert.Single(coverage, c => c.TeamId == team.Id);
        Assert.False(mine.IsComplete);
        Assert.Equal(7, mine.MemberCount);
        Assert.Equal(21, mine.ShortShifts);
        var empty = Assert.Single(mine.Short, s => s.Date == monday.AddDays(1) && s.Shift == 2);
        Assert.Equal([ShiftIssueCodes.NotRostered], empty.Issues.Select(i => i.Code));
        var other = Assert.Single(mine.Short, s => s.Date == monday && s.Shift == 1);
        var issue = Assert.Single(other.Issues);
        Assert.Equal(ShiftIssueCodes.TooFewOthers, issue.Code);
        Assert.Equal("1 other rostered; a shift needs at least 2", issue.Message);
    }

    [Fact]
    public async Task A_team_with_a_valid_week_has_no_short_shift()
    {
        var team = await TeamSetup.CreateAsync(factory, "covered", computers: 5);
        var admin = await factory.AdminAsync();
        var monday = TeamSetup.NextWeek.AddDays(7);
        foreach (var slot in Enumerable.Range(0, 21))
        {
            (await admin.PutAsJsonAsync($"/api/teams/{team.Id}/roster/{monday.AddDays(slot / 3):yyyy-MM-dd}/{slot % 3 + 1}", new PlanShiftRequest(team.ValidShift)))
                .EnsureSuccessStatusCode();
        }

        var coverage = (await admin.GetFromJsonAsync<List<TeamCoverage>>($"/api/teams/coverage?week={monday:yyyy-MM-dd}"))!;

        var mine = Assert.Single(coverage, c => c.TeamId == team.Id);
        Assert.Equal(0, mine.ShortShifts);
        Assert.Empty(mine.Short);
    }
}

/// <summary>Coverage over the demo sprint as <c>dotnet run</c> starts it.</summary>
public sealed class DemoCoverageTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    [Fact]
    public async Task The_demo_sprint_covers_every_shift_of_this_week_for_all_123_teams()
    {
        var admin = await factory.SignedInClientAsync("admin", "Demo-2026");

        var coverage = (await admin.GetFromJsonAsync<List<TeamCoverage>>("/api/teams/coverage"))!;

        Assert.Equal(123, coverage.Count);
        Assert.All(coverage, c => Assert.True(c.IsComplete && c.ShortShifts == 0, $"team {c.TeamId}: {c.ShortShifts} short shifts"));
    }
}

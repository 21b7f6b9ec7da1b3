using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Teams;

/// <summary>A leader manages only their own team, a clerk reads only their own, a monitor only reads.</summary>
public sealed class TeamScopeTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    /// <summary>Every change a leader can ask for on a team, with a body that would be accepted on their own team.</summary>
    private static IEnumerable<(string What, Func<HttpClient, Task<HttpResponseMessage>> Send)> Changes(TestTeam team) =>
    [
        ("rename", c => c.PutAsJsonAsync($"/api/teams/{team.Id}", new UpdateTeamRequest("Taken over", 6))),
        ("add member", c => c.PostAsJsonAsync($"/api/teams/{team.Id}/members", new AddMemberRequest($"{team.Prefix}-intruder", MemberCategory.Other, "Intruder", EntryFactory.Password))),
        ("change category", c => c.PutAsJsonAsync($"/api/teams/{team.Id}/members/{team.Other3}", new UpdateMemberRequest(MemberCategory.PoliceOfficer))),
        ("plan shift", c => c.PutAsJsonAsync($"/api/teams/{team.Id}/roster/{TeamSetup.NextWeek:yyyy-MM-dd}/1", new PlanShiftRequest(team.ValidShift))),
        ("copy week", c => c.PostAsJsonAsync($"/api/teams/{team.Id}/roster/copy", new CopyWeekRequest(TeamSetup.NextWeek))),
        ("remove member", c => c.DeleteAsync($"/api/teams/{team.Id}/members/{team.Other3}")),
    ];

    [Fact]
    public async Task A_leader_gets_403_on_every_change_to_another_team_and_nothing_changes()
    {
        var mine = await TeamSetup.CreateAsync(factory, "scope-a");
        var theirs = await TeamSetup.CreateAsync(factory, "scope-b");

        foreach (var (what, send) in Changes(theirs))
        {
            var response = await send(mine.Leader);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)response.StatusCode}");
        }

        var detail = (await theirs.Leader.GetFromJsonAsync<TeamDetail>($"/api/teams/{theirs.Id}"))!;
        Assert.Equal(($"Team {theirs.Prefix}", 5, 7), (detail.Team.Name, detail.Team.Computers, detail.Team.MemberCount));
        Assert.Equal(MemberCategory.Other, Assert.Single(detail.Members, m => m.UserName == theirs.Other3).Category);
        Assert.Equal(0, await factory.WithDbAsync(db => db.RosterEntries.CountAsync(e => e.TeamId == theirs.Id)));
    }

    [Fact]
    public async Task A_leader_makes_every_change_to_their_own_team()
    {
        var team = await TeamSetup.CreateAsync(factory, "scope-own");

        foreach (var (what, send) in Changes(team))
        {
            var response = await send(team.Leader);
            Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task A_leader_reads_only_their_own_team_and_roster()
    {
        var mine = await TeamSetup.CreateAsync(factory, "read-a");
        var theirs = await TeamSetup.CreateAsync(factory, "read-b");

        Assert.Equal(HttpStatusCode.OK, (await mine.Leader.GetAsync($"/api/teams/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mine.Leader.GetAsync($"/api/teams/{mine.Id}/roster")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.Leader.GetAsync($"/api/teams/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.Leader.GetAsync($"/api/teams/{theirs.Id}/roster")).StatusCode);
        Assert.Equal(mine.Id, (await mine.Leader.GetFromJsonAsync<TeamDetail>("/api/teams/mine"))!.Team.Id);
    }

    [Fact]
    public async Task A_clerk_reads_their_own_team_and_roster_but_changes_nothing_and_sees_no_other_team()
    {
        var mine = await TeamSetup.CreateAsync(factory, "clerk-a");
        var theirs = await TeamSetup.CreateAsync(factory, "clerk-b");
        var clerk = await factory.SignedInClientAsync(mine.Other1, EntryFactory.Password);

        Assert.Equal(mine.Id, (await clerk.GetFromJsonAsync<TeamDetail>("/api/teams/mine"))!.Team.Id);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/teams/{mine.Id}/roster")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync($"/api/teams/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync($"/api/teams/{theirs.Id}/roster")).StatusCode);
        foreach (var (what, send) in Changes(mine))
        {
            Assert.True((await send(clerk)).StatusCode == HttpStatusCode.Forbidden, what);
        }
    }

    [Fact]
    public async Task A_monitor_reads_every_team_but_cannot_change_anything()
    {
        var team = await TeamSetup.CreateAsync(factory, "watched");
        var monitor = await factory.ClientAsAsync(Roles.Monitor, "scope-monitor");

        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync($"/api/teams/{team.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync($"/api/teams/{team.Id}/roster")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync("/api/teams/coverage")).StatusCode);
        foreach (var (what, send) in Changes(team))
        {
            Assert.True((await send(monitor)).StatusCode == HttpStatusCode.Forbidden, what);
        }
        var create = await monitor.PostAsJsonAsync("/api/teams", new CreateTeamRequest("Mine", TeamSetup.Unit, "scope-monitor", 3));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(7, (await monitor.GetFromJsonAsync<TeamDetail>($"/api/teams/{team.Id}"))!.Team.MemberCount);
    }

    [Fact]
    public async Task An_admin_changes_any_team()
    {
        var team = await TeamSetup.CreateAsync(factory, "admin-any");
        var admin = await factory.AdminAsync();

        foreach (var (what, send) in Changes(team))
        {
            var response = await send(admin);
            Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode}");
        }
    }
}

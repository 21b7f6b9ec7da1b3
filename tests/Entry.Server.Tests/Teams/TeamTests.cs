using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Teams;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Teams;

/// <summary>Teams and their members through the API: created by an Admin, kept by the leader, within the campaign's limits.</summary>
public sealed class TeamTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Fact]
    public async Task An_admin_creates_a_team_whose_leader_is_its_first_member()
    {
        await factory.ClientAsAsync(Roles.TeamLeader, "create-lead");
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/teams",
            new CreateTeamRequest("Tổ nhập liệu tỉnh", TeamSetup.Unit, "create-lead", 6, MemberCategory.PoliceOfficer));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var team = (await response.Content.ReadFromJsonAsync<TeamDetail>())!;
        Assert.Equal($"/api/teams/{team.Team.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Tổ nhập liệu tỉnh", team.Team.Name);
        Assert.Equal("create-lead", team.Team.LeaderUserName);
        Assert.Equal(6, team.Team.Computers);
        Assert.Equal(1, team.Team.MemberCount);
        Assert.False(team.Team.IsComplete);
        var leader = Assert.Single(team.Members);
        Assert.True(leader.IsLeader);
        Assert.Equal(MemberCategory.PoliceOfficer, leader.Category);
    }

    [Fact]
    public async Task The_list_shows_each_team_with_its_unit_leader_member_count_and_completeness()
    {
        var team = await TeamSetup.CreateAsync(factory, "list");

        var teams = (await team.Leader.GetFromJsonAsync<List<TeamSummary>>("/api/teams"))!;

        var listed = Assert.Single(teams, t => t.Id == team.Id);
        Assert.Equal(TeamSetup.Unit, listed.UnitCode);
        Assert.False(string.IsNullOrEmpty(listed.UnitName));
        Assert.Equal("list-lead", listed.LeaderUserName);
        Assert.Equal(7, listed.MemberCount);
        Assert.False(listed.IsComplete);
    }

    [Theory]
    [InlineData("", TeamSetup.Unit, "bad-lead", 6, "name")]
    [InlineData("Team", "no-such-unit", "bad-lead", 6, "unitCode")]
    [InlineData("Team", TeamSetup.Unit, "no-such-user", 6, "leaderUserName")]
    [InlineData("Team", TeamSetup.Unit, "bad-clerk", 6, "leaderUserName")]
    [InlineData("Team", TeamSetup.Unit, "bad-lead", 0, "computers")]
    public async Task Creating_a_team_with_a_bad_field_names_it_and_stores_nothing(string name, string unit, string leader, int computers, string field)
    {
        await factory.ClientAsAsync(Roles.TeamLeader, "bad-lead");
        await factory.ClientAsAsync(Roles.Clerk, "bad-clerk");
        var admin = await factory.AdminAsync();
        var before = await factory.WithDbAsync(db => db.Teams.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/teams", new CreateTeamRequest(name, unit, leader, computers));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await TeamSetup.ProblemAsync(response)).Fields);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Teams.CountAsync()));
    }

    [Fact]
    public async Task A_leader_already_in_a_team_cannot_lead_another()
    {
        await TeamSetup.CreateAsync(factory, "twice");
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/teams", new CreateTeamRequest("Second", TeamSetup.Unit, "twice-lead", 4));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["leaderUserName"], (await TeamSetup.ProblemAsync(response)).Fields);
    }

    [Fact]
    public async Task A_team_takes_at_most_12_members_and_is_complete_with_12()
    {
        var team = await TeamSetup.CreateAsync(factory, "full");
        for (var i = 8; i <= 12; i++)
        {
            await TeamSetup.AddNewMemberAsync(team.Leader, team.Id, $"full-x{i}");
        }

        var thirteenth = await team.Leader.PostAsJsonAsync($"/api/teams/{team.Id}/members",
            new AddMemberRequest("full-x13", MemberCategory.Other, "Thirteenth", EntryFactory.Password));

        Assert.Equal(HttpStatusCode.BadRequest, thirteenth.StatusCode);
        Assert.Equal(["userName"], (await TeamSetup.ProblemAsync(thirteenth)).Fields);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "full-x13")));
        var detail = (await team.Leader.GetFromJsonAsync<TeamDetail>($"/api/teams/{team.Id}"))!;
        Assert.Equal(12, detail.Team.MemberCount);
        Assert.True(detail.Team.IsComplete);
    }

    [Fact]
    public async Task A_person_belongs_to_at_most_one_team()
    {
        var first = await TeamSetup.CreateAsync(factory, "one-a");
        var second = await TeamSetup.CreateAsync(factory, "one-b");

        var response = await second.Leader.PostAsJsonAsync($"/api/teams/{second.Id}/members", new AddMemberRequest(first.Other1, MemberCategory.Other));
        var leaderOfFirst = await second.Leader.PostAsJsonAsync($"/api/teams/{second.Id}/members", new AddMemberRequest(first.LeaderName, MemberCategory.Other));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["userName"], (await TeamSetup.ProblemAsync(response)).Fields);
        Assert.Equal(HttpStatusCode.BadRequest, leaderOfFirst.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.User!.UserName == first.Other1)));
    }

    [Fact]
    public async Task An_existing_clerk_without_a_team_joins_by_user_name()
    {
        var team = await TeamSetup.CreateAsync(factory, "join");
        var clerk = await factory.ClientAsAsync(Roles.Clerk, "join-free");

        var response = await team.Leader.PostAsJsonAsync($"/api/teams/{team.Id}/members", new AddMemberRequest("join-free", MemberCategory.PoliceOfficer));

        response.EnsureSuccessStatusCode();
        var mine = (await clerk.GetFromJsonAsync<TeamDetail>("/api/teams/mine"))!;
        Assert.Equal(team.Id, mine.Team.Id);
        Assert.Contains(mine.Members, m => m.UserName == "join-free" && m.Category == MemberCategory.PoliceOfficer && !m.IsLeader);
    }

    [Fact]
    public async Task A_new_member_gets_a_clerk_account_that_signs_in()
    {
        var team = await TeamSetup.CreateAsync(factory, "newbie");

        var clerk = await factory.SignedInClientAsync(team.Other3, EntryFactory.Password);
        var me = (await clerk.GetFromJsonAsync<CurrentUser>("/api/auth/me"))!;

        Assert.Equal([Roles.Clerk], me.Roles);
        Assert.Equal(TeamSetup.Unit, me.UnitCode);
    }

    [Theory]
    [InlineData("r1", "monitor", null, null, "userName")]
    [InlineData("r2", "root", null, null, "userName")]
    [InlineData("r3", "idle-lead", null, null, "userName")]
    [InlineData("r4", "taken-clerk", "Someone else", EntryFactory.Password, "userName")]
    [InlineData("r5", "brand-new", null, null, "displayName,password")]
    [InlineData("r6", "brand-new", "Brand New", "short", "password")]
    [InlineData("r7", "", null, null, "userName")]
    public async Task Adding_a_member_refuses_bad_input_naming_the_field_and_creates_nobody(
        string prefix, string userName, string? displayName, string? password, string fields)
    {
        var team = await TeamSetup.CreateAsync(factory, prefix);
        await factory.ClientAsAsync(Roles.Monitor, "monitor");
        await factory.ClientAsAsync(Roles.Clerk, "taken-clerk");
        await factory.ClientAsAsync(Roles.TeamLeader, "idle-lead");

        var response = await team.Leader.PostAsJsonAsync($"/api/teams/{team.Id}/members", new AddMemberRequest(userName, MemberCategory.Other, displayName, password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(fields.Split(',').ToHashSet(), (await TeamSetup.ProblemAsync(response)).Fields);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "brand-new")));
        Assert.Equal(7, await factory.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.TeamId == team.Id)));
    }

    [Fact]
    public async Task The_leader_changes_a_members_category()
    {
        var team = await TeamSetup.CreateAsync(factory, "category");

        var response = await team.Leader.PutAsJsonAsync($"/api/teams/{team.Id}/members/{team.Other1}", new UpdateMemberRequest(MemberCategory.PoliceOfficer));

        var detail = (await response.Content.ReadFromJsonAsync<TeamDetail>())!;
        Assert.Equal(MemberCategory.PoliceOfficer, Assert.Single(detail.Members, m => m.UserName == team.Other1).Category);
    }

    [Fact]
    public async Task The_leader_renames_the_team_and_sets_its_computers_but_not_below_one()
    {
        var team = await TeamSetup.CreateAsync(factory, "rename");

        var renamed = await team.Leader.PutAsJsonAsync($"/api/teams/{team.Id}", new UpdateTeamRequest("Renamed", 8));
        var zero = await team.Leader.PutAsJsonAsync($"/api/teams/{team.Id}", new UpdateTeamRequest("Renamed again", 0));

        Assert.Equal(8, (await renamed.Content.ReadFromJsonAsync<TeamDetail>())!.Team.Computers);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Equal(["computers"], (await TeamSetup.ProblemAsync(zero)).Fields);
        var stored = (await team.Leader.GetFromJsonAsync<TeamDetail>($"/api/teams/{team.Id}"))!.Team;
        Assert.Equal(("Renamed", 8), (stored.Name, stored.Computers));
    }

    [Fact]
    public async Task The_leader_cannot_remove_themselves()
    {
        var team = await TeamSetup.CreateAsync(factory, "self");

        var response = await team.Leader.DeleteAsync($"/api/teams/{team.Id}/members/{team.LeaderName}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["userName"], (await TeamSetup.ProblemAsync(response)).Fields);
        Assert.Equal(7, (await team.Leader.GetFromJsonAsync<TeamDetail>($"/api/teams/{team.Id}"))!.Team.MemberCount);
    }

    [Fact]
    public async Task Removing_someone_who_is_not_a_member_is_a_404_problem()
    {
        var team = await TeamSetup.CreateAsync(factory, "notin");

        var response = await team.Leader.DeleteAsync($"/api/teams/{team.Id}/members/nobody-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_team_is_a_404_problem()
    {
        var admin = await factory.AdminAsync();

        var response = await admin.GetAsync("/api/teams/999999");
        var roster = await admin.GetAsync("/api/teams/999999/roster");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, roster.StatusCode);
    }

    [Fact]
    public async Task A_clerk_in_no_team_gets_a_404_problem_for_their_team()
    {
        var clerk = await factory.ClientAsAsync(Roles.Clerk, "lonely-clerk");

        var response = await clerk.GetAsync("/api/teams/mine");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Member_names_never_reach_the_logs()
    {
        var team = await TeamSetup.CreateAsync(factory, "privacy");

        await team.Leader.DeleteAsync($"/api/teams/{team.Id}/members/{team.Other3}");

        // Display names nowhere; user names not in Entry's own log lines (the framework's request lines carry the path).
        Assert.DoesNotContain(factory.Logs, line => line.Contains("Member privacy-", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs, line => line.StartsWith("Entry.", StringComparison.Ordinal) && line.Contains("privacy-", StringComparison.Ordinal));
        Assert.Contains(factory.Logs, line => line.Contains($"Member removed from team {team.Id}", StringComparison.Ordinal));
    }
}

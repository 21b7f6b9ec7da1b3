using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Support;
using Entry.Server.Tests.Teams;
using Entry.Shared.Shifts;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Rosters;

/// <summary>Planning a team's shifts through the API: only plans that meet every rule are stored.</summary>
public sealed class RosterTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> PlanAsync(TestTeam team, DateOnly date, int shift, params string[] userNames) =>
        team.Leader.PutAsJsonAsync($"/api/teams/{team.Id}/roster/{Day(date)}/{shift}", new PlanShiftRequest(userNames));

    private Task<List<string>> StoredAsync(TestTeam team, DateOnly date, int shift) =>
        factory.WithDbAsync(db => db.RosterEntries.Where(e => e.TeamId == team.Id && e.Date == date && e.Shift == shift)
            .OrderBy(e => e.Id).Select(e => e.User!.UserName!).ToListAsync());

    [Fact]
    public async Task A_plan_that_meets_every_rule_is_stored_and_shows_in_the_week()
    {
        var team = await TeamSetup.CreateAsync(factory, "valid");
        var wednesday = TeamSetup.NextWeek.AddDays(2);

        var response = await PlanAsync(team, wednesday, 2, team.ValidShift);

        response.EnsureSuccessStatusCode();
        var shift = (await response.Content.ReadFromJsonAsync<RosterShift>())!;
        Assert.Equal((wednesday, 2), (shift.Date, shift.Shift));
        Assert.Equal(team.ValidShift, shift.UserNames);
        Assert.Empty(shift.Issues);
        Assert.Equal(ShiftCalendar.Start(wednesday, 2), shift.Starts);
        var week = (await team.Leader.GetFromJsonAsync<WeekRoster>($"/api/teams/{team.Id}/roster?week={Day(wednesday)}"))!;
        Assert.Equal(TeamSetup.NextWeek, week.WeekStart);
        Assert.Equal(21, week.Shifts.Count);
        Assert.Equal(team.ValidShift, Assert.Single(week.Shifts, s => s.Date == wednesday && s.Shift == 2).UserNames);
        Assert.Equal(4 * 5.0, week.ClerkHours);
    }

    public static TheoryData<string, string> Breaches => new()
    {
        // Three people cannot hold the four places a shift needs: too few, and short of others too.
        { $"{ShiftIssueCodes.TooFewPeople},{ShiftIssueCodes.TooFewOthers}", "lead,p1,o1" },
        { ShiftIssueCodes.NoCivilRegistryOfficer, "p1,p2,o1,o2" },
        { ShiftIssueCodes.NoPoliceOfficer, "lead,c2,o1,o2" },
        { ShiftIssueCodes.TooFewOthers, "lead,c2,p1,o1" },
        { ShiftIssueCodes.MoreClerksThanComputers, "lead,c2,p1,p2,o1,o2" },
        { ShiftIssueCodes.NotAMember, "lead,p1,o1,o2,root" },
        { ShiftIssueCodes.DuplicateMember, "lead,p1,o1,o2,o1" },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public async Task A_plan_that_breaks_a_rule_is_refused_with_its_issue_and_the_previous_plan_stays(string expected, string people)
    {
        var team = await TeamSetup.CreateAsync(factory, $"breach-{expected.Split(',')[0]}", computers: 5);
        var monday = TeamSetup.NextWeek;
        (await PlanAsync(team, monday, 1, team.ValidShift)).EnsureSuccessStatusCode();

        var response = await PlanAsync(team, monday, 1, people.Split(',').Select(p => p == "root" ? p : $"{team.Prefix}-{p}").ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (fields, codes, body) = await TeamSetup.ProblemAsync(response);
        Assert.Equal(["userNames"], fields);
        Assert.Equal(expected.Split(','), codes);
        var messages = body.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("message").GetString());
        Assert.Equal(messages, body.GetProperty("errors").GetProperty("userNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(team.ValidShift, await StoredAsync(team, monday, 1));
    }

    [Fact]
    public async Task A_refused_plan_reports_every_breach_with_the_numbers()
    {
        var team = await TeamSetup.CreateAsync(factory, "many", computers: 2);

        var response = await PlanAsync(team, TeamSetup.NextWeek, 3, team.Other1, team.Other2, team.Other3);

        var (_, codes, body) = await TeamSetup.ProblemAsync(response);
        Assert.Equal([ShiftIssueCodes.TooFewPeople, ShiftIssueCodes.NoCivilRegistryOfficer, ShiftIssueCodes.NoPoliceOfficer, ShiftIssueCodes.MoreClerksThanComputers], codes);
        var messages = body.GetProperty("errors").GetProperty("userNames").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("3 people rostered; a shift needs at least 4", messages);
        Assert.Contains("3 people but only 2 computers", messages);
        Assert.Empty(await StoredAsync(team, TeamSetup.NextWeek, 3));
    }

    [Fact]
    public async Task A_member_of_another_team_cannot_be_rostered()
    {
        var team = await TeamSetup.CreateAsync(factory, "own");
        var other = await TeamSetup.CreateAsync(factory, "foreign");

        var response = await PlanAsync(team, TeamSetup.NextWeek, 2, [team.LeaderName, team.Police1, team.Other1, other.Other1]);

        var (_, codes, _) = await TeamSetup.ProblemAsync(response);
        Assert.Contains(ShiftIssueCodes.NotAMember, codes);
    }

    [Fact]
    public async Task A_new_plan_replaces_the_shift_and_an_empty_one_clears_it_to_not_rostered()
    {
        var team = await TeamSetup.CreateAsync(factory, "replace");
        var tuesday = TeamSetup.NextWeek.AddDays(1);
        (await PlanAsync(team, tuesday, 3, team.ValidShift)).EnsureSuccessStatusCode();
        string[] second = [team.Civil, team.Police2, team.Other3, team.Other2, team.Other1];

        (await PlanAsync(team, tuesday, 3, second)).EnsureSuccessStatusCode();
        Assert.Equal(second, await StoredAsync(team, tuesday, 3));

        var cleared = await PlanAsync(team, tuesday, 3);
        cleared.EnsureSuccessStatusCode();
        var shift = (await cleared.Content.ReadFromJsonAsync<RosterShift>())!;
        Assert.Empty(shift.UserNames);
        Assert.Equal([ShiftIssueCodes.NotRostered], shift.Issues.Select(i => i.Code));
        Assert.Empty(await StoredAsync(team, tuesday, 3));
    }

    [Fact]
    public async Task The_week_defaults_to_this_week_with_21_shifts_from_monday_and_empty_ones_not_rostered()
    {
        var team = await TeamSetup.CreateAsync(factory, "default");
        var before = ShiftCalendar.WeekStart(ShiftCalendar.LocalDate(DateTimeOffset.UtcNow));

        var week = (await team.Leader.GetFromJsonAsync<WeekRoster>($"/api/teams/{team.Id}/roster"))!;

        Assert.Contains(week.WeekStart, new[] { before, ShiftCalendar.WeekStart(ShiftCalendar.LocalDate(DateTimeOffset.UtcNow)) });
        Assert.Equal(DayOfWeek.Monday, week.WeekStart.DayOfWeek);
        Assert.Equal(
            Enumerable.Range(0, 7).SelectMany(d => new[] { 1, 2, 3 }.Select(s => (week.WeekStart.AddDays(d), s))),
            week.Shifts.Select(s => (s.Date, s.Shift)));
        Assert.All(week.Shifts, s => Assert.Equal([ShiftIssueCodes.NotRostered], s.Issues.Select(i => i.Code)));
        Assert.Equal(0, week.ClerkHours);
        Assert.Equal(new DateTimeOffset(week.WeekStart.ToDateTime(new TimeOnly(6, 0)), TimeSpan.FromHours(7)), week.Shifts[0].Starts);
        Assert.Equal(new DateTimeOffset(week.WeekStart.ToDateTime(new TimeOnly(22, 0)), TimeSpan.FromHours(7)), week.Shifts[2].Ends);
    }

    [Theory]
    [InlineData("d1", "2026-13-01", "1", "date")]
    [InlineData("d2", "tomorrow", "1", "date")]
    [InlineData("d3", "9999-12-31", "1", "date")]
    [InlineData("d4", "NEXT", "0", "shift")]
    [InlineData("d5", "NEXT", "4", "shift")]
    [InlineData("d6", "NEXT", "x", "shift")]
    [InlineData("d7", "LAST", "1", "date")]
    public async Task A_bad_or_past_date_or_shift_is_refused_naming_the_field(string prefix, string date, string shift, string field)
    {
        var team = await TeamSetup.CreateAsync(factory, prefix);
        date = date switch { "NEXT" => Day(TeamSetup.NextWeek), "LAST" => Day(TeamSetup.NextWeek.AddDays(-14)), _ => date };

        var response = await team.Leader.PutAsJsonAsync($"/api/teams/{team.Id}/roster/{date}/{shift}", new PlanShiftRequest(team.ValidShift));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await TeamSetup.ProblemAsync(response)).Fields);
        Assert.Equal(0, await factory.WithDbAsync(db => db.RosterEntries.CountAsync(e => e.TeamId == team.Id)));
    }

    [Fact]
    public async Task A_bad_week_is_refused_naming_the_field()
    {
        var team = await TeamSetup.CreateAsync(factory, "badweek");
        var admin = await factory.AdminAsync();

        var roster = await team.Leader.GetAsync($"/api/teams/{team.Id}/roster?week=23/11/2026");
        var coverage = await admin.GetAsync("/api/teams/coverage?week=0001-01-01");
        var copy = await team.Leader.PostAsJsonAsync($"/api/teams/{team.Id}/roster/copy", new { });

        Assert.Equal(["week"], (await TeamSetup.ProblemAsync(roster)).Fields);
        Assert.Equal(["week"], (await TeamSetup.ProblemAsync(coverage)).Fields);
        Assert.Equal(["fromWeekStart"], (await TeamSetup.ProblemAsync(copy)).Fields);
    }

    [Fact]
    public async Task Copying_a_week_forward_replaces_the_next_week_and_leaves_out_former_members()
    {
        var team = await TeamSetup.CreateAsync(factory, "copy");
        var from = TeamSetup.NextWeek;
        var to = from.AddDays(7);
        string[] withOther3 = [team.LeaderName, team.Police1, team.Other1, team.Other3];
        (await PlanAsync(team, from, 1, team.ValidShift)).EnsureSuccessStatusCode();
        (await PlanAsync(team, from.AddDays(4), 3, withOther3)).EnsureSuccessStatusCode();
        (await PlanAsync(team, to.AddDays(6), 2, team.ValidShift)).EnsureSuccessStatusCode();
        (await team.Leader.DeleteAsync($"/api/teams/{team.Id}/members/{team.Other3}")).EnsureSuccessStatusCode();

        var response = await team.Leader.PostAsJsonAsync($"/api/teams/{team.Id}/roster/copy", new CopyWeekRequest(from.AddDays(3)));

        response.EnsureSuccessStatusCode();
        var week = (await response.Content.ReadFromJsonAsync<WeekRoster>())!;
        Assert.Equal(to, week.WeekStart);
        Assert.Equal(team.ValidShift, Assert.Single(week.Shifts, s => s.Date == to && s.Shift == 1).UserNames);
        var friday = Assert.Single(week.Shifts, s => s.Date == to.AddDays(4) && s.Shift == 3);
        Assert.Equal([team.LeaderName, team.Police1, team.Other1], friday.UserNames);
        Assert.Contains(ShiftIssueCodes.TooFewPeople, friday.Issues.Select(i => i.Code));
        // The shift planned on the target week but empty in the source week is replaced by nothing.
        Assert.Empty(Assert.Single(week.Shifts, s => s.Date == to.AddDays(6) && s.Shift == 2).UserNames);
        Assert.Equal(4 * 6 + 3 * 5, week.ClerkHours);
        Assert.Equal(team.ValidShift, await StoredAsync(team, from, 1));
    }

    [Fact]
    public async Task Removing_a_member_drops_their_future_shifts_and_keeps_the_worked_ones()
    {
        var team = await TeamSetup.CreateAsync(factory, "leaver");
        var lastWeek = TeamSetup.NextWeek.AddDays(-14);
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == team.Other2).Select(u => u.Id).SingleAsync());
        await factory.WithDbAsync(async db =>
        {
            db.RosterEntries.Add(new RosterEntry { TeamId = team.Id, Date = lastWeek, Shift = 1, UserId = userId });
            return await db.SaveChangesAsync();
        });
        (await PlanAsync(team, TeamSetup.NextWeek, 1, team.ValidShift)).EnsureSuccessStatusCode();

        (await team.Leader.DeleteAsync($"/api/teams/{team.Id}/members/{team.Other2}")).EnsureSuccessStatusCode();

        Assert.Equal([team.LeaderName, team.Police1, team.Other1], await StoredAsync(team, TeamSetup.NextWeek, 1));
        Assert.Equal([team.Other2], await StoredAsync(team, lastWeek, 1));
        var past = (await team.Leader.GetFromJsonAsync<WeekRoster>($"/api/teams/{team.Id}/roster?week={Day(lastWeek)}"))!;
        Assert.Contains(ShiftIssueCodes.NotAMember, past.Shifts[0].Issues.Select(i => i.Code));
    }
}

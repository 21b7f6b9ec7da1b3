using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Assignment;
using Entry.Shared.Books;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Assignment;

/// <summary>The bound, the proposal of book moves, its acceptance, what-if staffing and the measured pace, on the demo sprint.</summary>
public sealed class ProposalEndpointTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    private const string DemoPassword = "Demo-2026";

    private Task<HttpClient> AdminAsync() => factory.SignedInClientAsync("admin", DemoPassword);

    private Task<int> TeamOfUnitAsync(string unitCode) => factory.WithDbAsync(db => db.Teams.Where(t => t.UnitCode == unitCode).Select(t => t.Id).SingleAsync());

    [Fact]
    public async Task The_projection_shows_remaining_cases_capacity_the_lower_bound_and_the_bottleneck()
    {
        var admin = await AdminAsync();

        var projection = (await admin.GetFromJsonAsync<ProjectionResponse>("/api/assignment/projection"))!;

        Assert.True(projection.RemainingCases > 0);
        Assert.True(projection.WeeklyCapacityCases > 0);
        Assert.NotNull(projection.LowerBoundFinish);
        Assert.True(projection.LowerBoundFinish <= projection.ProvinceProjectedFinish);
        Assert.NotEmpty(projection.Bottleneck);
        Assert.All(projection.Bottleneck, t => Assert.Equal(projection.ProvinceProjectedFinish, t.ProjectedFinish));
        var district = projection.Units.Single(u => u.UnitCode == "689");
        Assert.True(district.WeeklyCapacityCases > 0);
        Assert.NotNull(district.LowerBoundFinish);
        Assert.NotEmpty(district.Bottleneck);
    }

    [Fact]
    public async Task The_proposal_brings_the_finish_within_5_percent_of_the_bound_and_never_moves_a_book_being_worked()
    {
        var admin = await AdminAsync();
        var before = (await admin.GetFromJsonAsync<ProposalResponse>("/api/assignment/proposal"))!;
        var bottleneck = before.BottleneckBefore.First().TeamId;
        // Two books of the bottleneck team are claimed now.
        var worked = await factory.WithDbAsync(async db =>
        {
            var books = await db.Books.Where(b => b.TeamId == bottleneck && b.Status == BookStatus.NotStarted && !b.AssignedByAdmin)
                .OrderByDescending(b => b.CaseCount).Take(2).ToListAsync();
            books.ForEach(b => b.Status = BookStatus.InProgress);
            await db.SaveChangesAsync();
            return books.Select(b => b.Code).ToList();
        });

        var proposal = (await admin.GetFromJsonAsync<ProposalResponse>("/api/assignment/proposal"))!;

        Assert.True(proposal.WeeksBefore > proposal.LowerBoundWeeks * 1.05, $"before {proposal.WeeksBefore} w, bound {proposal.LowerBoundWeeks} w");
        Assert.True(proposal.WeeksAfter <= proposal.LowerBoundWeeks * 1.05 + 1e-3, $"after {proposal.WeeksAfter} w, bound {proposal.LowerBoundWeeks} w");
        Assert.Equal(ProposalShortfall.None, proposal.Shortfall);
        Assert.NotEmpty(proposal.Moves);
        Assert.DoesNotContain(proposal.Moves, m => worked.Contains(m.BookCode));
        Assert.All(proposal.Moves, m => Assert.NotEqual(m.FromTeamId, m.ToTeamId));
        Assert.Equal(proposal.Moves.Sum(m => m.Cases), proposal.CasesMoved);
    }

    [Fact]
    public async Task An_Admin_accepts_part_of_the_proposal_and_the_moves_stick_through_the_nightly_plan_in_the_order_of_work()
    {
        var admin = await AdminAsync();
        var proposal = (await admin.GetFromJsonAsync<ProposalResponse>("/api/assignment/proposal"))!;
        var chosen = proposal.Moves.Take(2).ToList();
        var left = proposal.Moves.Skip(2).Take(5).ToList();

        var response = await admin.PostAsJsonAsync("/api/assignment/proposal/accept", new AcceptProposalRequest(chosen.Select(m => m.Id).ToList()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<AcceptProposalResponse>())!;
        Assert.Equal(2, accepted.BooksMoved);
        Assert.Equal(chosen.Sum(m => m.Cases), accepted.CasesMoved);
        // The nightly plan runs the same recompute.
        (await admin.PostAsync("/api/assignment/recompute", null)).EnsureSuccessStatusCode();
        var stored = await factory.WithDbAsync(db => db.Books
            .Where(b => chosen.Select(m => m.BookCode).Contains(b.Code) || left.Select(m => m.BookCode).Contains(b.Code))
            .ToDictionaryAsync(b => b.Code, b => new { b.TeamId, b.AssignedByAdmin }));
        Assert.All(chosen, m => Assert.Equal((m.ToTeamId!.Value, true), (stored[m.BookCode].TeamId!.Value, stored[m.BookCode].AssignedByAdmin)));
        Assert.All(left, m => Assert.False(stored[m.BookCode].AssignedByAdmin));

        foreach (var receiver in chosen.Select(m => m.ToTeamId).Distinct())
        {
            var queue = (await admin.GetFromJsonAsync<TeamQueue>($"/api/teams/{receiver}/queue?pageSize=500"))!;
            var items = queue.Items.Where(i => i.Book.Status == BookStatus.NotStarted).ToList();
            Assert.Equal(items.OrderByDescending(i => i.OwnUnit).Select(i => i.Position), items.Select(i => i.Position));
            foreach (var part in items.GroupBy(i => i.OwnUnit))
            {
                var keys = part.Select(i => (i.Book.Type, i.Book.Condition, i.Book.RegisteredFrom)).ToList();
                Assert.Equal(keys.Order(), keys);
            }
            Assert.Contains(queue.Items, i => chosen.Any(m => m.BookCode == i.Book.Code));
        }
        var again = (await admin.GetFromJsonAsync<ProposalResponse>("/api/assignment/proposal"))!;
        Assert.DoesNotContain(again.Moves, m => chosen.Any(c => c.BookCode == m.BookCode));
    }

    [Fact]
    public async Task Accepting_a_move_that_is_not_proposed_is_a_conflict_and_an_empty_acceptance_names_the_field()
    {
        var admin = await AdminAsync();

        var unknown = await admin.PostAsJsonAsync("/api/assignment/proposal/accept", new AcceptProposalRequest(["NO-SUCH-BOOK"]));
        var empty = await admin.PostAsJsonAsync("/api/assignment/proposal/accept", new AcceptProposalRequest([]));

        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
        Assert.Contains("NO-SUCH-BOOK", (await unknown.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("moveIds", (await empty.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    [Fact]
    public async Task A_leader_sees_only_the_moves_into_and_out_of_their_team_and_cannot_accept()
    {
        var leader = await factory.SignedInClientAsync("leader", DemoPassword);
        var team = await TeamOfUnitAsync("689");
        var admin = await AdminAsync();
        var all = (await admin.GetFromJsonAsync<ProposalResponse>("/api/assignment/proposal"))!;

        var mine = (await leader.GetFromJsonAsync<ProposalResponse>("/api/assignment/proposal"))!;
        var accept = await leader.PostAsJsonAsync("/api/assignment/proposal/accept", new AcceptProposalRequest(null, All: true));

        Assert.All(mine.Moves, m => Assert.True(m.FromTeamId == team ^ m.ToTeamId == team));
        Assert.All(mine.Moves, m => Assert.True(m.FromTeamId is null || m.ToTeamId is null, "a leader's part names no other team"));
        Assert.All(mine.BottleneckBefore.Concat(mine.BottleneckAfter), t => Assert.Equal(team, t.TeamId));
        Assert.Equal(all.Moves.Count(m => m.FromTeamId == team || m.ToTeamId == team), mine.Moves.Count);
        Assert.Equal(all.WeeksAfter, mine.WeeksAfter);
        Assert.Equal(HttpStatusCode.Forbidden, accept.StatusCode);
    }

    [Fact]
    public async Task What_if_answers_the_finish_with_more_clerks_or_computers_within_the_per_shift_rules()
    {
        var admin = await AdminAsync();
        var team = await TeamOfUnitAsync("70");

        var two = (await admin.GetFromJsonAsync<WhatIfResponse>($"/api/assignment/what-if?teamId={team}&extraClerks=2"))!;
        var four = (await admin.GetFromJsonAsync<WhatIfResponse>($"/api/assignment/what-if?teamId={team}&extraClerks=4"))!;
        var fourWithComputers = (await admin.GetFromJsonAsync<WhatIfResponse>($"/api/assignment/what-if?teamId={team}&extraClerks=4&extraComputers=2"))!;
        var tooMany = await admin.GetAsync($"/api/assignment/what-if?teamId={team}&extraClerks=40");

        // The demo rosters 4 people on each shift of a team with 6 computers.
        Assert.Equal(two.WeeklyCapacityBefore * 6 / 4, two.WeeklyCapacityAfter, 0);
        Assert.Null(two.LimitedBy);
        Assert.True(two.TeamFinishAfter < two.TeamFinishBefore);
        Assert.True(two.ProvinceFinishAfter <= two.ProvinceFinishBefore);
        Assert.Equal(two.WeeklyCapacityAfter, four.WeeklyCapacityAfter);
        Assert.Equal("computers", four.LimitedBy);
        Assert.Equal(four.WeeklyCapacityBefore * 2, fourWithComputers.WeeklyCapacityAfter, 0);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("extraClerks", (await tooMany.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    [Fact]
    public async Task A_leader_asks_what_if_for_their_own_team_only()
    {
        var leader = await factory.SignedInClientAsync("leader", DemoPassword);
        var own = await TeamOfUnitAsync("689");
        var other = await TeamOfUnitAsync("70");

        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/assignment/what-if?teamId={own}&extraClerks=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/assignment/what-if?teamId={other}&extraClerks=1")).StatusCode);
    }

    [Fact]
    public async Task After_a_few_logged_shifts_a_teams_capacity_comes_from_its_measured_pace()
    {
        var admin = await AdminAsync();
        var team = await TeamOfUnitAsync("25216");
        var day = ShiftCalendar.WeekStart(ShiftCalendar.LocalDate(DateTimeOffset.UtcNow)).AddDays(-2);
        const double pace = 12; // twice the configured 6 cases per clerk-hour
        var clerkHours = await factory.WithDbAsync(async db =>
        {
            var members = await db.TeamMembers.Where(m => m.TeamId == team).Select(m => m.UserId).Take(4).ToListAsync();
            var book = await db.Books.Where(b => b.TeamId == team).OrderBy(b => b.QueuePosition).FirstAsync();
            var number = 100_000;
            double hours = 0;
            foreach (var shift in ShiftCalendar.Shifts)
            {
                members.ForEach(m => Rostered.Ensure(db, team, m, day, shift));
                hours += members.Count * ShiftCalendar.Hours(shift);
                for (var i = 0; i < members.Count * ShiftCalendar.Hours(shift) * pace; i++)
                {
                    db.CaseEntries.Add(new CaseEntry
                    {
                        Id = Guid.NewGuid(), BookId = book.Id, Type = book.Type, EntryNumber = number++, RegistrationDate = new DateOnly(1990, 1, 1), Page = 1,
                        NeedsVerification = false, Details = "{}", RequestHash = "pace", ClerkId = members[i % members.Count], TeamId = team,
                        ShiftDate = day, Shift = shift, StoredAt = ShiftCalendar.End(day, shift).AddMinutes(-1),
                    });
                }
            }
            await db.SaveChangesAsync();
            return hours;
        });
        var weekHours = await factory.WithDbAsync(async db =>
        {
            var weekStart = ShiftCalendar.WeekStart(ShiftCalendar.LocalDate(DateTimeOffset.UtcNow));
            var shifts = await db.RosterEntries.Where(e => e.TeamId == team && e.Date >= weekStart && e.Date < weekStart.AddDays(7)).Select(e => e.Shift).ToListAsync();
            return shifts.Sum(ShiftCalendar.Hours);
        });

        (await admin.PostAsync("/api/assignment/recompute", null)).EnsureSuccessStatusCode();
        var queue = (await admin.GetFromJsonAsync<TeamQueue>($"/api/teams/{team}/queue?pageSize=1"))!;
        var projection = (await admin.GetFromJsonAsync<ProjectionResponse>("/api/assignment/projection"))!;

        // The configured rate weighs as 20 clerk-hours: (cases + 6 × 20) / (clerk-hours + 20).
        var measured = (clerkHours * pace + 6 * 20) / (clerkHours + 20);
        Assert.Equal(weekHours * measured, queue.WeeklyCapacityCases, 1);
        Assert.True(projection.TeamsAtMeasuredPace >= 1);
    }
}

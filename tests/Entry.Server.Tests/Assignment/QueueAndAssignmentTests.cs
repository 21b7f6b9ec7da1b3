using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Assignment;
using Entry.Shared.Books;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Assignment;

/// <summary>The demo sprint as <c>dotnet run</c> starts it: 123 teams, rosters, every book queued.</summary>
public sealed class QueueAndAssignmentTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    private const string DemoPassword = "Demo-2026";

    private Task<int> TeamOfUnitAsync(string unitCode) => factory.WithDbAsync(db => db.Teams.Where(t => t.UnitCode == unitCode).Select(t => t.Id).SingleAsync());

    [Fact]
    public async Task The_demo_sprint_has_123_complete_teams_and_every_book_in_exactly_one_queue()
    {
        var teams = await factory.WithDbAsync(db => db.Teams.Select(t => new { t.UnitCode, Members = t.Members.Count }).ToListAsync());
        var unqueued = await factory.WithDbAsync(db => db.Books.CountAsync(b => b.TeamId == null || b.QueuePosition < 1));
        var duplicatePlaces = await factory.WithDbAsync(db => db.Books.GroupBy(b => new { b.TeamId, b.QueuePosition }).CountAsync(g => g.Count() > 1));

        Assert.Equal(123, teams.Count);
        Assert.Equal(123, teams.Select(t => t.UnitCode).Distinct().Count());
        Assert.All(teams, t => Assert.Equal(12, t.Members));
        Assert.Equal(0, unqueued);
        Assert.Equal(0, duplicatePlaces);
    }

    [Fact]
    public async Task The_demo_clerk_works_every_shift_of_this_week_in_the_demo_leaders_team()
    {
        var team = await TeamOfUnitAsync("689");
        var weekStart = ShiftCalendar.WeekStart(ShiftCalendar.LocalDate(DateTimeOffset.UtcNow));
        var shifts = await factory.WithDbAsync(db => db.RosterEntries
            .Where(e => e.User!.UserName == "clerk" && e.TeamId == team && e.Date >= weekStart && e.Date < weekStart.AddDays(7))
            .CountAsync());
        var leads = await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team).Select(t => t.Leader!.UserName).SingleAsync());

        Assert.Equal(21, shifts);
        Assert.Equal("leader", leads);
    }

    [Fact]
    public async Task Every_shift_of_the_demo_weeks_meets_the_composition_rules_in_every_team()
    {
        var weekStart = ShiftCalendar.WeekStart(ShiftCalendar.LocalDate(DateTimeOffset.UtcNow));
        var teams = await factory.WithDbAsync(db => db.Teams
            .Select(t => new { t.Id, t.Computers, Members = t.Members.Select(m => new { m.UserId, m.User!.UserName, m.Category }).ToList() })
            .ToListAsync());
        var entries = await factory.WithDbAsync(db => db.RosterEntries
            .Where(e => e.Date >= weekStart && e.Date < weekStart.AddDays(14))
            .Select(e => new { e.TeamId, e.Date, e.Shift, e.UserId })
            .ToListAsync());

        foreach (var team in teams)
        {
            var categories = team.Members.ToDictionary(m => m.UserId);
            foreach (var slot in ShiftCalendar.Week(weekStart).Concat(ShiftCalendar.Week(weekStart.AddDays(7))))
            {
                var people = entries.Where(e => e.TeamId == team.Id && e.Date == slot.Date && e.Shift == slot.Shift)
                    .Select(e => new RosteredPerson(categories[e.UserId].UserName!, categories[e.UserId].Category))
                    .ToList();
                Assert.Empty(ShiftRules.Check(people, team.Computers));
            }
        }
    }

    [Fact]
    public async Task A_leader_reads_their_queue_in_the_order_of_work_with_projected_finish_dates()
    {
        var leader = await factory.SignedInClientAsync("leader", DemoPassword);
        var team = await TeamOfUnitAsync("689");

        var queue = (await leader.GetFromJsonAsync<TeamQueue>($"/api/teams/{team}/queue?pageSize=500"))!;

        Assert.True(queue.Books > 0);
        Assert.True(queue.WeeklyCapacityCases > 0);
        Assert.NotNull(queue.ProjectedFinish);
        Assert.Equal(Enumerable.Range(1, queue.Items.Count), queue.Items.Select(i => i.Position));
        var own = queue.Items.Where(i => i.OwnUnit).Select(i => (i.Book.Type, i.Book.Condition, i.Book.RegisteredFrom)).ToList();
        Assert.Equal(own.Order(), own);
        var finishes = queue.Items.Select(i => i.ProjectedFinish!.Value).ToList();
        Assert.Equal(finishes.Order(), finishes);
    }

    [Fact]
    public async Task Another_teams_leader_may_not_read_or_reorder_the_queue_but_its_clerk_and_a_monitor_may_read()
    {
        var team = await TeamOfUnitAsync("689");
        var otherLeader = await factory.SignedInClientAsync("u688-01", DemoPassword);
        var clerk = await factory.SignedInClientAsync("clerk", DemoPassword);
        var monitor = await factory.SignedInClientAsync("monitor", DemoPassword);

        Assert.Equal(HttpStatusCode.Forbidden, (await otherLeader.GetAsync($"/api/teams/{team}/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherLeader.PutAsJsonAsync($"/api/teams/{team}/queue/X", new MoveInQueueRequest(1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/teams/{team}/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync($"/api/teams/{team}/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PutAsJsonAsync($"/api/teams/{team}/queue/X", new MoveInQueueRequest(1))).StatusCode);
    }

    [Fact]
    public async Task A_leader_moves_a_book_to_the_head_of_the_queue()
    {
        var leader = await factory.SignedInClientAsync("leader", DemoPassword);
        var team = await TeamOfUnitAsync("689");
        var before = (await leader.GetFromJsonAsync<TeamQueue>($"/api/teams/{team}/queue?pageSize=20"))!;
        var tenth = before.Items[9].Book.Code;

        var response = await leader.PutAsJsonAsync($"/api/teams/{team}/queue/{tenth}", new MoveInQueueRequest(1));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var after = (await leader.GetFromJsonAsync<TeamQueue>($"/api/teams/{team}/queue?pageSize=20"))!;
        Assert.Equal(tenth, after.Items[0].Book.Code);
        Assert.Equal(before.Items[0].Book.Code, after.Items[1].Book.Code);
        Assert.Equal(before.Books, after.Books);
    }

    [Fact]
    public async Task A_bad_reorder_is_a_problem_naming_the_position_or_the_book()
    {
        var leader = await factory.SignedInClientAsync("leader", DemoPassword);
        var team = await TeamOfUnitAsync("689");
        var first = (await leader.GetFromJsonAsync<TeamQueue>($"/api/teams/{team}/queue?pageSize=1"))!.Items[0].Book.Code;

        var tooFar = await leader.PutAsJsonAsync($"/api/teams/{team}/queue/{first}", new MoveInQueueRequest(100_000));
        var notOurs = await leader.PutAsJsonAsync($"/api/teams/{team}/queue/NO-SUCH-BOOK", new MoveInQueueRequest(1));
        var noTeam = await leader.GetAsync("/api/teams/99999/queue");

        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Contains("position", (await tooFar.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, notOurs.StatusCode);
        Assert.Equal("application/problem+json", notOurs.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, noTeam.StatusCode);
    }

    [Fact]
    public async Task Books_an_Admin_moved_and_books_being_worked_stay_put_when_the_plan_is_recomputed()
    {
        var admin = await factory.SignedInClientAsync("admin", DemoPassword);
        var from = await TeamOfUnitAsync("25217");
        var to = await TeamOfUnitAsync("25219");
        var moved = await factory.WithDbAsync(db => db.Books.Where(b => b.TeamId == from).OrderBy(b => b.QueuePosition).Select(b => b.Code).Take(2).ToListAsync());
        var worked = await factory.WithDbAsync(async db =>
        {
            var book = await db.Books.Where(b => b.TeamId == from).OrderByDescending(b => b.QueuePosition).FirstAsync();
            book.Status = BookStatus.InProgress;
            await db.SaveChangesAsync();
            return book.Code;
        });

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/assignment/move", new MoveBooksRequest(moved, to))).StatusCode);
        var summary = (await (await admin.PostAsync("/api/assignment/recompute", null)).Content.ReadFromJsonAsync<AssignmentSummary>())!;

        Assert.Equal(123, summary.Teams);
        Assert.Equal(0, summary.BooksUnassigned);
        var teams = await factory.WithDbAsync(db => db.Books.Where(b => moved.Contains(b.Code) || b.Code == worked).ToDictionaryAsync(b => b.Code, b => b.TeamId));
        Assert.All(moved, code => Assert.Equal(to, teams[code]));
        Assert.Equal(from, teams[worked]);
    }

    [Fact]
    public async Task A_book_code_written_in_other_letter_case_moves_the_book_as_the_database_finds_it()
    {
        var admin = await factory.SignedInClientAsync("admin", DemoPassword);
        var from = await TeamOfUnitAsync("25228");
        var to = await TeamOfUnitAsync("25229");
        var code = await factory.WithDbAsync(db => db.Books.Where(b => b.TeamId == from && b.Status == BookStatus.NotStarted)
            .OrderBy(b => b.QueuePosition).Select(b => b.Code).FirstAsync());

        var move = await admin.PostAsJsonAsync("/api/assignment/move", new MoveBooksRequest([code.ToLowerInvariant(), code], to));

        Assert.Equal(HttpStatusCode.NoContent, move.StatusCode);
        Assert.Equal(to, await factory.WithDbAsync(db => db.Books.Where(b => b.Code == code).Select(b => b.TeamId).FirstAsync()));
    }

    [Fact]
    public async Task Moving_a_book_being_worked_or_to_an_unknown_team_is_refused()
    {
        var admin = await factory.SignedInClientAsync("admin", DemoPassword);
        var busy = await factory.WithDbAsync(async db =>
        {
            var book = await db.Books.Where(b => b.UnitCode == "25220" && b.Status == BookStatus.NotStarted).FirstAsync();
            book.Status = BookStatus.InProgress;
            await db.SaveChangesAsync();
            return book.Code;
        });
        var target = await TeamOfUnitAsync("688");

        var inProgress = await admin.PostAsJsonAsync("/api/assignment/move", new MoveBooksRequest([busy], target));
        var noTeam = await admin.PostAsJsonAsync("/api/assignment/move", new MoveBooksRequest([busy], 99999));
        var noBooks = await admin.PostAsJsonAsync("/api/assignment/move", new MoveBooksRequest([], target));
        var unknown = await admin.PostAsJsonAsync("/api/assignment/move", new MoveBooksRequest(["NOPE"], target));

        Assert.Equal(HttpStatusCode.Conflict, inProgress.StatusCode);
        Assert.Contains("teamId", (await noTeam.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Contains("bookCodes", (await noBooks.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Contains("NOPE", (await unknown.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["bookCodes"][0]);
    }

    [Fact]
    public async Task Every_unit_and_the_province_get_a_projected_finish_date()
    {
        var monitor = await factory.SignedInClientAsync("monitor", DemoPassword);

        var projection = (await monitor.GetFromJsonAsync<ProjectionResponse>("/api/assignment/projection"))!;

        Assert.NotNull(projection.ProvinceProjectedFinish);
        Assert.Equal(123, projection.Units.Count);
        Assert.All(projection.Units, u => Assert.NotNull(u.ProjectedFinish));
        var province = projection.Units.Single(u => u.UnitCode == "70");
        Assert.Equal(projection.ProvinceProjectedFinish, province.ProjectedFinish);
        Assert.All(projection.Units, u => Assert.True(u.ProjectedFinish <= province.ProjectedFinish));
    }
}

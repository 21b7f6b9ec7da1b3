using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Claims;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Rosters;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Server.Tests.Teams;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Entry.Shared.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Board;

[Collection(MovedClockCollection.Name)]
public sealed class BoardTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    [Fact]
    public async Task The_board_shows_who_is_on_shift_what_they_hold_and_the_cases_of_the_shift_and_the_last_hour()
    {
        using var factory = new ClockedFactory(Local.At(Day, 6, 30), clockEnabled: false);
        var team = await TeamSetup.CreateAsync(factory, "board");
        var p = Guid.NewGuid().ToString("N")[..6];
        string Book(int i) => $"KS-B{p}-{i}";
        var admin = await factory.AdminAsync();
        (await admin.PostAsync("/api/books/import", Csv.Body(
            $"{Book(1)},{TeamSetup.Unit},birth,1,1990-01-01,2018-12-31,40,good",
            $"{Book(2)},{TeamSetup.Unit},birth,2,1990-01-01,2018-12-31,40,good",
            $"{Book(3)},{TeamSetup.Unit},birth,3,1990-01-01,2018-12-31,2,good",
            $"{Book(4)},{TeamSetup.Unit},birth,4,1990-01-01,2018-12-31,40,good"))).EnsureSuccessStatusCode();
        // Police2 holds a book without being on the roster; Civil is neither rostered nor holding anything.
        await RosterAsync(factory, team.Id, team.LeaderName, team.Police1, team.Other1, team.Other2, team.Other3);
        await ClaimAsync(factory, team.Id, Book(1), team.Other1);
        await ClaimAsync(factory, team.Id, Book(2), team.Other2);
        await ClaimAsync(factory, team.Id, Book(3), team.Other3);
        await ClaimAsync(factory, team.Id, Book(4), team.Police2);

        var n = 0;
        await LogAsync(factory, team.Other1, Book(1), ++n, ++n);
        factory.Time.SetUtcNow(Local.At(Day, 8, 30));
        await LogAsync(factory, team.Other1, Book(1), ++n, ++n, ++n);
        await LogAsync(factory, team.Other2, Book(2), 1);
        await LogAsync(factory, team.Other3, Book(3), 1, 2);
        await SkipAsync(factory, team.Id, Book(2), team.Other2, 2, Local.At(Day, 8, 40));
        factory.Time.SetUtcNow(Local.At(Day, 9, 0));

        var leader = await factory.SignedInClientAsync(team.LeaderName, EntryFactory.Password);
        var board = (await leader.GetFromJsonAsync<TeamBoard>($"/api/teams/{team.Id}/board"))!;

        Assert.Equal((team.Id, $"Team {team.Prefix}", TeamSetup.Unit), (board.TeamId, board.TeamName, board.UnitCode));
        Assert.Equal((Day, 1, Local.At(Day, 6, 0)), (board.Shift!.Date, board.Shift.Shift, board.Shift.Starts));
        Assert.Equal(
            new[] { team.LeaderName, team.Other1, team.Other2, team.Other3, team.Police1, team.Police2 }.Order(StringComparer.Ordinal),
            board.Members.Select(m => m.UserName));
        var o1 = board.Members.Single(m => m.UserName == team.Other1);
        Assert.Equal((Book(1), BookType.Birth, 5, 40), (o1.Book!.Code, o1.Book.Type, o1.Book.CasesLogged, o1.Book.CaseCount));
        Assert.Equal((5, 3, true, MemberCategory.Other), (o1.CasesThisShift, o1.CasesLastHour, o1.Rostered, o1.Category));
        var o3 = board.Members.Single(m => m.UserName == team.Other3);
        Assert.Null(o3.Book);
        Assert.Equal((2, 2), (o3.CasesThisShift, o3.CasesLastHour));
        var p2 = board.Members.Single(m => m.UserName == team.Police2);
        Assert.Equal((false, Book(4), 0), (p2.Rostered, p2.Book!.Code, p2.CasesThisShift));
        var o2 = board.Members.Single(m => m.UserName == team.Other2);
        Assert.Equal(($"Member {team.Other2}", 1, 1, 1), (o2.DisplayName, o2.Book!.CasesLogged, o2.Book.CasesSkipped, o2.CasesThisShift));
        Assert.Null(board.Members.Single(m => m.UserName == team.LeaderName).Book);
        Assert.Equal(8, board.Totals.CasesThisShift);
        Assert.Equal(6, board.Totals.CasesLastHour);
        Assert.Equal(2.7, board.Totals.CasesPerHour);
        Assert.Equal(1, board.Totals.BooksFinished);
    }

    [Fact]
    public async Task At_night_the_board_has_no_shift_and_no_cases()
    {
        using var factory = new ClockedFactory(Local.At(Day, 23, 0), clockEnabled: false);
        var team = await TeamSetup.CreateAsync(factory, "night");

        var board = (await team.Leader.GetFromJsonAsync<TeamBoard>($"/api/teams/{team.Id}/board"))!;

        Assert.Null(board.Shift);
        Assert.Empty(board.Members);
        Assert.Equal((0, 0, 0.0, 0), (board.Totals.CasesThisShift, board.Totals.CasesLastHour, board.Totals.CasesPerHour, board.Totals.BooksFinished));
    }

    [Fact]
    public async Task Only_the_team_leader_admins_and_monitors_read_the_board()
    {
        using var factory = new ClockedFactory(Local.At(Day, 9, 0), clockEnabled: false);
        var mine = await TeamSetup.CreateAsync(factory, "board-a");
        var theirs = await TeamSetup.CreateAsync(factory, "board-b");
        var clerk = await factory.SignedInClientAsync(mine.Other1, EntryFactory.Password);
        var path = $"/api/teams/{mine.Id}/board";

        Assert.Equal(HttpStatusCode.OK, (await mine.Leader.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.AdminAsync()).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientAsAsync(Roles.Monitor)).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await theirs.Leader.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(path)).StatusCode);
        var unknown = await mine.Leader.GetAsync("/api/teams/999999/board");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Team not found", (await unknown.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
    }

    private static Task<int> RosterAsync(ClockedFactory factory, int teamId, params string[] userNames) =>
        factory.WithDbAsync(async db =>
        {
            foreach (var id in await db.Users.Where(u => userNames.Contains(u.UserName!)).Select(u => u.Id).ToListAsync())
            {
                db.RosterEntries.Add(new RosterEntry { TeamId = teamId, Date = Day, Shift = 1, UserId = id });
            }
            return await db.SaveChangesAsync();
        });

    private static Task<int> ClaimAsync(ClockedFactory factory, int teamId, string bookCode, string userName) =>
        factory.WithDbAsync(async db =>
        {
            var book = await db.Books.SingleAsync(b => b.Code == bookCode);
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            db.Claims.Add(new Claim
            {
                BookId = book.Id, UserId = user.Id, TeamId = teamId, ShiftDate = Day, Shift = 1, ClaimedAt = Local.At(Day, 6, 10),
            });
            return await db.SaveChangesAsync();
        });

    /// <summary>A skipped entry number (no case): it fills the book but is not counted as a case.</summary>
    private static Task<int> SkipAsync(ClockedFactory factory, int teamId, string bookCode, string userName, int number, DateTimeOffset at) =>
        factory.WithDbAsync(async db =>
        {
            var book = await db.Books.SingleAsync(b => b.Code == bookCode);
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            db.CaseEntries.Add(new CaseEntry
            {
                Id = Guid.NewGuid(), BookId = book.Id, Type = book.Type, EntryNumber = number, RegistrationDate = DateOnly.MinValue,
                Page = 0, NeedsVerification = false, Details = "{}", RequestHash = new string('0', 64), ClerkId = user.Id,
                TeamId = teamId, ShiftDate = Day, Shift = 1, StoredAt = at, Status = CaseStatus.Skipped, SkipReason = SkipReason.EntryBlank,
            });
            return await db.SaveChangesAsync();
        });

    private static async Task LogAsync(ClockedFactory factory, string clerk, string bookCode, params int[] numbers)
    {
        var client = await factory.SignedInClientAsync(clerk, EntryFactory.Password);
        foreach (var number in numbers)
        {
            var stored = await client.PostAsJsonAsync("/api/entries", SampleCases.Birth(number, bookCode));
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }
    }
}

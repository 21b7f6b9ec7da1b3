using Entry.Client.Components.Board;
using Entry.Shared.Books;
using Entry.Shared.Live;
using Entry.Shared.Teams;

namespace Entry.Client.Tests.Board;

/// <summary>The leader's board kept current by the hub: what a line of cases logged does to the shift's and the hour's figures.</summary>
public sealed class LiveBoardTests
{
    private static readonly DateTimeOffset LoadedAt = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    private static LiveBoard Board() => new(new TeamBoard
    {
        TeamId = 7, TeamName = "Tổ 7", UnitCode = "689", UnitName = "Thành phố Đồng Xoài", At = LoadedAt,
        Members =
        [
            new BoardMember
            {
                UserName = "c1", DisplayName = "Điểu Thị Một", Category = MemberCategory.Other, Rostered = true, CasesThisShift = 5, CasesLastHour = 2,
                Book = new BoardBook { Code = "NEW-1", Type = BookType.Birth, CaseCount = 40, CasesLogged = 5, CasesSkipped = 0, ClaimedAt = LoadedAt.AddHours(-1) },
            },
        ],
        Totals = new BoardTotals { CasesThisShift = 5, CasesLastHour = 2, CasesPerHour = 2.5, BooksFinished = 0 },
    }, LoadedAt);

    private static CasesLoggedBatch Batch(string clerk, string book, int casesLogged, int added, int addedLate) =>
        new("team:7", [new BookCasesLogged(7, "689", book, BookType.Birth, clerk, clerk, casesLogged, 40, added, 0, LoadedAt.AddMinutes(1), addedLate)], LoadedAt.AddMinutes(1));

    [Fact]
    public void Cases_of_this_shift_count_for_the_shift_and_the_hour_and_move_the_book_held()
    {
        var board = Board();

        Assert.True(board.Apply(Batch("c1", "NEW-1", casesLogged: 7, added: 2, addedLate: 0)));

        Assert.Equal((7, 4), (board.CasesThisShift, board.CasesLastHour));
        var member = Assert.Single(board.Members);
        Assert.Equal((7, 4, "NEW-1", 7), (member.CasesThisShift, member.CasesLastHour, member.Book!.Code, member.Book.CasesLogged));
    }

    [Fact]
    public void Late_arrivals_count_for_the_hour_not_the_shift_and_leave_the_book_held_as_it_is()
    {
        var board = Board();

        // Typed during the clerk's claim on OLD-1 in an earlier shift, arriving now: the server counts them on that shift.
        Assert.True(board.Apply(Batch("c1", "OLD-1", casesLogged: 12, added: 3, addedLate: 3)));
        // A clerk not on the board, whose late cases are of an earlier shift too: no row for them.
        Assert.True(board.Apply(Batch("c9", "OLD-9", casesLogged: 4, added: 1, addedLate: 1)));

        Assert.Equal((5, 6), (board.CasesThisShift, board.CasesLastHour));
        var member = Assert.Single(board.Members);
        Assert.Equal((5, 5, "NEW-1", 5), (member.CasesThisShift, member.CasesLastHour, member.Book!.Code, member.Book.CasesLogged));
    }
}

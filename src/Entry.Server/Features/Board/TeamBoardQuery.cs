using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Server.Features.Shifts;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Board;

/// <summary>
/// Reads one team's board. Every query is bounded by the team: its members, its claims, the roster of one shift and
/// the cases of (at most) two shifts through the (TeamId, ShiftDate, Shift) index — never a count over the whole table.
/// </summary>
public static class TeamBoardQuery
{
    /// <summary>Early in a shift a handful of cases would make an absurd rate: the rate is taken over at least this long.</summary>
    private static readonly TimeSpan ShortestRateWindow = TimeSpan.FromMinutes(15);

    private sealed record Person(string UserId, string UserName, string DisplayName, MemberCategory Category);

    private sealed record Held(string UserId, int BookId, string Code, BookType Type, int CaseCount, DateTimeOffset ClaimedAt);

    /// <summary>An entry number of the team in the window; a skipped one finishes a book but is no case.</summary>
    private sealed record Logged(string ClerkId, int BookId, int Shift, DateTimeOffset StoredAt, bool Skipped);

    public static async Task<TeamBoard> ReadAsync(EntryDb db, int teamId, DateTimeOffset now, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId)
            .Select(t => new { t.Name, t.UnitCode, UnitName = t.Unit!.Name })
            .SingleAsync(ct);
        var members = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == teamId)
            .Select(m => new Person(m.UserId, m.User!.UserName!, m.User.DisplayName, m.Category))
            .ToListAsync(ct);
        var held = await db.Claims.AsNoTracking().Where(c => c.TeamId == teamId)
            .Select(c => new Held(c.UserId, c.BookId, c.Book!.Code, c.Book.Type, c.Book.CaseCount, c.ClaimedAt))
            .ToListAsync(ct);
        var heldIds = held.Select(h => h.BookId).ToList();
        var filled = await db.CaseEntries.AsNoTracking().Where(e => heldIds.Contains(e.BookId))
            .GroupBy(e => new { e.BookId, Skipped = e.Status == CaseStatus.Skipped })
            .Select(g => new { g.Key.BookId, g.Key.Skipped, Count = g.Count() })
            .ToListAsync(ct);
        var fillPerBook = filled.GroupBy(f => f.BookId).ToDictionary(
            g => g.Key, g => (Logged: g.Where(f => !f.Skipped).Sum(f => f.Count), Skipped: g.Where(f => f.Skipped).Sum(f => f.Count)));

        var open = ShiftCalendar.OpenAt(now);
        var rostered = new HashSet<string>();
        List<Logged> cases = [];
        if (open is not null)
        {
            rostered = (await db.RosterEntries.AsNoTracking()
                .Where(r => r.TeamId == teamId && r.Date == open.Date && r.Shift == open.Shift)
                .Select(r => r.UserId).ToListAsync(ct)).ToHashSet();
            // The previous shift of the day too: early in a shift, "the last hour" reaches back into it.
            cases = await db.CaseEntries.AsNoTracking()
                .Where(e => e.TeamId == teamId && e.ShiftDate == open.Date && (e.Shift == open.Shift || e.Shift == open.Shift - 1))
                .Select(e => new Logged(e.ClerkId, e.BookId, e.Shift, e.StoredAt, e.Status == CaseStatus.Skipped))
                .ToListAsync(ct);
        }
        var hourAgo = now.AddHours(-1);
        var shiftBooks = cases.Where(c => c.Shift == open?.Shift).Select(c => c.BookId).Distinct().ToList();
        var thisShift = cases.Where(c => c.Shift == open?.Shift && !c.Skipped).ToList();
        var lastHour = cases.Where(c => c.StoredAt > hourAgo && c.StoredAt <= now && !c.Skipped).ToList();

        var people = members.ToDictionary(m => m.UserId);
        var strangers = held.Select(h => h.UserId).Concat(thisShift.Select(c => c.ClerkId)).Where(id => !people.ContainsKey(id)).Distinct().ToList();
        if (strangers.Count > 0)
        {
            // Someone who left the team while holding its book (or after logging this shift): still on the board.
            foreach (var user in await db.Users.AsNoTracking().Where(u => strangers.Contains(u.Id)).ToListAsync(ct))
            {
                people[user.Id] = new Person(user.Id, user.UserName!, user.DisplayName, MemberCategory.Other);
            }
        }

        var shown = people.Values
            .Where(p => rostered.Contains(p.UserId) || held.Any(h => h.UserId == p.UserId) || thisShift.Any(c => c.ClerkId == p.UserId))
            .Select(p => Row(p, rostered.Contains(p.UserId), held.FirstOrDefault(h => h.UserId == p.UserId), fillPerBook, thisShift, lastHour))
            .OrderBy(m => m.UserName, StringComparer.Ordinal)
            .ToList();

        var finished = shiftBooks.Count == 0 ? 0
            : await db.Books.AsNoTracking().CountAsync(b => shiftBooks.Contains(b.Id) && b.Status == BookStatus.Finished, ct);

        return new TeamBoard
        {
            TeamId = teamId,
            TeamName = team.Name,
            UnitCode = team.UnitCode,
            UnitName = team.UnitName,
            Shift = open,
            Members = shown,
            Totals = new BoardTotals
            {
                CasesThisShift = thisShift.Count,
                CasesLastHour = lastHour.Count,
                CasesPerHour = open is null ? 0 : Rate(thisShift.Count, now - open.Starts),
                BooksFinished = finished,
            },
            At = now,
        };
    }

    private static BoardMember Row(Person person, bool isRostered, Held? book, Dictionary<int, (int Logged, int Skipped)> fillPerBook,
        List<Logged> thisShift, List<Logged> lastHour) => new()
    {
        UserName = person.UserName,
        DisplayName = person.DisplayName,
        Category = person.Category,
        Rostered = isRostered,
        Book = book is null ? null : new BoardBook
        {
            Code = book.Code,
            Type = book.Type,
            CaseCount = book.CaseCount,
            CasesLogged = fillPerBook.GetValueOrDefault(book.BookId).Logged,
            CasesSkipped = fillPerBook.GetValueOrDefault(book.BookId).Skipped,
            ClaimedAt = ShiftCalendar.ToLocal(book.ClaimedAt),
        },
        CasesThisShift = thisShift.Count(c => c.ClerkId == person.UserId),
        CasesLastHour = lastHour.Count(c => c.ClerkId == person.UserId),
    };

    private static double Rate(int cases, TimeSpan elapsed) =>
        Math.Round(cases / Math.Max(elapsed.TotalHours, ShortestRateWindow.TotalHours), 1);
}

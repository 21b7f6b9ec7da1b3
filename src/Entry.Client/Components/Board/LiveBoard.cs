using Entry.Shared.Live;
using Entry.Shared.Teams;

namespace Entry.Client.Components.Board;

/// <summary>
/// A team's board as loaded from the server, kept current with the hub's events until the next refetch. Events older
/// than the snapshot (sent while it was being read) are already in it and are skipped.
/// </summary>
public sealed class LiveBoard(TeamBoard snapshot, DateTimeOffset loadedAt)
{
    private static readonly TimeSpan ShortestRateWindow = TimeSpan.FromMinutes(15);

    private readonly List<BoardMember> _members = [.. snapshot.Members];

    public TeamBoard Snapshot { get; } = snapshot;

    public IReadOnlyList<BoardMember> Members => _members;

    public int CasesThisShift { get; private set; } = snapshot.Totals.CasesThisShift;

    /// <summary>The server's count at load plus what was logged since: exact again at the next refetch.</summary>
    public int CasesLastHour { get; private set; } = snapshot.Totals.CasesLastHour;

    public int BooksFinished { get; private set; } = snapshot.Totals.BooksFinished;

    /// <summary>The server's time now, as far as this browser can tell.</summary>
    public DateTimeOffset ServerNow(DateTimeOffset localNow) => Snapshot.At + (localNow - loadedAt);

    /// <summary>Cases of the shift per hour since it opened (at least a quarter of an hour, as the server counts).</summary>
    public double CasesPerHour(DateTimeOffset localNow)
    {
        if (Snapshot.Shift is not { } shift)
        {
            return 0;
        }
        var elapsed = ServerNow(localNow) - shift.Starts;
        return Math.Round(CasesThisShift / Math.Max(elapsed.TotalHours, ShortestRateWindow.TotalHours), 1);
    }

    /// <summary>Applies a batch of the team's scope; true when something shown changed.</summary>
    public bool Apply(CasesLoggedBatch batch)
    {
        var changed = false;
        foreach (var line in batch.Books.Where(l => l.TeamId == Snapshot.TeamId && l.LastLoggedAt > Snapshot.At))
        {
            // Late arrivals (typed during a claim that had ended) count on that claim's shift, as the server counts them,
            // and say nothing of the book held now; they are cases of the last hour all the same.
            var onThisShift = line.Added - line.AddedLate;
            if (onThisShift == 0 && IndexOf(line.ClerkUserName) < 0)
            {
                CasesLastHour += line.Added;
                changed = true;
                continue;
            }

            var index = Holder(line.ClerkUserName, line.ClerkName);
            var member = _members[index];
            var held = member.Book is { } current && current.Code == line.BookCode ? current : null;
            var book = held is not null
                ? held with { CasesLogged = Math.Max(held.CasesLogged, line.CasesLogged) }
                : new BoardBook
                {
                    Code = line.BookCode, Type = line.Type, CaseCount = line.CaseCount, CasesLogged = line.CasesLogged,
                    CasesSkipped = 0, ClaimedAt = line.LastLoggedAt,
                };
            _members[index] = member with
            {
                // The last case of a book finishes it and ends the claim; booksChanged says so too.
                Book = held is null && onThisShift == 0 ? member.Book : line.CasesLogged >= line.CaseCount ? null : book,
                CasesThisShift = member.CasesThisShift + onThisShift,
                CasesLastHour = member.CasesLastHour + line.Added,
            };
            CasesThisShift += onThisShift;
            CasesLastHour += line.Added;
            changed = true;
        }
        return changed;
    }

    public bool Apply(BooksChangedBatch batch)
    {
        var changed = false;
        foreach (var change in batch.Changes.Where(c => c.TeamId == Snapshot.TeamId && c.At > Snapshot.At))
        {
            ReleaseBook(change.BookCode);
            if (change.Kind == BookChangeKind.Claimed && change.ClerkUserName is { } userName)
            {
                var index = Holder(userName, change.ClerkName ?? userName);
                _members[index] = _members[index] with
                {
                    Book = new BoardBook
                    {
                        Code = change.BookCode, Type = change.Type, CaseCount = change.CaseCount, CasesLogged = change.CasesLogged,
                        CasesSkipped = 0, ClaimedAt = change.At,
                    },
                };
            }
            else if (change.Kind == BookChangeKind.Finished)
            {
                BooksFinished++;
            }
            changed = true;
        }
        return changed;
    }

    private void ReleaseBook(string bookCode)
    {
        for (var i = 0; i < _members.Count; i++)
        {
            if (_members[i].Book?.Code == bookCode)
            {
                _members[i] = _members[i] with { Book = null };
            }
        }
    }

    /// <summary>The row of a clerk; someone not on the board yet (off the roster) gets one.</summary>
    private int IndexOf(string userName) => _members.FindIndex(m => string.Equals(m.UserName, userName, StringComparison.OrdinalIgnoreCase));

    private int Holder(string userName, string displayName)
    {
        var index = IndexOf(userName);
        if (index >= 0)
        {
            return index;
        }
        _members.Add(new BoardMember
        {
            UserName = userName, DisplayName = displayName, Category = MemberCategory.Other, Rostered = false,
            CasesThisShift = 0, CasesLastHour = 0,
        });
        return _members.Count - 1;
    }
}

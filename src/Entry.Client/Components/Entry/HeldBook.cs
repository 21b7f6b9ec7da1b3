using Entry.Shared.Claims;
using Entry.Shared.Entries;

namespace Entry.Client.Components.EntryPage;

/// <summary>The book the clerk holds, with its counts as the server last gave them, and the cases of this session in it.</summary>
public sealed class HeldBook
{
    private const int RecentShown = 10;
    private readonly List<RecentCase> _recent = [];

    public ClaimedBook? Book { get; private set; }

    /// <summary>Newest first: the last ten saved, and every one not saved (those never drop off).</summary>
    public IReadOnlyList<RecentCase> Recent => _recent;

    /// <summary>Holds <paramref name="book"/>; true when it is another book than the one held (the form starts over).</summary>
    public bool Hold(ClaimedBook? book)
    {
        var another = book?.Code != Book?.Code;
        Book = book;
        return another;
    }

    /// <summary>
    /// The book as the server read it, counts no lower than those held: the read may have been answered before a case the
    /// queue was sending meanwhile, whose answer is already counted. A held book's counts only rise.
    /// </summary>
    public ClaimedBook? NotBehindHeld(ClaimedBook? read) =>
        read is not null && Book is { } held && held.Code == read.Code
            ? read with { CasesLogged = Math.Max(read.CasesLogged, held.CasesLogged), CasesSkipped = Math.Max(read.CasesSkipped, held.CasesSkipped) }
            : read;

    /// <summary>The book was given back: nothing held, the session's cases with it.</summary>
    public void Release()
    {
        Book = null;
        _recent.Clear();
    }

    /// <summary>The counts of a stored case's answer, when it is of the book held.</summary>
    public void Count(CaseEntryResult saved)
    {
        if (Book is not null && Book.Code == saved.BookCode)
        {
            Book = Book with { CasesLogged = saved.CasesLogged, CasesSkipped = saved.CasesSkipped, CaseCount = saved.CaseCount };
        }
    }

    public RecentCase? Find(Guid id) => _recent.FirstOrDefault(r => r.Id == id);

    /// <summary>Puts the item first in the list; saved ones beyond the last ten drop off, unanswered ones never do.</summary>
    public void Remember(RecentCase item)
    {
        if (!_recent.Contains(item))
        {
            _recent.Insert(0, item);
        }

        var dropped = _recent.Where(r => r.State == SendState.Saved).Skip(RecentShown).ToList();
        _recent.RemoveAll(dropped.Contains);
    }

    public void Forget(RecentCase item) => _recent.Remove(item);
}

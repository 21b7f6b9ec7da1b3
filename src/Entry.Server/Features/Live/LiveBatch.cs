using Entry.Server.Features.Sprint;
using Entry.Shared.Progress;

namespace Entry.Server.Features.Live;

/// <summary>
/// The notices of one flush, coalesced per group: one line per book for the cases logged, the book changes in order,
/// and whether the group's counters changed. Every notice counts for its team, unit, district (if any) and the province.
/// </summary>
public sealed class LiveBatch
{
    private readonly Dictionary<ScopeKey, GroupWork> groups = [];

    public bool IsEmpty => groups.Count == 0;
    public IReadOnlyDictionary<ScopeKey, GroupWork> Groups => groups;

    /// <summary>Groups whose counters are to be sent again.</summary>
    public IReadOnlyList<ScopeKey> ProgressScopes => groups.Where(g => g.Value.ProgressChanged).Select(g => g.Key).ToList();

    /// <summary>Users whose names the batch shows.</summary>
    public IReadOnlySet<string> ClerkIds => groups.Values
        .SelectMany(g => g.Books.Values.Select(b => (string?)b.ClerkId).Concat(g.Changes.Select(c => c.ClerkId)))
        .OfType<string>().ToHashSet(StringComparer.Ordinal);

    public void Add(LiveNotice notice)
    {
        foreach (var scope in ScopesOf(notice.Place))
        {
            if (!groups.TryGetValue(scope, out var work))
            {
                groups[scope] = work = new GroupWork();
            }
            switch (notice)
            {
                case LiveNotice.Case c:
                    work.Add(c.Notice);
                    break;
                case LiveNotice.Book b:
                    work.Changes.Add(b.Notice);
                    break;
                default:
                    work.ProgressChanged = true;
                    break;
            }
        }
    }

    /// <summary>The followable scopes of a place: the same keys its counters are stored under.</summary>
    public static IEnumerable<ScopeKey> ScopesOf(SprintPlace place)
    {
        yield return ScopeKey.Team(place.TeamId);
        yield return ScopeKey.Unit(place.UnitCode);
        if (place.DistrictCode is { } district)
        {
            yield return ScopeKey.District(district);
        }
        yield return ScopeKey.Province;
    }

    public sealed class GroupWork
    {
        /// <summary>One line per book code, in the order the books were first seen.</summary>
        public Dictionary<string, BookLine> Books { get; } = new(StringComparer.Ordinal);
        public List<BookChangedNotice> Changes { get; } = [];
        public bool ProgressChanged { get; set; }

        public void Add(CaseLoggedNotice notice)
        {
            ProgressChanged = true;
            if (!Books.TryGetValue(notice.BookCode, out var line))
            {
                Books[notice.BookCode] = line = new BookLine(notice);
            }
            line.Add(notice);
        }
    }

    /// <summary>A book's cases within the batch: the newest count and who logged it, how many were added and flagged.</summary>
    public sealed class BookLine(CaseLoggedNotice first)
    {
        public CaseLoggedNotice Latest { get; private set; } = first;
        public string ClerkId => Latest.ClerkId;
        public int Added { get; private set; }
        public int Flagged { get; private set; }
        /// <summary>Of <see cref="Added"/>, the late arrivals: counted on an earlier shift.</summary>
        public int AddedLate { get; private set; }

        public void Add(CaseLoggedNotice notice)
        {
            Added++;
            Flagged += notice.Flagged ? 1 : 0;
            AddedLate += notice.Late ? 1 : 0;
            // Cases of one book only grow: the highest count is the newest, whatever order parallel requests finished in.
            if (notice.CasesLogged > Latest.CasesLogged || (notice.CasesLogged == Latest.CasesLogged && notice.At > Latest.At))
            {
                Latest = notice;
            }
        }
    }
}

/// <summary>One call to <see cref="ISprintEvents"/>, waiting for the next flush.</summary>
public abstract record LiveNotice(SprintPlace Place)
{
    public sealed record Case(CaseLoggedNotice Notice) : LiveNotice(Notice.Place);
    public sealed record Book(BookChangedNotice Notice) : LiveNotice(Notice.Place);
    public sealed record Progress(SprintPlace At) : LiveNotice(At);
}

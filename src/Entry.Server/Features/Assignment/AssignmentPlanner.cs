using Entry.Shared.Books;

namespace Entry.Server.Features.Assignment;

public sealed record PlanUnit(string Code, string? ParentCode);

/// <summary>A team and its capacity: rostered clerk-hours this week × cases per clerk-hour.</summary>
public sealed record PlanTeam(int Id, string UnitCode, double WeeklyCapacity);

/// <summary>
/// A book still to be entered (<paramref name="Cases"/>: what is left of it). A locked book stays with its current team: a book
/// being worked keeps its place at the head of the queue; one an Admin placed (<paramref name="ByAdmin"/>) takes its place
/// in the order of work.
/// </summary>
public sealed record PlanBook(int Id, string Code, string UnitCode, BookType Type, BookCondition Condition, DateOnly RegisteredFrom, int Cases, int? CurrentTeamId, int CurrentPosition, bool Locked, bool ByAdmin = false);

public sealed record Placement(int BookId, int TeamId, int Position, bool OwnUnit);

/// <summary>
/// Gives every book to at most one team's queue (SPEC §3 "Assignment"):
/// 1. a unit's books go to the teams of that unit (or of its nearest ancestor that has teams), spread by capacity;
/// 2. bottom-up, each team whose unit has teams below it (district, then province) takes work from the team
///    below it that is furthest behind, from the end of that team's queue, as long as it would still finish
///    that work sooner than the team it takes it from;
/// 3. each queue is ordered: books being worked first, then the team's own books, then the books it helps with,
///    each part in the order of work (type priority, condition, oldest period first); a book an Admin placed with the
///    team sits in its part in that order, and no step of the plan takes it away.
/// </summary>
public static class AssignmentPlanner
{
    public static readonly IComparer<PlanBook> OrderOfWork = Comparer<PlanBook>.Create((a, b) =>
    {
        var c = a.Type.CompareTo(b.Type);
        if (c == 0) c = a.Condition.CompareTo(b.Condition);
        if (c == 0) c = a.RegisteredFrom.CompareTo(b.RegisteredFrom);
        if (c == 0) c = string.CompareOrdinal(a.Code, b.Code);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    });

    public static IReadOnlyList<Placement> Plan(IReadOnlyList<PlanUnit> units, IReadOnlyList<PlanTeam> teams, IReadOnlyList<PlanBook> books)
    {
        var parent = units.ToDictionary(u => u.Code, u => u.ParentCode);
        var teamsOfUnit = teams.GroupBy(t => t.UnitCode).ToDictionary(g => g.Key, g => g.ToList());
        var queues = teams.ToDictionary(t => t.Id, t => new Queue(t));

        foreach (var book in books.Where(b => b.Locked && b.CurrentTeamId is { } id && queues.ContainsKey(id)))
        {
            queues[book.CurrentTeamId!.Value].AddLocked(book);
        }

        foreach (var group in books.Where(b => !(b.Locked && b.CurrentTeamId is { } id && queues.ContainsKey(id))).GroupBy(b => b.UnitCode))
        {
            var owners = OwnersOf(group.Key, parent, teamsOfUnit);
            if (owners.Count == 0)
            {
                continue; // no team anywhere above this unit: the books stay unassigned
            }
            foreach (var book in group.OrderBy(b => b, OrderOfWork))
            {
                owners.Select(t => queues[t.Id]).MinBy(q => q.FinishWith(book.Cases))!.AddOwn(book);
            }
        }

        Balance(units, teams, parent, queues);
        return queues.Values.SelectMany(q => q.Placements()).ToList();
    }

    private static List<PlanTeam> OwnersOf(string unitCode, Dictionary<string, string?> parent, Dictionary<string, List<PlanTeam>> teamsOfUnit)
    {
        for (string? code = unitCode; code is not null; code = parent.GetValueOrDefault(code))
        {
            if (teamsOfUnit.TryGetValue(code, out var found))
            {
                return found;
            }
        }
        return [];
    }

    private static void Balance(IReadOnlyList<PlanUnit> units, IReadOnlyList<PlanTeam> teams, Dictionary<string, string?> parent, Dictionary<int, Queue> queues)
    {
        int Depth(string code)
        {
            var depth = 0;
            for (var c = parent.GetValueOrDefault(code); c is not null; c = parent.GetValueOrDefault(c))
            {
                depth++;
            }
            return depth;
        }

        bool IsBelow(string unit, string ancestor)
        {
            for (var c = parent.GetValueOrDefault(unit); c is not null; c = parent.GetValueOrDefault(c))
            {
                if (c == ancestor)
                {
                    return true;
                }
            }
            return false;
        }

        foreach (var helper in teams.Where(t => t.WeeklyCapacity > 0).OrderByDescending(t => Depth(t.UnitCode)).ThenBy(t => t.Id))
        {
            var mine = queues[helper.Id];
            var behind = new PriorityQueue<Queue, double>(Comparer<double>.Create((a, b) => b.CompareTo(a)));
            foreach (var team in teams.Where(t => IsBelow(t.UnitCode, helper.UnitCode)))
            {
                behind.Enqueue(queues[team.Id], queues[team.Id].Finish);
            }
            while (behind.TryDequeue(out var furthest, out var finish))
            {
                if (furthest.TakeLast() is not { } book)
                {
                    continue; // nothing movable left there; the next furthest behind may have some
                }
                if (mine.FinishWith(book.Cases) >= finish)
                {
                    furthest.PutBack(book);
                    break; // the team furthest behind would not finish sooner: helping stops here
                }
                mine.AddHelped(book);
                behind.Enqueue(furthest, furthest.Finish);
            }
        }
    }

    /// <summary>A team's queue while planning, with its running load in cases.</summary>
    private sealed class Queue(PlanTeam team)
    {
        private readonly List<PlanBook> _locked = [];
        private readonly SortedSet<PlanBook> _own = new(OrderOfWork);
        private readonly SortedSet<PlanBook> _helped = new(OrderOfWork);
        private readonly List<PlanBook> _placedByAdmin = [];
        private SortedSet<PlanBook>? _takenFrom;
        private long _load;

        /// <summary>Weeks to finish; a team without rostered capacity never finishes.</summary>
        public double Finish => FinishWith(0);

        public double FinishWith(int extraCases) =>
            team.WeeklyCapacity > 0 ? (_load + extraCases) / team.WeeklyCapacity : (_load + extraCases) * 1e9;

        public void AddLocked(PlanBook book) => Add(book.ByAdmin ? _placedByAdmin : _locked, book);

        public void AddOwn(PlanBook book) => Add(_own, book);

        public void AddHelped(PlanBook book) => Add(_helped, book);

        private void Add(ICollection<PlanBook> part, PlanBook book)
        {
            part.Add(book);
            _load += book.Cases;
        }

        /// <summary>The movable book this team would reach last, taken out of its queue.</summary>
        public PlanBook? TakeLast()
        {
            _takenFrom = _helped.Count > 0 ? _helped : _own;
            if (_takenFrom.Max is not { } last)
            {
                return null;
            }
            _takenFrom.Remove(last);
            _load -= last.Cases;
            return last;
        }

        public void PutBack(PlanBook book) => Add(_takenFrom ?? _own, book);

        public IEnumerable<Placement> Placements()
        {
            var position = 0;
            foreach (var book in _locked.OrderBy(b => b.CurrentPosition))
            {
                yield return new Placement(book.Id, team.Id, ++position, book.UnitCode == team.UnitCode);
            }
            IEnumerable<PlanBook> own = _own, helped = _helped;
            if (_placedByAdmin.Count > 0)
            {
                own = _own.Concat(_placedByAdmin.Where(b => b.UnitCode == team.UnitCode)).Order(OrderOfWork);
                helped = _helped.Concat(_placedByAdmin.Where(b => b.UnitCode != team.UnitCode)).Order(OrderOfWork);
            }
            foreach (var book in own)
            {
                yield return new Placement(book.Id, team.Id, ++position, true);
            }
            foreach (var book in helped)
            {
                yield return new Placement(book.Id, team.Id, ++position, false);
            }
        }
    }
}

using Entry.Shared.Assignment;

namespace Entry.Server.Features.Assignment;

public sealed record BookMove(int BookId, int FromTeamId, int ToTeamId, Nearness Nearness);

public sealed record MoveRound(IReadOnlyList<BookMove> Moves, ProposalShortfall Shortfall);

/// <summary>
/// One greedy round of moves over a plan's queues. The teams that would finish after the target (the bound plus the
/// tolerance), latest first, each give whole books until they finish by it: the fewest books first — the smallest single
/// book that covers what is still over, else the largest that fits somewhere — each to the nearest team that still
/// finishes by the target after taking it (the earliest finishing of the nearest). Books being worked or placed by an Admin
/// never move. The receiving queue re-sorts its books in the order of work, so no queue's order inverts.
/// </summary>
public static class BookMoveProposer
{
    private const double Slack = 1e-9;

    public static MoveRound Propose(IReadOnlyList<PlanTeam> teams, IReadOnlyList<PlanBook> books, IReadOnlyList<Placement> placements,
        UnitGeography geography, double tolerance)
    {
        var figures = PlanFigures.Of(teams, books, placements);
        if (figures.RemainingCases == 0)
        {
            return new([], ProposalShortfall.None);
        }
        if (figures.WeeklyCapacity <= 0)
        {
            return new([], ProposalShortfall.NoCapacity);
        }
        var target = figures.BoundWeeks * (1 + tolerance);
        var load = new Dictionary<int, long>(figures.Load);
        var capacity = figures.Capacity;
        var unitOf = teams.ToDictionary(t => t.Id, t => t.UnitCode);
        var byId = books.ToDictionary(b => b.Id);
        var movableOf = placements.Where(p => !byId[p.BookId].Locked)
            .GroupBy(p => p.TeamId)
            .ToDictionary(g => g.Key, g => g.Select(p => byId[p.BookId])
                .OrderBy(b => b.Cases).ThenByDescending(b => b, AssignmentPlanner.OrderOfWork).ToList());

        double Finish(int team) => PlanFigures.Weeks(load[team], capacity[team]);

        (int Team, Nearness Nearness)? ReceiverOf(PlanBook book, int donor)
        {
            (int Team, Nearness Nearness, double Finish)? best = null;
            foreach (var team in teams)
            {
                if (team.Id == donor || team.WeeklyCapacity <= 0 || load[team.Id] + book.Cases > target * team.WeeklyCapacity + Slack)
                {
                    continue;
                }
                var nearness = geography.Of(book.UnitCode, team.UnitCode);
                if (best is { } b && nearness > b.Nearness)
                {
                    continue;
                }
                var finish = (load[team.Id] + book.Cases) / team.WeeklyCapacity;
                if (best is not { } c || nearness < c.Nearness || finish < c.Finish - Slack)
                {
                    best = (team.Id, nearness, finish);
                }
            }
            return best is { } found ? (found.Team, found.Nearness) : null;
        }

        // The most room any team but the donor has: a book larger than that fits nowhere, a book within it fits there at least.
        double RoomBeside(int donor) => teams.Where(t => t.Id != donor && t.WeeklyCapacity > 0)
            .Select(t => target * t.WeeklyCapacity - load[t.Id]).DefaultIfEmpty(0).Max();

        var moves = new List<BookMove>();
        var shortfall = ProposalShortfall.None;
        var ceiling = target;
        foreach (var donor in teams.Select(t => t.Id).OrderByDescending(Finish).ThenBy(id => id).ToList())
        {
            if (Finish(donor) <= ceiling + Slack)
            {
                break;
            }
            var movable = movableOf.GetValueOrDefault(donor) ?? [];
            while (Finish(donor) > ceiling + Slack)
            {
                var over = capacity[donor] > 0 ? load[donor] - ceiling * capacity[donor] : load[donor];
                var chosen = Choose(movable, over, RoomBeside(donor), book => ReceiverOf(book, donor));
                if (chosen is not { } pick)
                {
                    break;
                }
                var book = movable[pick.Index];
                movable.RemoveAt(pick.Index);
                load[donor] -= book.Cases;
                load[pick.Team] += book.Cases;
                moves.Add(new BookMove(book.Id, donor, pick.Team, pick.Nearness));
            }
            if (Finish(donor) > ceiling + Slack)
            {
                if (shortfall == ProposalShortfall.None)
                {
                    var fixedLoad = load[donor] - movable.Sum(b => (long)b.Cases);
                    shortfall = PlanFigures.Weeks(fixedLoad, capacity[donor]) > ceiling + Slack
                        ? ProposalShortfall.BooksCannotTravel
                        : ProposalShortfall.NoRoomElsewhere;
                }
                ceiling = Finish(donor); // this team finishes last now: the others need only come down to it
            }
        }
        return new(moves, shortfall);
    }

    /// <summary>
    /// The smallest book that alone covers <paramref name="over"/>, else the largest; either within <paramref name="room"/>,
    /// the most any other team can take (so a receiver exists).
    /// </summary>
    private static (int Index, int Team, Nearness Nearness)? Choose(List<PlanBook> movableByCases, double over, double room, Func<PlanBook, (int Team, Nearness Nearness)?> receiverOf)
    {
        var fits = UpperBound(movableByCases, room + Slack); // books [0, fits) fit somewhere
        if (fits == 0)
        {
            return null;
        }
        var covering = LowerBound(movableByCases, over - Slack);
        var index = covering < fits ? covering : fits - 1;
        return receiverOf(movableByCases[index]) is { } r ? (index, r.Team, r.Nearness) : null;
    }

    /// <summary>The first index whose book has at least <paramref name="cases"/> (the list is sorted by cases).</summary>
    private static int LowerBound(List<PlanBook> byCases, double cases)
    {
        var (lo, hi) = (0, byCases.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (byCases[mid].Cases < cases) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The first index whose book has more than <paramref name="cases"/>.</summary>
    private static int UpperBound(List<PlanBook> byCases, double cases)
    {
        var (lo, hi) = (0, byCases.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (byCases[mid].Cases <= cases) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

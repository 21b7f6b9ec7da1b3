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
                var finish = (load[team.Id] + book.Cases) / team.WeeklyCapacity;
                if (best is not { } b || nearness < b.Nearness || nearness == b.Nearness && finish < b.Finish - Slack)
                {
                    best = (team.Id, nearness, finish);
                }
            }
            return best is { } found ? (found.Team, found.Nearness) : null;
        }

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
                var chosen = Choose(movable, over, book => ReceiverOf(book, donor));
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

    /// <summary>The smallest book that alone covers <paramref name="over"/> and has a receiver, else the largest that has one.</summary>
    private static (int Index, int Team, Nearness Nearness)? Choose(List<PlanBook> movableByCases, double over, Func<PlanBook, (int Team, Nearness Nearness)?> receiverOf)
    {
        var first = movableByCases.FindIndex(b => b.Cases >= over - Slack);
        if (first < 0)
        {
            first = movableByCases.Count;
        }
        for (var i = first; i < movableByCases.Count; i++)
        {
            if (receiverOf(movableByCases[i]) is { } r)
            {
                return (i, r.Team, r.Nearness);
            }
        }
        for (var i = first - 1; i >= 0; i--)
        {
            if (receiverOf(movableByCases[i]) is { } r)
            {
                return (i, r.Team, r.Nearness);
            }
        }
        return null;
    }
}

using Entry.Shared.Assignment;

namespace Entry.Server.Features.Assignment;

/// <summary>The plan before and after a proposal, and the moves between them.</summary>
public sealed record ProposalOutcome(
    PlanFigures Before,
    PlanFigures After,
    IReadOnlyList<Placement> PlacementsAfter,
    IReadOnlyList<BookMove> Moves,
    ProposalShortfall Shortfall,
    double Tolerance);

/// <summary>
/// Proposes moves of whole books that bring the province's finish within a tolerance of its capacity lower bound. The
/// proposal is checked against the planner itself: after each round of moves the province is planned again with the moved
/// books held where they go (as an accepted move holds them), and a further round starts from that plan while it is
/// still over the target. What it answers as "after" is that plan: the one accepting every move gives.
/// </summary>
public static class ProvinceProposal
{
    public const int MaxRounds = 4;

    public static ProposalOutcome Compute(IReadOnlyList<PlanUnit> units, IReadOnlyList<PlanTeam> teams, IReadOnlyList<PlanBook> books,
        UnitGeography geography, double tolerance)
    {
        var placements = AssignmentPlanner.Plan(units, teams, books);
        var before = PlanFigures.Of(teams, books, placements);
        var current = books;
        var moved = new Dictionary<int, BookMove>();
        var shortfall = ProposalShortfall.None;
        var after = before;
        for (var round = 0; round < MaxRounds && after.MakespanWeeks > after.BoundWeeks * (1 + tolerance) + 1e-9; round++)
        {
            var next = BookMoveProposer.Propose(teams, current, placements, geography, tolerance);
            shortfall = next.Shortfall;
            if (next.Moves.Count == 0)
            {
                break;
            }
            foreach (var move in next.Moves)
            {
                moved[move.BookId] = move;
            }
            current = Hold(books, moved);
            placements = AssignmentPlanner.Plan(units, teams, current);
            after = PlanFigures.Of(teams, current, placements);
        }
        if (after.MakespanWeeks <= after.BoundWeeks * (1 + tolerance) + 1e-9)
        {
            shortfall = ProposalShortfall.None;
        }
        var byId = books.ToDictionary(b => b.Id);
        // A move is named from where the book is queued now to where it goes.
        var moves = moved.Values
            .Select(m => m with { FromTeamId = byId[m.BookId].CurrentTeamId ?? m.FromTeamId })
            .Where(m => m.FromTeamId != m.ToTeamId)
            .OrderBy(m => m.FromTeamId).ThenBy(m => byId[m.BookId], AssignmentPlanner.OrderOfWork)
            .ToList();
        return new ProposalOutcome(before, after, placements, moves, shortfall, tolerance);
    }

    /// <summary>The books as the planner sees them once the moves are accepted: each held with its new team by decision.</summary>
    public static IReadOnlyList<PlanBook> Hold(IReadOnlyList<PlanBook> books, IReadOnlyDictionary<int, BookMove> moves) =>
        books.Select(b => moves.TryGetValue(b.Id, out var m) ? b with { CurrentTeamId = m.ToTeamId, Locked = true, ByAdmin = true } : b).ToList();
}

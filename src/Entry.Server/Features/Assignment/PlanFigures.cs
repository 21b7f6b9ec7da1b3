using Entry.Shared.Assignment;

namespace Entry.Server.Features.Assignment;

/// <summary>
/// A plan's figures in weeks: each team finishes when it has entered its whole queue at its weekly capacity, the province
/// with its last team; the capacity lower bound is every remaining case entered by all teams' capacity with no time lost.
/// </summary>
public sealed class PlanFigures
{
    private const double Tie = 1e-9;

    private PlanFigures(Dictionary<int, long> load, Dictionary<int, double> capacity, long remaining, long unassigned)
    {
        Load = load;
        Capacity = capacity;
        RemainingCases = remaining;
        WeeklyCapacity = capacity.Values.Sum();
        BoundWeeks = remaining == 0 ? 0 : WeeklyCapacity > 0 ? remaining / WeeklyCapacity : double.PositiveInfinity;
        MakespanWeeks = unassigned > 0 ? double.PositiveInfinity : load.Keys.Select(FinishWeeks).DefaultIfEmpty(0).Max();
        Bottleneck = MakespanWeeks > 0
            ? load.Keys.Where(t => FinishWeeks(t) >= MakespanWeeks - Tie || double.IsPositiveInfinity(MakespanWeeks) && double.IsPositiveInfinity(FinishWeeks(t)))
                .Order().ToList()
            : [];
    }

    public Dictionary<int, long> Load { get; }
    public Dictionary<int, double> Capacity { get; }
    public long RemainingCases { get; }
    public double WeeklyCapacity { get; }
    public double BoundWeeks { get; }
    public double MakespanWeeks { get; }
    /// <summary>The teams that finish last (ids in order).</summary>
    public IReadOnlyList<int> Bottleneck { get; }

    public double FinishWeeks(int teamId) => Weeks(Load.GetValueOrDefault(teamId), Capacity.GetValueOrDefault(teamId));

    public static double Weeks(long cases, double weeklyCapacity) =>
        cases == 0 ? 0 : weeklyCapacity > 0 ? cases / weeklyCapacity : double.PositiveInfinity;

    public static PlanFigures Of(IReadOnlyList<PlanTeam> teams, IReadOnlyList<PlanBook> books, IReadOnlyList<Placement> placements)
    {
        var cases = books.ToDictionary(b => b.Id, b => (long)b.Cases);
        var load = teams.ToDictionary(t => t.Id, _ => 0L);
        foreach (var placement in placements)
        {
            load[placement.TeamId] += cases[placement.BookId];
        }
        var placed = placements.Select(p => p.BookId).ToHashSet();
        var unassigned = books.Where(b => !placed.Contains(b.Id)).Sum(b => (long)b.Cases);
        return new PlanFigures(load, teams.ToDictionary(t => t.Id, t => t.WeeklyCapacity), cases.Values.Sum(), unassigned);
    }

    /// <summary>The date a span of weeks from today ends on (whole days, rounded up), or null when it never ends.</summary>
    public static DateOnly? Date(DateOnly today, double weeks) =>
        double.IsInfinity(weeks) || double.IsNaN(weeks) ? null : today.AddDays((int)Math.Ceiling(weeks * 7));
}

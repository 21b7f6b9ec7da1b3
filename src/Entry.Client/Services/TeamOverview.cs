using Entry.Shared.Shifts;
using Entry.Shared.Teams;

namespace Entry.Client.Services;

/// <summary>One line of the Admin's team overview: the team and, when the server had it, its week's coverage.</summary>
public sealed record TeamRow(TeamSummary Team, TeamCoverage? Coverage)
{
    public int ShortShifts => Coverage?.ShortShifts ?? 0;

    public IReadOnlyList<RosterShift> Short => Coverage?.Short ?? [];
}

/// <summary>Every team at a glance, narrowed by the overview's filters.</summary>
public sealed class TeamOverview(IReadOnlyList<TeamSummary> teams, IReadOnlyList<TeamCoverage> coverage)
{
    private readonly IReadOnlyList<TeamRow> _rows = Join(teams, coverage);

    public bool OnlyIncomplete { get; set; }

    public bool OnlyShort { get; set; }

    public string Search { get; set; } = "";

    public int Count => _rows.Count;

    public int Incomplete => _rows.Count(r => !r.Team.IsComplete);

    public int WithShortShifts => _rows.Count(r => r.ShortShifts > 0);

    public IReadOnlyList<TeamRow> Rows()
    {
        var needle = UnitTree.Fold(Search.Trim());
        return _rows
            .Where(r => !OnlyIncomplete || !r.Team.IsComplete)
            .Where(r => !OnlyShort || r.ShortShifts > 0)
            .Where(r => needle.Length == 0 || UnitTree.Fold(r.Team.UnitName).Contains(needle, StringComparison.Ordinal)
                || UnitTree.Fold(r.Team.Name).Contains(needle, StringComparison.Ordinal))
            .ToList();
    }

    private static List<TeamRow> Join(IReadOnlyList<TeamSummary> teams, IReadOnlyList<TeamCoverage> coverage)
    {
        var byTeam = coverage.ToDictionary(c => c.TeamId);
        return teams.Select(t => new TeamRow(t, byTeam.GetValueOrDefault(t.Id))).ToList();
    }
}

using Entry.Shared.Shifts;
using Entry.Shared.Teams;

namespace Entry.Client.Services;

/// <summary>A team's week as the roster grid reads it: 3 shifts × 7 days, people by display name, how many shifts are covered.</summary>
public sealed class RosterWeek
{
    private readonly Dictionary<(DateOnly Date, int Shift), RosterShift> _shifts;
    private readonly Dictionary<string, TeamMemberDto> _members;

    public RosterWeek(WeekRoster roster, IReadOnlyList<TeamMemberDto> members)
    {
        WeekStart = roster.WeekStart;
        Days = Enumerable.Range(0, 7).Select(WeekStart.AddDays).ToList();
        _shifts = roster.Shifts.ToDictionary(s => (s.Date, s.Shift));
        _members = members.ToDictionary(m => m.UserName, StringComparer.OrdinalIgnoreCase);
        Shifts = roster.Shifts.Select(s => s.Shift).Distinct().Order().ToList();
    }

    public DateOnly WeekStart { get; }

    public IReadOnlyList<DateOnly> Days { get; }

    /// <summary>The shift numbers, 1–3.</summary>
    public IReadOnlyList<int> Shifts { get; }

    public int Total => _shifts.Count;

    /// <summary>Shifts that meet every rule.</summary>
    public int Covered => _shifts.Values.Count(s => s.Issues.Count == 0);

    /// <summary>Rostered person-hours of the week (the team's capacity), kept up to date as shifts are planned.</summary>
    public double ClerkHours => _shifts.Values.Sum(s => s.UserNames.Count * (s.Ends - s.Starts).TotalHours);

    public RosterShift? At(DateOnly date, int shift) => _shifts.GetValueOrDefault((date, shift));

    /// <summary>The first day's shift of that number, for the row header's hours.</summary>
    public RosterShift? First(int shift) => Days.Select(d => At(d, shift)).FirstOrDefault(s => s is not null);

    public TeamMemberDto? Member(string userName) => _members.GetValueOrDefault(userName);

    /// <summary>A stored plan replaces the shift it was made for.</summary>
    public void Replace(RosterShift shift)
    {
        if (_shifts.ContainsKey((shift.Date, shift.Shift)))
        {
            _shifts[(shift.Date, shift.Shift)] = shift;
        }
    }
}

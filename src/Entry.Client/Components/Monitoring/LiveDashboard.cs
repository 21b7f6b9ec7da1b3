using Entry.Client.Services;
using Entry.Shared.Monitoring;

namespace Entry.Client.Components.Monitoring;

/// <summary>
/// The dashboard as loaded, kept current by the hub's <c>dashboardChanged</c> until the next refetch. A message older than
/// what is shown (sent while the dashboard was being read) is skipped. The projection stays as loaded (it moves with rosters and the plan, not with each case).
/// </summary>
public sealed class LiveDashboard(DashboardResponse loaded)
{
    public DashboardResponse Current { get; private set; } = loaded;

    /// <summary>Applies a message of this dashboard's scope; true when something shown changed.</summary>
    public bool Apply(DashboardLive live)
    {
        var shown = Current;
        if (live.Scope != shown.Scope || live.At < shown.At)
        {
            return false;
        }

        var units = live.Units.ToDictionary(u => u.Scope);
        Current = shown with
        {
            At = live.At,
            Totals = live.Totals,
            Books = live.Books,
            ByType = live.ByType,
            Units = [.. shown.Units.Select(row => units.TryGetValue(row.Scope, out var u) ? row with { Figures = u.Figures, Books = u.Books } : row)],
            Shifts = live.OpenShift is { } open ? WithShift(shown.Shifts, open) : shown.Shifts,
            Days = WithToday(shown.Days, MonitorTime.ProvinceDate(live.At), live.TodayDone),
            National = live.National,
            TeamsBehind = live.TeamsBehind,
            Quality = live.Quality ?? shown.Quality,
        };
        return true;
    }

    private static IReadOnlyList<ShiftRate> WithShift(IReadOnlyList<ShiftRate> shifts, ShiftRate open)
    {
        var index = shifts.ToList().FindIndex(s => s.Date == open.Date && s.Shift == open.Shift);
        // A shift opened since the load: shiftChanged makes the page refetch, so this only holds the bar until then.
        return index >= 0 ? [.. shifts.Take(index), open, .. shifts.Skip(index + 1)] : [.. shifts, open];
    }

    private static IReadOnlyList<DayPoint> WithToday(IReadOnlyList<DayPoint> days, DateOnly today, long todayDone)
    {
        var index = days.ToList().FindIndex(d => d.Date == today);
        if (index < 0)
        {
            return days;
        }
        var before = index == 0 ? 0 : days[index - 1].Cumulative ?? 0;
        var updated = days[index] with { Done = todayDone, Cumulative = before + todayDone };
        return [.. days.Take(index), updated, .. days.Skip(index + 1)];
    }
}

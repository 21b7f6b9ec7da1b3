using Entry.Server.Features.Shifts;
using Entry.Shared.Monitoring;

namespace Entry.Server.Features.Dashboard;

/// <summary>The dashboard's arithmetic on figures already read: the shift window, the day line, the pace against the projection.</summary>
public static class DashboardMath
{
    public const int ShiftsShown = 21;
    /// <summary>The pace is the average of at most this many whole days.</summary>
    public const int PaceDays = 7;

    /// <summary>The shift open at <paramref name="now"/> or, between shifts, the last one closed; then the earlier ones, oldest first.</summary>
    public static IReadOnlyList<(DateOnly Date, int Shift)> LastShifts(DateTimeOffset now, int count = ShiftsShown)
    {
        var today = ShiftCalendar.LocalDate(now);
        var latest = Enumerable.Range(0, 2)
            .SelectMany(back => ShiftCalendar.Shifts.Reverse().Select(shift => (Date: today.AddDays(-back), Shift: shift)))
            .First(s => ShiftCalendar.Start(s.Date, s.Shift) <= now);
        var shifts = new List<(DateOnly, int)>(count);
        var (date, shift) = latest;
        for (var i = 0; i < count; i++)
        {
            shifts.Add((date, shift));
            (date, shift) = shift == 1 ? (date.AddDays(-1), 3) : (date, shift - 1);
        }
        shifts.Reverse();
        return shifts;
    }

    /// <summary>
    /// One point per sprint day. <paramref name="doneOn"/> holds what was done each day up to today; the cumulative line is
    /// counted back from <paramref name="doneNow"/>, so cases done before the start count into the first day.
    /// </summary>
    public static IReadOnlyList<DayPoint> Days(SprintSettingsResponse sprint, DateOnly today, long target, long doneNow, IReadOnlyDictionary<DateOnly, long> doneOn)
    {
        var length = SprintDays(sprint);
        var points = new List<DayPoint>(length);
        for (var i = 0; i < length; i++)
        {
            var date = sprint.StartDate.AddDays(i);
            var needed = (long)Math.Round(target * (i + 1.0) / length, MidpointRounding.AwayFromZero);
            if (date > today)
            {
                points.Add(new DayPoint(date, null, null, needed));
                continue;
            }
            var doneSince = doneOn.Where(d => d.Key > date && d.Key <= today).Sum(d => d.Value);
            points.Add(new DayPoint(date, doneOn.GetValueOrDefault(date), Math.Max(0, doneNow - doneSince), needed));
        }
        return points;
    }

    /// <summary>
    /// The pace and what is needed per day to finish by the end date, against <paramref name="projectedFinish"/>: the
    /// campaign's one projection (<see cref="Assignment.FinishProjection"/>), so every page shows the same date.
    /// </summary>
    public static DashboardProjection Projection(SprintSettingsResponse sprint, DateOnly today, long target, long doneNow,
        IReadOnlyDictionary<DateOnly, long> doneOn, DateOnly? projectedFinish)
    {
        var firstWholeDay = Max(sprint.StartDate, today.AddDays(-PaceDays));
        var wholeDays = Enumerable.Range(0, Math.Max(0, today.DayNumber - firstWholeDay.DayNumber)).Select(firstWholeDay.AddDays).ToList();
        var perDay = wholeDays.Count > 0
            ? wholeDays.Average(d => (double)doneOn.GetValueOrDefault(d))
            : doneOn.GetValueOrDefault(today);
        var left = Math.Max(0, target - doneNow);
        var finish = left == 0 ? today : projectedFinish;
        var daysLeft = Math.Max(1, sprint.EndDate.DayNumber - today.DayNumber + 1);
        return new DashboardProjection(
            PerDay: perDay,
            ProjectedFinish: finish,
            EndDate: sprint.EndDate,
            DaysLate: finish is { } f ? f.DayNumber - sprint.EndDate.DayNumber : null,
            NeededPerDay: (double)left / daysLeft,
            OnTrack: finish is { } on && on <= sprint.EndDate);
    }

    public static int SprintDays(SprintSettingsResponse sprint) => Math.Max(1, sprint.EndDate.DayNumber - sprint.StartDate.DayNumber + 1);

    /// <summary>The teams furthest behind their plan: a positive shortfall only, the largest first, at most <paramref name="count"/>.</summary>
    public static IReadOnlyList<TeamBehind> Behind(IEnumerable<TeamBehind> teams, int count = 10) =>
        teams.Where(t => t.Shortfall > 0).OrderByDescending(t => t.Shortfall).ThenBy(t => t.TeamId).Take(count).ToList();

    public static TeamBehind TeamAgainstPlan(int teamId, string teamName, string unitCode, string unitName, double plannedCases, long done)
    {
        var planned = (long)Math.Round(plannedCases, MidpointRounding.AwayFromZero);
        return new TeamBehind(teamId, teamName, unitCode, unitName, planned, done, planned - done, planned == 0 ? 100 : done * 100.0 / planned);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

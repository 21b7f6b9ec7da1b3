using Entry.Server.Data;
using Entry.Server.Features.Shifts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Assignment;

/// <summary>
/// A team's weekly capacity: rostered clerk-hours of the week × its cases per clerk-hour — its measured pace once it has
/// logged a few shifts (<see cref="MeasuredPace"/>), the configured rate before.
/// </summary>
public sealed class TeamCapacity(EntryDb db, TimeProvider time, IOptions<PlanningOptions> options, MeasuredPace pace)
{
    public double ConfiguredRate => options.Value.CasesPerClerkHour;

    public async Task<double> RateAsync(int teamId, CancellationToken ct) =>
        (await pace.CurrentAsync(ct)).GetValueOrDefault(teamId)?.CasesPerClerkHour ?? ConfiguredRate;

    public Task<IReadOnlyDictionary<int, TeamPace>> PacesAsync(CancellationToken ct, bool refresh = false) => pace.CurrentAsync(ct, refresh);

    /// <summary>People rostered per shift of this week, per team.</summary>
    public async Task<List<(int TeamId, DateOnly Date, int Shift, int People)>> ThisWeeksShiftsAsync(int? teamId, CancellationToken ct)
    {
        var weekStart = ShiftCalendar.WeekStart(Today);
        var weekEnd = weekStart.AddDays(7);
        var entries = db.RosterEntries.AsNoTracking().Where(e => e.Date >= weekStart && e.Date < weekEnd);
        if (teamId is not null)
        {
            entries = entries.Where(e => e.TeamId == teamId);
        }
        return (await entries.GroupBy(e => new { e.TeamId, e.Date, e.Shift }).Select(g => new { g.Key.TeamId, g.Key.Date, g.Key.Shift, People = g.Count() }).ToListAsync(ct))
            .Where(s => ShiftCalendar.IsShift(s.Shift))
            .Select(s => (s.TeamId, s.Date, s.Shift, s.People)).ToList();
    }

    public DateOnly Today => ShiftCalendar.LocalDate(time.GetUtcNow());

    public async Task<Dictionary<int, double>> WeeklyCasesAsync(CancellationToken ct, int? teamId = null)
    {
        var weekStart = ShiftCalendar.WeekStart(Today);
        var weekEnd = weekStart.AddDays(7);
        var entries = db.RosterEntries.AsNoTracking().Where(e => e.Date >= weekStart && e.Date < weekEnd);
        if (teamId is not null)
        {
            entries = entries.Where(e => e.TeamId == teamId);
        }
        var perShift = await entries.GroupBy(e => new { e.TeamId, e.Shift }).Select(g => new { g.Key.TeamId, g.Key.Shift, People = g.Count() }).ToListAsync(ct);
        var paces = await pace.CurrentAsync(ct);
        return perShift
            .GroupBy(s => s.TeamId)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.People * ShiftCalendar.Hours(s.Shift))
                * (paces.GetValueOrDefault(g.Key)?.CasesPerClerkHour ?? options.Value.CasesPerClerkHour));
    }

    /// <summary>The day a team with that much work left finishes, or null when it has no capacity.</summary>
    public DateOnly? FinishDate(long cases, double weeklyCapacity) =>
        cases == 0 ? Today : weeklyCapacity <= 0 ? null : Today.AddDays((int)Math.Ceiling(cases / weeklyCapacity * 7));
}

using Entry.Server.Data;
using Entry.Server.Features.Shifts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Assignment;

/// <summary>A team's weekly capacity: rostered clerk-hours of the week × cases per clerk-hour.</summary>
public sealed class TeamCapacity(EntryDb db, TimeProvider time, IOptions<PlanningOptions> options)
{
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
        return perShift
            .GroupBy(s => s.TeamId)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.People * ShiftCalendar.Hours(s.Shift)) * options.Value.CasesPerClerkHour);
    }

    /// <summary>The day a team with that much work left finishes, or null when it has no capacity.</summary>
    public DateOnly? FinishDate(long cases, double weeklyCapacity) =>
        cases == 0 ? Today : weeklyCapacity <= 0 ? null : Today.AddDays((int)Math.Ceiling(cases / weeklyCapacity * 7));
}

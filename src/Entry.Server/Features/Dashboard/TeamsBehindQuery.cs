using Entry.Server.Data;
using Entry.Server.Features.Assignment;
using Entry.Server.Features.Progress;
using Entry.Server.Features.Shifts;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Dashboard;

/// <summary>
/// Each team of a place against its plan: rostered people per closed shift since the sprint's start (one grouped read of the
/// roster) × the shift's hours × the planner's cases per clerk-hour, against the team's counters (one read).
/// </summary>
public sealed class TeamsBehindQuery(EntryDb db, ProgressCounters counters, IOptions<PlanningOptions> planning)
{
    public async Task<IReadOnlyList<TeamBehind>> ReadAsync(DashboardPlace place, DateOnly start, DateTimeOffset now, CancellationToken ct)
    {
        var district = place.Kind == PlaceKind.Province ? null : place.DistrictCode;
        var teams = await db.Teams.AsNoTracking()
            .Where(t => district == null || t.Unit!.DistrictCode == district)
            .Select(t => new { t.Id, t.Name, t.UnitCode, UnitName = t.Unit!.Name })
            .ToListAsync(ct);
        if (teams.Count == 0)
        {
            return [];
        }
        var today = ShiftCalendar.LocalDate(now);
        var rostered = await db.RosterEntries.AsNoTracking()
            .Where(e => e.Date >= start && e.Date <= today && (district == null || e.Team!.Unit!.DistrictCode == district))
            .GroupBy(e => new { e.TeamId, e.Date, e.Shift })
            .Select(g => new { g.Key.TeamId, g.Key.Date, g.Key.Shift, People = g.Count() })
            .ToListAsync(ct);
        var rate = planning.Value.CasesPerClerkHour;
        var planned = rostered
            .Where(r => ShiftCalendar.IsShift(r.Shift) && ShiftCalendar.End(r.Date, r.Shift) <= now)
            .GroupBy(r => r.TeamId)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.People * ShiftCalendar.Hours(r.Shift)) * rate);
        var done = (await counters.ReadAsync(teams.Select(t => ScopeKey.Team(t.Id).Name).ToList(), ct))
            .GroupBy(c => c.Scope, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Entered + c.Skipped), StringComparer.Ordinal);

        return DashboardMath.Behind(teams.Select(t => DashboardMath.TeamAgainstPlan(t.Id, t.Name, t.UnitCode, t.UnitName,
            planned.GetValueOrDefault(t.Id), done.GetValueOrDefault(ScopeKey.Team(t.Id).Name))));
    }
}

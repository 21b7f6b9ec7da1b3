using Entry.Server.Features.Assignment;
using Entry.Server.Features.National;
using Entry.Server.Features.Progress;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Sprint;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;

namespace Entry.Server.Features.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c> for one place (the province or a district): the table, the rate per shift and per day, the
/// projection, the national sync and the teams behind — from the counters and grouped reads, never the cases table.
/// </summary>
public sealed class DashboardQuery(DashboardTableReader tables, SprintSettingsStore sprints, NationalStatusReader national,
    TeamsBehindQuery teams, FinishProjection projections, Quality.QualityFigureBuilder quality, TimeProvider time)
{
    /// <summary>However long ago the sprint started, the day line reads at most this far back.</summary>
    private const int MaxDaysBack = 731;

    public async Task<DashboardResponse> ReadAsync(DashboardPlace place, UnitTree tree, CancellationToken ct)
    {
        var sprint = await sprints.GetAsync(ct);
        var now = time.GetUtcNow();
        var today = ShiftCalendar.LocalDate(now);

        var shifts = DashboardMath.LastShifts(now);
        var from = shifts[0].Date < sprint.StartDate ? shifts[0].Date : sprint.StartDate;
        from = from < today.AddDays(-MaxDaysBack) ? today.AddDays(-MaxDaysBack) : from;
        var dayShifts = Enumerable.Range(0, Math.Max(0, today.DayNumber - from.DayNumber + 1))
            .SelectMany(d => ShiftCalendar.Shifts.Select(s => (Date: from.AddDays(d), Shift: s)))
            .ToList();
        var table = await tables.ReadAsync(place, tree, dayShifts.Select(s => ShiftScope(place, s.Date, s.Shift)).ToList(), ct);

        var doneOn = dayShifts.GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.Sum(s => table.DoneIn(ShiftScope(place, s.Date, s.Shift))));
        var target = table.Totals.Target;
        var done = table.Totals.Done;
        var projection = await projections.ProjectAsync(place.Kind == PlaceKind.Province ? null : place.DistrictCode, ct);
        var finish = projection.ProvinceProjectedFinish;
        var inPlace = projection.Units.Select(u => u.UnitCode).ToHashSet(StringComparer.Ordinal);
        return new DashboardResponse
        {
            Scope = place.Scope,
            ScopeName = place.Name,
            At = now,
            Sprint = sprint,
            Totals = table.Totals,
            Books = table.Books,
            ByType = table.ByType,
            Units = table.Rows,
            Shifts = shifts.Select(s => new ShiftRate(s.Date, s.Shift, table.DoneIn(ShiftScope(place, s.Date, s.Shift)))).ToList(),
            Days = DashboardMath.Days(sprint, today, target, done, doneOn),
            Projection = DashboardMath.Projection(sprint, today, target, done, doneOn, finish) with
            {
                LowerBoundFinish = projection.LowerBoundFinish,
                WeeklyCapacityCases = projection.WeeklyCapacityCases,
                // A district's last book may sit with a team above it: the dashboard names only the place's own teams.
                Bottleneck = projection.Bottleneck.Where(t => inPlace.Contains(t.UnitCode)).ToList(),
            },
            National = await NationalAsync(place, table.Totals, national, ct),
            TeamsBehind = await teams.ReadAsync(place, sprint.StartDate, now, ct),
            Quality = await quality.AreaAsync(place.Kind == PlaceKind.Province ? null : place.DistrictCode, ct),
        };
    }

    /// <summary>The counter of a place's cases in one shift: the province's <c>shift:</c>, a district's <c>dshift:</c>.</summary>
    public static string ShiftScope(DashboardPlace place, DateOnly date, int shift) => place.Kind == PlaceKind.Province
        ? ScopeKey.Shift(date, shift).Name
        : ScopeKey.DistrictShift(place.Code, date, shift).Name;

    /// <summary>
    /// The province sees the outbox and the circuit; a district its own counters only, where the flagged cases stand for
    /// those held until verified (a flagged case's message is held; one flagged after the national side had it may hold
    /// nothing new, so a district's backlog can read one low for each such case).
    /// </summary>
    public static async Task<DashboardNational> NationalAsync(DashboardPlace place, ProgressFigures totals, NationalStatusReader national, CancellationToken ct)
    {
        if (place.Kind != PlaceKind.Province)
        {
            return new DashboardNational(Math.Max(0, totals.Entered - totals.Synced - totals.Rejected - totals.Flagged), null, totals.Synced,
                totals.Rejected, null, totals.Flagged);
        }
        var status = await national.ReadAsync(ct);
        return new DashboardNational(status.Backlog, status.OldestPendingAgeSeconds, status.Synced, status.Rejected, status.Circuit,
            status.WaitingForVerification);
    }
}

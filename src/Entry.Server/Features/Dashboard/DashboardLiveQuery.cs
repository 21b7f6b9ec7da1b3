using Entry.Server.Features.National;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Sprint;
using Entry.Shared.Monitoring;

namespace Entry.Server.Features.Dashboard;

/// <summary>
/// The figures a watched dashboard receives while clerks work (<c>dashboardChanged</c>): the table's grouped book read and one
/// counter read (the place, its rows, today's shifts), the teams behind (a case moves its team's count, a closed shift its plan),
/// plus the national status for the province. No per-book lines, no person's names.
/// </summary>
public sealed class DashboardLiveQuery(DashboardTableReader tables, NationalStatusReader national, TeamsBehindQuery teams,
    SprintSettingsStore sprints, Quality.QualityFigureBuilder quality, TimeProvider time)
{
    public async Task<DashboardLive> ReadAsync(DashboardPlace place, UnitTree tree, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = ShiftCalendar.LocalDate(now);
        var todayScopes = ShiftCalendar.Shifts.Select(s => DashboardQuery.ShiftScope(place, today, s)).ToList();
        var table = await tables.ReadAsync(place, tree, todayScopes, ct);

        var open = ShiftCalendar.OpenAt(now);
        var openShift = open is null ? null : new ShiftRate(open.Date, open.Shift, table.DoneIn(DashboardQuery.ShiftScope(place, open.Date, open.Shift)));
        return new DashboardLive(
            place.Scope,
            table.Totals,
            table.Books,
            table.ByType,
            table.Rows.Select(r => new UnitFiguresLive(r.Scope, r.Figures, r.Books)).ToList(),
            openShift,
            todayScopes.Sum(table.DoneIn),
            await DashboardQuery.NationalAsync(place, table.Totals, national, ct),
            await teams.ReadAsync(place, (await sprints.GetAsync(ct)).StartDate, now, ct),
            now,
            await quality.AreaAsync(place.Kind == PlaceKind.Province ? null : place.DistrictCode, ct));
    }
}

using System.Security.Claims;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Monitoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.Dashboard;

/// <summary>The monitor's dashboard: one answer to load it, then the hub's <c>dashboardChanged</c>; the drill-down to communes and books.</summary>
public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder group)
    {
        group.WithTags("Dashboard");
        group.MapGet("/", Get)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .WithSummary("The dashboard of the province, or of a district (?district=code; a district Monitor always gets their own).");
        group.MapGet("/units/{code}", Unit)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .WithSummary("A unit's row and the rows below it: a province's districts, a district's own books and communes.");
        group.MapGet("/units/{code}/books", Books)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .WithSummary("The books a unit holds itself, with their figures (counts only).");
        return group;
    }

    private static async Task<Results<Ok<DashboardResponse>, ProblemHttpResult>> Get(
        string? district, ClaimsPrincipal user, MonitorAreas areas, EntryDb db, DashboardQuery dashboard, CancellationToken ct)
    {
        var tree = await UnitTree.ReadAsync(db, ct);
        var (place, refusal) = DashboardAccess.DashboardOf(await areas.OfAsync(user, ct), tree, string.IsNullOrWhiteSpace(district) ? null : district.Trim());
        return place is null ? refusal!.ToProblem() : TypedResults.Ok(await dashboard.ReadAsync(place, tree, ct));
    }

    private static async Task<Results<Ok<UnitDrillDown>, ProblemHttpResult>> Unit(
        string code, ClaimsPrincipal user, MonitorAreas areas, EntryDb db, DrillDownQuery drill, CancellationToken ct)
    {
        var tree = await UnitTree.ReadAsync(db, ct);
        var (place, refusal) = DashboardAccess.UnitOf(await areas.OfAsync(user, ct), tree, code);
        return place is null ? refusal!.ToProblem() : TypedResults.Ok(await drill.UnitAsync(place, tree, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<DashboardBookRow>>, ProblemHttpResult>> Books(
        string code, ClaimsPrincipal user, MonitorAreas areas, EntryDb db, DrillDownQuery drill, CancellationToken ct)
    {
        var tree = await UnitTree.ReadAsync(db, ct);
        var (place, refusal) = DashboardAccess.UnitOf(await areas.OfAsync(user, ct), tree, code);
        return place is null ? refusal!.ToProblem() : TypedResults.Ok(await drill.BooksAsync(place.Code, ct));
    }
}

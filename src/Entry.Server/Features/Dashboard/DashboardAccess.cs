using Entry.Server.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.Dashboard;

/// <summary>
/// Who sees which place, from <see cref="MonitorArea"/>: a province-wide viewer every place; a district Monitor their district and
/// the units inside it only; a Monitor with no area nothing. The same rule serves the endpoints and the hub.
/// </summary>
public static class DashboardAccess
{
    /// <summary>The dashboard's place: a district Monitor always gets their own; a province-wide viewer the province or <paramref name="district"/>.</summary>
    public static (DashboardPlace? Place, ProblemHttpResult? Problem) DashboardOf(MonitorArea area, UnitTree tree, string? district)
    {
        if (area.SeesNothing)
        {
            return (null, AreaProblems.NoArea());
        }
        if (!area.Province)
        {
            if (district is not null && district != area.District)
            {
                return (null, AreaProblems.OutsideArea("district", district));
            }
            district = area.District;
        }
        if (district is null)
        {
            return (tree.Province, null);
        }
        return tree.PlaceOf(district) is { Kind: PlaceKind.District } place ? (place, null) : (null, Unknown("district", district));
    }

    /// <summary>A drill-down's place: any unit for a province-wide viewer; for a district Monitor only their district and what lies in it.</summary>
    public static (DashboardPlace? Place, ProblemHttpResult? Problem) UnitOf(MonitorArea area, UnitTree tree, string code)
    {
        if (area.SeesNothing)
        {
            return (null, AreaProblems.NoArea());
        }
        if (tree.PlaceOf(code) is not { } place)
        {
            return (null, Unknown("code", code));
        }
        return May(area, place) ? (place, null) : (null, AreaProblems.OutsideArea("code", code));
    }

    /// <summary>A hub scope a user may watch: <c>province</c> or <c>district:{code}</c> by the same rule.</summary>
    public static bool May(MonitorArea area, DashboardPlace place) =>
        area.Province || (area.District is not null && place.Kind != PlaceKind.Province && place.DistrictCode == area.District);

    private static ProblemHttpResult Unknown(string field, string code) => TypedResults.Problem(
        $"There is no {(field == "district" ? "district" : "unit")} {code}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown unit",
        extensions: Errors(field, $"Unknown {(field == "district" ? "district" : "unit")} code."));

    private static Dictionary<string, object?> Errors(string field, string message) =>
        new() { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } };
}

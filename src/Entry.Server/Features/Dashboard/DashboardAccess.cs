using Entry.Server.Common;
using Entry.Server.Features.Auth;

namespace Entry.Server.Features.Dashboard;

/// <summary>
/// Who sees which place, from <see cref="MonitorArea"/>: a province-wide viewer every place; a district Monitor their district and
/// the units inside it only; a Monitor with no area nothing. The same rule serves the endpoints and the hub.
/// </summary>
public static class DashboardAccess
{
    /// <summary>The dashboard's place: a district Monitor always gets their own; a province-wide viewer the province or <paramref name="district"/>.</summary>
    public static (DashboardPlace? Place, Refusal? Refusal) DashboardOf(MonitorArea area, UnitTree tree, string? district)
    {
        if (area.SeesNothing)
        {
            return (null, AreaRefusals.NoArea());
        }
        if (!area.Province)
        {
            if (district is not null && district != area.District)
            {
                return (null, AreaRefusals.OutsideArea("district", district));
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
    public static (DashboardPlace? Place, Refusal? Refusal) UnitOf(MonitorArea area, UnitTree tree, string code)
    {
        if (area.SeesNothing)
        {
            return (null, AreaRefusals.NoArea());
        }
        if (tree.PlaceOf(code) is not { } place)
        {
            return (null, Unknown("code", code));
        }
        return May(area, place) ? (place, null) : (null, AreaRefusals.OutsideArea("code", code));
    }

    /// <summary>A hub scope a user may watch: <c>province</c> or <c>district:{code}</c> by the same rule.</summary>
    public static bool May(MonitorArea area, DashboardPlace place) =>
        area.Province || (area.District is not null && place.Kind != PlaceKind.Province && place.DistrictCode == area.District);

    private static Refusal Unknown(string field, string code)
    {
        var what = field == "district" ? "unit.unknownDistrict" : "unit.unknownUnit";
        return Refusal.NotFound(Phrase.Of("title.unknownUnit"), Phrase.Of(what, code)).WithErrors(field, Phrase.Of(what + ".field"));
    }
}

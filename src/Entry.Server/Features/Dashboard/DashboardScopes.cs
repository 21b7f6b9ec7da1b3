using Entry.Shared.Progress;

namespace Entry.Server.Features.Dashboard;

/// <summary>The scopes a dashboard watches: <c>province</c> or <c>district:{code}</c> of a known district (<see cref="ScopeKey.IsDashboard"/>).</summary>
public static class DashboardScopes
{
    public static DashboardPlace? Parse(string? scope, UnitTree tree) => ScopeKey.TryParse(scope) switch
    {
        { Kind: ScopeKind.Province } => tree.Province,
        { Kind: ScopeKind.District, Code: { } code } => tree.PlaceOf(code) is { Kind: PlaceKind.District } place ? place : null,
        _ => null,
    };
}

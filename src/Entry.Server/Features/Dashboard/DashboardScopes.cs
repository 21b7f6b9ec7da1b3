using Entry.Server.Features.Live;

namespace Entry.Server.Features.Dashboard;

/// <summary>The hub scopes a dashboard watches: <c>province</c> or <c>district:{code}</c> of a known district.</summary>
public static class DashboardScopes
{
    public static DashboardPlace? Parse(string? scope, UnitTree tree) => LiveScope.TryParse(scope) switch
    {
        { Kind: LiveScopeKind.Province } => tree.Province,
        { Kind: LiveScopeKind.District, Code: { } code } => tree.PlaceOf(code) is { Kind: PlaceKind.District } place ? place : null,
        _ => null,
    };

    /// <summary>Whether a scope of the live flush is one a dashboard may watch.</summary>
    public static bool IsDashboardScope(string scope) =>
        LiveScope.TryParse(scope) is { Kind: LiveScopeKind.Province or LiveScopeKind.District };
}

using System.Security.Claims;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Shared.Monitoring;

namespace Entry.Server.Features.Dashboard;

/// <summary>The hub's <c>WatchDashboard</c>: the same access rule as <c>GET /api/dashboard</c>, and the figures to start from.</summary>
public sealed class DashboardWatch(EntryDb db, MonitorAreas areas, DashboardLiveQuery live)
{
    // Read once per hub call: the check and the figures use the same tree.
    private UnitTree? tree;

    /// <summary>The place to watch, or why not (a message for the HubException: no personal data).</summary>
    public async Task<(DashboardPlace? Place, string? Refusal)> CheckAsync(ClaimsPrincipal user, string? scope, CancellationToken ct)
    {
        tree = await UnitTree.ReadAsync(db, ct);
        if (DashboardScopes.Parse(scope, tree) is not { } place)
        {
            return (null, "Unknown dashboard: use 'province' or 'district:{code}' of a district.");
        }
        return DashboardAccess.May(await areas.OfAsync(user, ct), place) ? (place, null) : (null, $"You may not watch '{place.Scope}'.");
    }

    public async Task<DashboardLive> ReadAsync(DashboardPlace place, CancellationToken ct) =>
        await live.ReadAsync(place, tree ?? await UnitTree.ReadAsync(db, ct), ct);
}

using Entry.Server.Features.Auth;
using Entry.Server.Features.Dashboard;
using Entry.Shared.Live;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Entry.Server.Features.Live;

/// <summary>
/// The live view (<see cref="Entry.Shared.Live.SprintHub"/>): a signed-in user joins the groups of the scopes they may see, and
/// gets the <see cref="ISprintClient"/> messages of those groups.
/// Membership lives only in SignalR's groups, so a Redis backplane carries it when Entry is scaled out.
/// </summary>
[Authorize]
public sealed class SprintHub(LiveScopeAccess access, ProgressSnapshots snapshots, ProvinceWatchers provinceWatchers,
    DashboardWatch dashboard, DashboardWatchers dashboardWatchers, SignedInConnections connections, Sessions sessions) : Hub<ISprintClient>, ISprintHub
{
    /// <summary>
    /// Known by its sign-in, so that signing out or leaving the team closes it (the sign-in's session is checked on the
    /// requests that open it, like on every request).
    /// </summary>
    public override async Task OnConnectedAsync()
    {
        connections.Opened(Context);
        // The client counts itself connected at the handshake, before this runs: a sign-out in between found nothing
        // to close, so the session is asked again now that the connection can be found.
        if (Context.User is null || !await sessions.AllowsAsync(Context.User, Context.ConnectionAborted))
        {
            connections.Closed(Context.ConnectionId);
            Context.Abort();
            return;
        }
        await base.OnConnectedAsync();
    }

    /// <summary>Joins the scope's group and answers its counters now: the client's resync after a reconnect.</summary>
    public async Task<ProgressSnapshot> Subscribe(string scope)
    {
        var ct = Context.ConnectionAborted;
        var (allowed, refusal) = await access.CheckAsync(Context.User!, scope, ct);
        if (allowed is null)
        {
            throw new HubException(refusal);
        }
        // Joined before reading: a change after the read then still arrives, and the counts are absolute anyway.
        await Groups.AddToGroupAsync(Context.ConnectionId, SprintGroups.Of(allowed), ct);
        if (allowed.Kind == ScopeKind.Province)
        {
            provinceWatchers.Joined(Context.ConnectionId);
        }
        return await snapshots.ReadAsync(allowed, ct);
    }

    public async Task Unsubscribe(string scope)
    {
        var parsed = LiveScopeAccess.Parse(scope) ?? throw new HubException(LiveScopeAccess.UnknownScope);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SprintGroups.Of(parsed), Context.ConnectionAborted);
        if (parsed.Kind == ScopeKind.Province)
        {
            provinceWatchers.Left(Context.ConnectionId);
        }
    }

    /// <summary>
    /// Watches one more dashboard (a page's own and the district it drills into; at most <see cref="DashboardWatchers.MostPerConnection"/>)
    /// and answers its figures now: the resync after a reconnect.
    /// </summary>
    public async Task<DashboardLive> WatchDashboard(string scope)
    {
        var ct = Context.ConnectionAborted;
        var (place, refusal) = await dashboard.CheckAsync(Context.User!, scope, ct);
        if (place is null)
        {
            throw new HubException(refusal);
        }
        if (!dashboardWatchers.Watch(Context.ConnectionId, place.Scope))
        {
            throw new HubException($"Watch at most {DashboardWatchers.MostPerConnection} dashboards at once: leave one first (UnwatchDashboard).");
        }
        // Joined before reading: a change after the read then still arrives, and the figures are absolute anyway.
        await Groups.AddToGroupAsync(Context.ConnectionId, SprintGroups.Dashboard(place.Key), ct);
        return await dashboard.ReadAsync(place, ct);
    }

    /// <summary>Stops watching a dashboard; one not watched is no error.</summary>
    public async Task UnwatchDashboard(string scope)
    {
        if (ScopeKey.TryParse(scope) is not { IsDashboard: true } key)
        {
            throw new HubException("Unknown dashboard: use 'province' or 'district:{code}' of a district.");
        }
        dashboardWatchers.Unwatch(Context.ConnectionId, key.Name);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SprintGroups.Dashboard(key), Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context.ConnectionId);
        provinceWatchers.Left(Context.ConnectionId);
        dashboardWatchers.Left(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

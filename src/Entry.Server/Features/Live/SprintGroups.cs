using Entry.Shared.Progress;

namespace Entry.Server.Features.Live;

/// <summary>The hub's SignalR groups, named by the scope's <see cref="ScopeKey"/> like its counters.</summary>
public static class SprintGroups
{
    /// <summary>The followers of a scope (<c>Subscribe</c>): every live message of the scope.</summary>
    public static string Of(ScopeKey scope) => scope.Name;

    /// <summary>The watchers of a dashboard (<c>WatchDashboard</c>): apart from the scope's own group, so they get no per-book lines.</summary>
    public static string Dashboard(ScopeKey scope) => $"dashboard:{scope.Name}";
}

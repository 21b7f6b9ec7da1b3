using Entry.Server.Common.Cluster;

namespace Entry.Server.Features.Dashboard;

/// <summary>
/// Dashboards whose figures moved (or all of them: a shift opened or closed), told to every instance: each sends them again
/// to the connections it holds that watch them.
/// </summary>
public sealed record DashboardsChanged(IReadOnlyList<string> Scopes, bool All = false);

public sealed class DashboardsChangedHandler(DashboardWatchers watchers) : IClusterHandler<DashboardsChanged>
{
    public void Handle(DashboardsChanged message)
    {
        if (message.All)
        {
            watchers.AllChanged();
            return;
        }
        foreach (var scope in message.Scopes)
        {
            watchers.Changed(scope);
        }
    }
}

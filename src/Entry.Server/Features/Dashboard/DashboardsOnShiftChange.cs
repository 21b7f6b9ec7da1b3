using Entry.Server.Common.Cluster;
using Entry.Server.Features.Shifts;

namespace Entry.Server.Features.Dashboard;

/// <summary>A shift opening or closing moves every dashboard's open shift: each watched one, on every instance, is sent again at the next flush.</summary>
public sealed class DashboardsOnShiftChange(IClusterBus cluster) : IShiftChangedHandler
{
    public Task HandleAsync(ShiftChanged change, CancellationToken ct) => cluster.PublishAsync(new DashboardsChanged([], All: true));
}

using Entry.Server.Features.Shifts;

namespace Entry.Server.Features.Dashboard;

/// <summary>A shift opening or closing moves every dashboard's open shift: each watched one is sent again at the next flush.</summary>
public sealed class DashboardsOnShiftChange(DashboardWatchers watchers) : IShiftChangedHandler
{
    public Task HandleAsync(ShiftChanged change, CancellationToken ct)
    {
        watchers.AllChanged();
        return Task.CompletedTask;
    }
}

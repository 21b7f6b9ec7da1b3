using Entry.Server.Features.Shifts;
using Entry.Shared.Live;
using Microsoft.AspNetCore.SignalR;

namespace Entry.Server.Features.Live;

/// <summary>Tells every connected view that a shift opened or closed (not personal: sent to all).</summary>
public sealed class ShiftChangedBroadcast(IHubContext<SprintHub, ISprintClient> hub, TimeProvider time) : IShiftChangedHandler
{
    /// <summary>A boundary caught up after downtime older than this is history, not news: the views are not told.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    public async Task HandleAsync(ShiftChanged change, CancellationToken ct)
    {
        if (change.CaughtUp && time.GetUtcNow() - change.DueAt > StaleAfter)
        {
            return;
        }
        var kind = change.Transition == ShiftTransition.Opened ? ShiftChangeKind.Opened : ShiftChangeKind.Closed;
        await hub.Clients.All.ShiftChanged(new ShiftChangedEvent(change.Date, change.Shift, kind, change.DueAt), ct);
    }
}

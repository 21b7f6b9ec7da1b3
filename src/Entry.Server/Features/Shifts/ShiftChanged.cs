namespace Entry.Server.Features.Shifts;

/// <summary>
/// The application event of the shift clock: a shift opened or closed. Published once per recorded boundary, in order.
/// </summary>
/// <param name="DueAt">When the boundary was due.</param>
/// <param name="CaughtUp">Recorded late (after downtime), not at its time: a handler may skip what only matters live.</param>
public sealed record ShiftChanged(DateOnly Date, int Shift, ShiftTransition Transition, DateTimeOffset DueAt, bool CaughtUp);

/// <summary>
/// Called for every shift change (the live broadcast registers one). Register with
/// <c>services.AddScoped&lt;IShiftChangedHandler, T&gt;()</c>; handlers run in the clock's scope, so they may use <c>EntryDb</c>.
/// A handler that throws is logged and skipped: the clock goes on and the other handlers still run.
/// </summary>
public interface IShiftChangedHandler
{
    Task HandleAsync(ShiftChanged change, CancellationToken ct);
}

/// <summary>
/// The extension point for what happens when a shift ends: whatever a clerk of that shift still holds is released
/// (the claims feature registers its release here with <c>services.AddScoped&lt;IShiftClosedHandler, T&gt;()</c>).
/// Called only for <see cref="ShiftTransition.Closed"/>, before the <see cref="IShiftChangedHandler"/>s, so a broadcast of
/// the change already sees the released state. The change is published after its record is stored; should the server
/// stop in between, the call is lost, so a release should also cover anything left over from earlier closed shifts.
/// </summary>
public interface IShiftClosedHandler
{
    Task ShiftClosedAsync(ShiftChanged closed, CancellationToken ct);
}

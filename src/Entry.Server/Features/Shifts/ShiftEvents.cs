namespace Entry.Server.Features.Shifts;

/// <summary>Publishes a shift change to every registered handler; one handler failing stops neither the others nor the clock.</summary>
public sealed partial class ShiftEvents(
    IEnumerable<IShiftClosedHandler> closedHandlers,
    IEnumerable<IShiftChangedHandler> changedHandlers,
    ILogger<ShiftEvents> logger)
{
    public async Task PublishAsync(ShiftChanged change, CancellationToken ct)
    {
        if (change.Transition == ShiftTransition.Closed)
        {
            foreach (var handler in closedHandlers)
            {
                await RunAsync(handler, change, () => handler.ShiftClosedAsync(change, ct), ct);
            }
        }
        foreach (var handler in changedHandlers)
        {
            await RunAsync(handler, change, () => handler.HandleAsync(change, ct), ct);
        }
    }

    private async Task RunAsync(object handler, ShiftChanged change, Func<Task> call, CancellationToken ct)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            // The exception's type only: a handler's message may carry a clerk's name or a case's data.
            LogHandlerFailed(handler.GetType().Name, change.Date, change.Shift, change.Transition, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 2410, Level = LogLevel.Error, Message = "Shift handler {Handler} failed on {Date} shift {Shift} {Transition}: {ExceptionType}")]
    private partial void LogHandlerFailed(string handler, DateOnly date, int shift, ShiftTransition transition, string exceptionType);
}

using Quartz;

namespace Entry.Server.Features.Shifts;

/// <summary>Runs the shift clock: at each boundary (06:00, 12:00, 17:00, 22:00 local) and once at start-up.</summary>
[DisallowConcurrentExecution]
public sealed partial class ShiftClockJob(ShiftClock clock, ILogger<ShiftClockJob> logger) : IJob
{
    public static readonly JobKey Key = new("shift-clock", "shifts");

    public async Task Execute(IJobExecutionContext context)
    {
        try
        {
            var recorded = await clock.CatchUpAsync(context.CancellationToken);
            LogRan(context.Trigger.Key.Name, recorded.Count);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            // The next boundary's run catches up what this one could not record.
            LogFailed(context.Trigger.Key.Name, e);
        }
    }

    [LoggerMessage(EventId = 2420, Level = LogLevel.Debug, Message = "Shift clock run by {Trigger}: {Recorded} boundaries recorded")]
    private partial void LogRan(string trigger, int recorded);

    [LoggerMessage(EventId = 2421, Level = LogLevel.Error, Message = "Shift clock run by {Trigger} failed")]
    private partial void LogFailed(string trigger, Exception exception);
}

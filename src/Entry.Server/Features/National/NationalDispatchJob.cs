using Quartz;

namespace Entry.Server.Features.National;

/// <summary>
/// The safety net of the outbox: every minute it wakes the dispatcher, so work whose wake was lost (a message written
/// by another server, a wake during a restart) is never left waiting for the next new case.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NationalDispatchJob(NationalSignal signal) : IJob
{
    public static readonly JobKey Key = new("national-dispatch", "national");

    public Task Execute(IJobExecutionContext context)
    {
        signal.Wake();
        return Task.CompletedTask;
    }
}

using Quartz;

namespace Entry.Server.Features.Assignment;

/// <summary>Re-plans every queue each night after the last shift, from the new week's rosters and what is left.</summary>
[DisallowConcurrentExecution]
public sealed partial class NightlyPlanJob(AssignmentService assignment, ILogger<NightlyPlanJob> logger) : IJob
{
    public static readonly JobKey Key = new("nightly-plan", "assignment");

    public async Task Execute(IJobExecutionContext context)
    {
        var summary = await assignment.RecomputeAsync(context.CancellationToken);
        LogNightly(summary.BooksAssigned, summary.ElapsedMilliseconds);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Nightly plan: {Assigned} books queued in {ElapsedMs} ms")]
    private partial void LogNightly(int assigned, long elapsedMs);
}

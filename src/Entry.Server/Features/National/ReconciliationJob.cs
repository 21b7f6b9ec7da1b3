using Quartz;

namespace Entry.Server.Features.National;

/// <summary>The nightly reconciliation (<c>NationalDb:Reconciliation:NightlyAt</c>); skipped when an Admin's run is still going.</summary>
[DisallowConcurrentExecution]
public sealed partial class ReconciliationJob(ReconciliationRunner runner, ILogger<ReconciliationJob> logger) : IJob
{
    public static readonly JobKey Key = new("national-reconciliation", "national");

    public async Task Execute(IJobExecutionContext context)
    {
        var start = await runner.StartAsync(ReconciliationRun.Nightly, null, context.CancellationToken);
        if (!start.Started)
        {
            LogSkipped(start.RunId ?? 0);
            return;
        }
        await start.Completion;
    }

    [LoggerMessage(EventId = 8204, Level = LogLevel.Information, Message = "Nightly reconciliation skipped: run {RunId} is still going")]
    private partial void LogSkipped(long runId);
}

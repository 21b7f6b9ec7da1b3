using Quartz;

namespace Entry.Server.Features.Backup;

/// <summary>The nightly backup into the backups folder (<c>Entry:Backup:At</c>, <c>Entry:Backup:Nightly</c>).</summary>
[DisallowConcurrentExecution]
public sealed partial class NightlyBackupJob(BackupTaker taker, ILogger<NightlyBackupJob> logger) : IJob
{
    public static readonly JobKey Key = new("nightly-backup", "operations");
    public static readonly TriggerKey Nightly = new("nightly-backup", "operations");

    public async Task Execute(IJobExecutionContext context)
    {
        try
        {
            if (await taker.TakeAsync(context.CancellationToken) is null)
            {
                LogBusy();
            }
        }
        catch (Exception e) when (e is BackupException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "Nightly backup skipped: another backup was running")]
    private partial void LogBusy();

    [LoggerMessage(EventId = 9303, Level = LogLevel.Error, Message = "The nightly backup failed")]
    private partial void LogFailed(Exception exception);
}

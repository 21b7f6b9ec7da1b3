using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Backup;

/// <summary>A backup just taken: its file in the backups folder, its size, the cases it holds, how long it took, how many are kept.</summary>
public sealed record BackupTakenResponse(string File, long Bytes, int Cases, int Keys, long DurationMilliseconds, int Kept);

public static partial class BackupEndpoints
{
    public static RouteGroupBuilder MapBackup(this RouteGroupBuilder group)
    {
        group.WithTags("Operations");
        group.MapPost("/backup", Take)
            .RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("An online backup of the SQLite database (SQLite's backup API, while clerks write) and the data-protection keys "
                + "into the backups folder as entry-yyyyMMdd-HHmmss.db (UTC) and its .keys folder, checked with integrity_check; "
                + "the newest Entry:Backup:Keep are kept. 409 while another backup runs.");
        return group;
    }

    private static async Task<Results<Ok<BackupTakenResponse>, ProblemHttpResult>> Take(
        BackupTaker taker, EntryDb db, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return Refusal.Conflict(Phrase.Of("title.backupUnavailable"), Phrase.Of("backup.notSqlite")).ToProblem();
        }
        try
        {
            var taken = await taker.TakeAsync(ct);
            if (taken is null)
            {
                return Refusal.Conflict(Phrase.Of("title.backupRunning"), Phrase.Of("backup.running")).ToProblem();
            }
            var r = taken.Result;
            return TypedResults.Ok(new BackupTakenResponse(taken.Name, r.Bytes, r.Cases, r.Keys, (long)r.Duration.TotalMilliseconds, taken.Kept));
        }
        catch (Exception e) when (e is BackupException or SqliteException or IOException or UnauthorizedAccessException)
        {
            LogFailed(loggers.CreateLogger(typeof(BackupEndpoints)), e);
            return new Refusal(StatusCodes.Status500InternalServerError, Phrase.Of("title.backupFailed"), Phrase.Of("backup.failed", e.Message)).ToProblem();
        }
    }

    [LoggerMessage(EventId = 9301, Level = LogLevel.Error, Message = "The backup failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

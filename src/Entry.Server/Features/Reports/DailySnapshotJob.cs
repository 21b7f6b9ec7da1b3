using Entry.Server.Data;
using Entry.Server.Features.Shifts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Entry.Server.Features.Reports;

/// <summary>
/// Takes the snapshot of the day whose <c>Entry:Reports:SnapshotAt</c> (22:00) was last passed at the scheduled fire
/// time. Late runs — the scheduler was blocked, or the server was down at 22:00 (the start-up run) — still take it while
/// no shift has opened since, because until then the counters are those of the evening; after that the day is left
/// without a snapshot rather than given the next morning's figures.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DailySnapshotJob(
    SnapshotWriter writer, EntryDb db, TimeProvider time, IOptions<ReportOptions> options, ILogger<DailySnapshotJob> logger) : IJob
{
    public static readonly JobKey Key = new("daily-snapshot", "reports");
    public static readonly TriggerKey Nightly = new("daily-snapshot", "reports");
    public static readonly TriggerKey StartUp = new("daily-snapshot-start-up", "reports");

    public async Task Execute(IJobExecutionContext context)
    {
        var ct = context.CancellationToken;
        var due = LastDue(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, options.Value.SnapshotTime);
        var date = ShiftCalendar.LocalDate(due);
        if (ShiftCalendar.NextAfter(due).Starts <= time.GetUtcNow())
        {
            LogTooLate(date);
            return;
        }
        // The start-up run only fills a missing day; a snapshot already taken stays as it was.
        if (context.Trigger.Key.Equals(StartUp) && await db.DailySnapshots.AnyAsync(s => s.Date == date, ct))
        {
            return;
        }
        await writer.TakeAsync(date, ct);
    }

    /// <summary>The latest instant at or before <paramref name="instant"/> whose local time is <paramref name="at"/>.</summary>
    public static DateTimeOffset LastDue(DateTimeOffset instant, TimeOnly at)
    {
        var today = ShiftCalendar.At(ShiftCalendar.LocalDate(instant), at);
        return today <= instant ? today : ShiftCalendar.At(ShiftCalendar.LocalDate(instant).AddDays(-1), at);
    }

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Snapshot of {Date} not taken: a shift has opened since it was due")]
    private partial void LogTooLate(DateOnly date);
}

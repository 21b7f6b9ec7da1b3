using Entry.Server.Data;
using Entry.Server.Features.Shifts;
using Entry.Shared.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Reports;

/// <summary>Stores the figures of every scope now as the snapshot of a date, replacing what that date held, in one transaction.</summary>
public sealed partial class SnapshotWriter(EntryDb db, ScopeFigures figures, WriteGate gate, TimeProvider time, ILogger<SnapshotWriter> logger)
{
    public async Task<SnapshotTaken> TakeAsync(DateOnly date, CancellationToken ct)
    {
        // Read inside the write gate: no case changes the counters between the books and the counters being read.
        await using var write = await gate.BeginAsync(db, ct);
        var takenAt = time.GetUtcNow();
        var rows = await figures.NowAsync(ct);
        await db.DailySnapshots.Where(s => s.Date == date).ExecuteDeleteAsync(ct);
        db.DailySnapshots.AddRange(rows.Select(f => new DailySnapshot
        {
            Date = date,
            Scope = f.Scope,
            Type = f.Type,
            Target = f.Target,
            Books = f.Books,
            BooksFinished = f.BooksFinished,
            Entered = f.Entered,
            Flagged = f.Flagged,
            Verified = f.Verified,
            Skipped = f.Skipped,
            Synced = f.Synced,
            Rejected = f.Rejected,
            TakenAt = takenAt,
        }));
        await db.SaveChangesAsync(ct);
        await write.CommitAsync(ct);
        db.ChangeTracker.Clear();
        LogTaken(date, rows.Count);
        return new SnapshotTaken(date, rows.Count, ShiftCalendar.ToLocal(takenAt));
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Snapshot of {Date} stored: {Rows} rows")]
    private partial void LogTaken(DateOnly date, int rows);
}

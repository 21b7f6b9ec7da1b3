using Entry.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Shifts;

/// <summary>
/// Opens and closes the shifts: records every boundary due and not yet recorded, in order, and publishes each as a
/// <see cref="ShiftChanged"/>. Run by the scheduler at each boundary and once at start-up, so boundaries missed while
/// the server was down are caught up.
/// </summary>
public sealed partial class ShiftClock(
    EntryDb db, TimeProvider time, ShiftEvents events, IOptions<ShiftOptions> options, ILogger<ShiftClock> logger)
{
    /// <summary>A boundary recorded more than this after it was due counts as caught up (Quartz's own misfire threshold).</summary>
    public static readonly TimeSpan OnTime = TimeSpan.FromMinutes(1);

    /// <summary>The clock as it stands: now, the open shift, the next one.</summary>
    public Entry.Shared.Shifts.ShiftClockState State()
    {
        var now = time.GetUtcNow();
        return new() { Now = ShiftCalendar.ToLocal(now), Open = ShiftCalendar.OpenAt(now), Next = ShiftCalendar.NextAfter(now) };
    }

    /// <summary>
    /// Records the boundaries due up to now that are missing. On the very first run (no record at all) only the most
    /// recent boundary is recorded: the clock does not invent history. After downtime it goes back at most
    /// <see cref="ShiftOptions.CatchUpDays"/>. Answers the changes this run recorded.
    /// </summary>
    public async Task<IReadOnlyList<ShiftChanged>> CatchUpAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await DueAsync(now, ct);
        var recorded = new List<ShiftChanged>();
        foreach (var boundary in due)
        {
            if (!await TryRecordAsync(boundary, now, ct))
            {
                continue;
            }
            var change = new ShiftChanged(boundary.Date, boundary.Shift, boundary.Transition, boundary.DueAt, now - boundary.DueAt > OnTime);
            LogRecorded(boundary.Date, boundary.Shift, boundary.Transition, change.CaughtUp);
            recorded.Add(change);
            await events.PublishAsync(change, ct);
        }
        return recorded;
    }

    private async Task<IReadOnlyList<ShiftBoundary>> DueAsync(DateTimeOffset now, CancellationToken ct)
    {
        // SQLite cannot order DateTimeOffset columns; (Date, Shift, Transition) is the order in time.
        var last = await db.ShiftRecords.AsNoTracking()
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.Shift).ThenByDescending(r => r.Transition)
            .FirstOrDefaultAsync(ct);
        if (last is null)
        {
            return ShiftBoundary.Latest(now);
        }

        var horizon = now.AddDays(-options.Value.CatchUpDays);
        if (last.DueAt < horizon)
        {
            LogGaveUpBefore(options.Value.CatchUpDays);
        }
        // From the last recorded instant itself: at 12:00 and 17:00 it may hold a second boundary not recorded yet.
        var from = last.DueAt > horizon ? last.DueAt : horizon;
        var fromDate = ShiftCalendar.LocalDate(from);
        var recorded = (await db.ShiftRecords.AsNoTracking()
                .Where(r => r.Date >= fromDate)
                .Select(r => new { r.Date, r.Shift, r.Transition })
                .ToListAsync(ct))
            .Select(r => (r.Date, r.Shift, r.Transition))
            .ToHashSet();
        return ShiftBoundary.Between(from, now)
            .Where(b => !recorded.Contains((b.Date, b.Shift, b.Transition)))
            .ToList();
    }

    /// <summary>Stores the boundary; false when another run stored it first (the unique index says so).</summary>
    private async Task<bool> TryRecordAsync(ShiftBoundary boundary, DateTimeOffset now, CancellationToken ct)
    {
        db.ShiftRecords.Add(new ShiftRecord
        {
            Date = boundary.Date,
            Shift = boundary.Shift,
            Transition = boundary.Transition,
            DueAt = boundary.DueAt,
            RecordedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            LogAlreadyRecorded(boundary.Date, boundary.Shift, boundary.Transition);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "Shift clock: {Date} shift {Shift} {Transition} (caught up: {CaughtUp})")]
    private partial void LogRecorded(DateOnly date, int shift, ShiftTransition transition, bool caughtUp);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Debug, Message = "Shift clock: {Date} shift {Shift} {Transition} was already recorded by another run")]
    private partial void LogAlreadyRecorded(DateOnly date, int shift, ShiftTransition transition);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Shift clock: the last recorded boundary is older than {Days} days; older missed boundaries are not recorded")]
    private partial void LogGaveUpBefore(int days);
}

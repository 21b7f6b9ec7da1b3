using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Shifts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Shifts;

public static class ShiftEndpoints
{
    public const int MaxLogDays = 31;

    public static RouteGroupBuilder MapShifts(this RouteGroupBuilder group)
    {
        group.WithTags("Shifts");
        group.MapGet("/clock", Clock)
            .RequireRoles(Roles.All.ToArray())
            .WithSummary("The shift clock: now (local time), the open shift if any, the next shift.");
        group.MapGet("/log", Log)
            .RequireRoles(Roles.Admin)
            .ProducesValidationProblem()
            .WithSummary("The boundaries the shift clock recorded over the last days (local dates), oldest first; caught-up ones are marked.");
        return group;
    }

    private static Ok<ShiftClockState> Clock(ShiftClock clock) => TypedResults.Ok(clock.State());

    private static async Task<Results<Ok<IReadOnlyList<ShiftLogEntry>>, ProblemHttpResult>> Log(
        EntryDb db, TimeProvider time, CancellationToken ct, int days = 1)
    {
        if (days is < 1 or > MaxLogDays)
        {
            return Refusal.Invalid("days", Phrase.Of("shifts.days.range", MaxLogDays)).ToProblem();
        }
        // days=1 is today; SQLite cannot compare DateTimeOffset columns, so the filter and the order use the local date.
        var since = ShiftCalendar.LocalDate(time.GetUtcNow()).AddDays(1 - days);
        var records = await db.ShiftRecords.AsNoTracking()
            .Where(r => r.Date >= since)
            .OrderBy(r => r.Date).ThenBy(r => r.Shift).ThenBy(r => r.Transition)
            .ToListAsync(ct);
        IReadOnlyList<ShiftLogEntry> log = records.Select(r => new ShiftLogEntry
        {
            Date = r.Date,
            Shift = r.Shift,
            Transition = r.Transition == ShiftTransition.Opened ? "opened" : "closed",
            DueAt = ShiftCalendar.ToLocal(r.DueAt),
            RecordedAt = ShiftCalendar.ToLocal(r.RecordedAt),
            CaughtUp = r.RecordedAt - r.DueAt > ShiftClock.OnTime,
        }).ToList();
        return TypedResults.Ok(log);
    }
}

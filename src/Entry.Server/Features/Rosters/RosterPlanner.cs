using Entry.Server.Data;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Teams;
using Entry.Shared.Shifts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Rosters;

/// <summary>The outcome of planning one shift: the stored shift, or the issues that kept the plan out.</summary>
public sealed record PlanOutcome(RosterShift? Shift, IReadOnlyList<ShiftIssue> Issues);

/// <summary>Writes rosters: a shift's plan (only when it meets every rule) and a week copied onto the next.</summary>
public sealed partial class RosterPlanner(EntryDb db, WriteGate writes, IOffRosterClaims claims, ILookupNormalizer normalizer, TimeProvider time,
    ILogger<RosterPlanner> logger) : ITeamRosters
{
    /// <summary>True when the shift has ended: its roster is history and stays as it was.</summary>
    public bool HasEnded(DateOnly date, int shift) => ShiftCalendar.End(date, shift) <= time.GetUtcNow();

    /// <summary>Replaces the shift's people in one transaction when the plan meets every rule; an empty plan clears the shift.</summary>
    public async Task<PlanOutcome> PlanAsync(int teamId, DateOnly date, int shift, IReadOnlyList<string> userNames, CancellationToken ct)
    {
        var computers = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Computers).SingleAsync(ct);
        var members = (await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == teamId)
                .Select(m => new { m.UserId, m.User!.UserName, m.User.NormalizedUserName, m.Category })
                .ToListAsync(ct))
            .ToDictionary(m => m.NormalizedUserName!);
        var people = userNames.Select(name => members.TryGetValue(normalizer.NormalizeName(name.Trim()), out var member)
            ? (Person: new RosteredPerson(member.UserName!, member.Category), member.UserId)
            : (Person: new RosteredPerson(name.Trim(), null), UserId: null)).ToList();

        var issues = ShiftRules.Check(people.Select(p => p.Person).ToList(), computers);
        if (people.Count > 0 && issues.Count > 0)
        {
            LogPlanRefused(teamId, issues.Count);
            return new PlanOutcome(null, issues);
        }

        // Someone taken off the open shift loses the book they hold, in the same transaction (as at shift end).
        IReadOnlyList<EndedClaim> ended;
        await using (var tx = await writes.BeginAsync(db, ct))
        {
            await db.RosterEntries.Where(e => e.TeamId == teamId && e.Date == date && e.Shift == shift).ExecuteDeleteAsync(ct);
            db.RosterEntries.AddRange(people.Select(p => new RosterEntry { TeamId = teamId, Date = date, Shift = shift, UserId = p.UserId! }));
            await db.SaveChangesAsync(ct);
            ended = await claims.EndOffRosterAsync(teamId, ct);
            await tx.CommitAsync(ct);
        }
        LogPlanned(teamId, date, shift, people.Count);
        await claims.PublishReleasedAsync(ended, ct);

        var stored = people.Select(p => new RosteredEntry(teamId, date, shift, p.UserId!, p.Person.UserName)).ToList();
        var categories = members.Values.ToDictionary(m => m.UserId, m => m.Category);
        return new PlanOutcome(RosterReader.Shift(ShiftCalendar.Slot(date, shift), stored, categories, computers), []);
    }

    /// <summary>
    /// Copies a week's roster onto the following week, replacing it, for the shifts of that week that have not ended;
    /// people who are no longer members are left out. The copied shifts are stored as they are and show their issues.
    /// </summary>
    public async Task CopyWeekAsync(int teamId, DateOnly fromWeekStart, CancellationToken ct)
    {
        var toWeekStart = fromWeekStart.AddDays(7);
        var members = (await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == teamId).Select(m => m.UserId).ToListAsync(ct)).ToHashSet();
        var fromWeekEnd = fromWeekStart.AddDays(7);
        var source = await db.RosterEntries.AsNoTracking()
            .Where(e => e.TeamId == teamId && e.Date >= fromWeekStart && e.Date < fromWeekEnd)
            .OrderBy(e => e.Id)
            .Select(e => new { e.Date, e.Shift, e.UserId })
            .ToListAsync(ct);
        var open = ShiftCalendar.Week(toWeekStart).Where(s => !HasEnded(s.Date, s.Shift)).Select(s => (s.Date, s.Shift)).ToHashSet();
        var copies = source
            .Select(e => new { Date = e.Date.AddDays(7), e.Shift, e.UserId })
            .Where(e => open.Contains((e.Date, e.Shift)) && members.Contains(e.UserId))
            .Select(e => new RosterEntry { TeamId = teamId, Date = e.Date, Shift = e.Shift, UserId = e.UserId })
            .ToList();

        var toWeekEnd = toWeekStart.AddDays(7);
        var firstOpenDay = open.Count == 0 ? toWeekEnd : open.Min(s => s.Date);
        var openShiftsOfFirstDay = open.Where(s => s.Date == firstOpenDay).Select(s => s.Shift).ToList();
        IReadOnlyList<EndedClaim> ended;
        await using (var tx = await writes.BeginAsync(db, ct))
        {
            await db.RosterEntries
                .Where(e => e.TeamId == teamId && e.Date < toWeekEnd
                    && (e.Date > firstOpenDay || (e.Date == firstOpenDay && openShiftsOfFirstDay.Contains(e.Shift))))
                .ExecuteDeleteAsync(ct);
            db.RosterEntries.AddRange(copies);
            await db.SaveChangesAsync(ct);
            // The copy replaces the open shift too: whoever it leaves off loses their book.
            ended = await claims.EndOffRosterAsync(teamId, ct);
            await tx.CommitAsync(ct);
        }
        LogWeekCopied(teamId, copies.Count, source.Count - copies.Count);
        await claims.PublishReleasedAsync(ended, ct);
    }

    /// <inheritdoc />
    public async Task<int> RemoveFromOpenShiftsAsync(int teamId, string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = ShiftCalendar.LocalDate(now);
        var openToday = ShiftCalendar.Shifts.Where(s => ShiftCalendar.End(today, s) > now).ToList();
        return await db.RosterEntries
            .Where(e => e.TeamId == teamId && e.UserId == userId && (e.Date > today || (e.Date == today && openToday.Contains(e.Shift))))
            .ExecuteDeleteAsync(ct);
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Team {TeamId}: shift {Shift} of {Date} planned with {People} people")]
    private partial void LogPlanned(int teamId, DateOnly date, int shift, int people);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Team {TeamId}: a shift plan was refused with {Issues} issues")]
    private partial void LogPlanRefused(int teamId, int issues);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Team {TeamId}: week copied, {Copied} entries copied, {Skipped} left out (past shifts or former members)")]
    private partial void LogWeekCopied(int teamId, int copied, int skipped);
}

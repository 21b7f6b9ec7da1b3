using Entry.Server.Data;
using Entry.Server.Features.Shifts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Assignment;

/// <summary>A team's pace: cases per clerk-hour over the shifts it logged cases in, or the configured rate until it has logged enough.</summary>
public sealed record TeamPace(int LoggedShifts, double ClerkHours, long Cases, double CasesPerClerkHour, bool Measured)
{
    /// <summary>
    /// The configured rate counts as <paramref name="priorClerkHours"/> clerk-hours of work at that rate, so a few shifts move
    /// the estimate only part of the way and many shifts make it the team's own.
    /// </summary>
    public static TeamPace Estimate(int loggedShifts, double clerkHours, long cases, double configuredRate, double priorClerkHours, int minLoggedShifts) =>
        loggedShifts < minLoggedShifts || clerkHours <= 0
            ? new(loggedShifts, clerkHours, cases, configuredRate, false)
            : new(loggedShifts, clerkHours, cases, (cases + configuredRate * priorClerkHours) / (clerkHours + priorClerkHours), true);
}

/// <summary>The last measured paces, shared by every request until the nightly plan (or their age) refreshes them.</summary>
public sealed class MeasuredPaceSnapshot
{
    public (IReadOnlyDictionary<int, TeamPace> Paces, DateTimeOffset At)? Current { get; set; }
}

/// <summary>
/// Measures each team's pace from its logged cases (one grouped read of the cases and one of the rosters over the last
/// <see cref="PlanningOptions.PaceWindowDays"/> days): the cases logged in its closed shifts over the clerk-hours rostered on them.
/// </summary>
public sealed class MeasuredPace(EntryDb db, TimeProvider time, IOptions<PlanningOptions> options, MeasuredPaceSnapshot snapshot)
{
    public async Task<IReadOnlyDictionary<int, TeamPace>> CurrentAsync(CancellationToken ct, bool refresh = false)
    {
        var now = time.GetUtcNow();
        if (!refresh && snapshot.Current is { } current && now - current.At < TimeSpan.FromMinutes(options.Value.PaceRefreshMinutes) && now >= current.At)
        {
            return current.Paces;
        }
        var paces = await MeasureAsync(now, ct);
        snapshot.Current = (paces, now);
        return paces;
    }

    private async Task<IReadOnlyDictionary<int, TeamPace>> MeasureAsync(DateTimeOffset now, CancellationToken ct)
    {
        var settings = options.Value;
        var from = ShiftCalendar.LocalDate(now).AddDays(-settings.PaceWindowDays);
        var logged = await db.CaseEntries.AsNoTracking()
            .Where(e => e.ShiftDate >= from)
            .GroupBy(e => new { e.TeamId, e.ShiftDate, e.Shift })
            .Select(g => new { g.Key.TeamId, g.Key.ShiftDate, g.Key.Shift, Cases = g.Count() })
            .ToListAsync(ct);
        var closed = logged.Where(l => ShiftCalendar.IsShift(l.Shift) && ShiftCalendar.End(l.ShiftDate, l.Shift) <= now).ToList();
        if (closed.Count == 0)
        {
            return new Dictionary<int, TeamPace>();
        }
        var rostered = (await db.RosterEntries.AsNoTracking()
                .Where(e => e.Date >= from)
                .GroupBy(e => new { e.TeamId, e.Date, e.Shift })
                .Select(g => new { g.Key.TeamId, g.Key.Date, g.Key.Shift, People = g.Count() })
                .ToListAsync(ct))
            .ToDictionary(r => (r.TeamId, r.Date, r.Shift), r => r.People);
        return closed.GroupBy(l => l.TeamId).ToDictionary(g => g.Key, g => TeamPace.Estimate(
            g.Count(),
            g.Sum(l => rostered.GetValueOrDefault((l.TeamId, l.ShiftDate, l.Shift)) * ShiftCalendar.Hours(l.Shift)),
            g.Sum(l => (long)l.Cases),
            settings.CasesPerClerkHour, settings.PriorClerkHours, settings.MinLoggedShifts));
    }
}

using System.Linq.Expressions;
using Entry.Server.Data;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Teams;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Rosters;

/// <summary>A member of a team as the roster sees them.</summary>
internal sealed record TeamPerson(int TeamId, string UserId, string UserName, MemberCategory Category);

/// <summary>One roster entry with the person's user name.</summary>
internal sealed record RosteredEntry(int TeamId, DateOnly Date, int Shift, string UserId, string UserName);

/// <summary>Reads rosters: a team's week, and every team's short shifts of a week, judged by <see cref="ShiftRules"/>.</summary>
public sealed class RosterReader(EntryDb db, TimeProvider time)
{
    public DateOnly Today => ShiftCalendar.LocalDate(time.GetUtcNow());

    public async Task<WeekRoster> WeekAsync(int teamId, DateOnly weekStart, CancellationToken ct)
    {
        var computers = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Computers).SingleAsync(ct);
        var members = await MembersAsync(db.TeamMembers.Where(m => m.TeamId == teamId), ct);
        var entries = await EntriesAsync(db.RosterEntries.Where(e => e.TeamId == teamId), weekStart, ct);
        return Week(teamId, weekStart, computers, members, entries);
    }

    /// <summary>Every team that passes <paramref name="readable"/> with its short shifts of the week: four queries whatever the number of teams.</summary>
    public async Task<List<TeamCoverage>> CoverageAsync(DateOnly weekStart, Expression<Func<Team, bool>> readable, CancellationToken ct)
    {
        var readableIds = db.Teams.Where(readable).Select(t => t.Id);
        var teams = await db.Teams.AsNoTracking().Where(readable)
            .OrderBy(t => t.Unit!.Level).ThenBy(t => t.UnitCode).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Name, t.UnitCode, t.Computers, MemberCount = t.Members.Count })
            .ToListAsync(ct);
        var members = (await MembersAsync(db.TeamMembers.Where(m => readableIds.Contains(m.TeamId)), ct)).ToLookup(m => m.TeamId);
        var entries = (await EntriesAsync(db.RosterEntries.Where(e => readableIds.Contains(e.TeamId)), weekStart, ct)).ToLookup(e => e.TeamId);
        return teams.Select(team =>
        {
            var week = Week(team.Id, weekStart, team.Computers, members[team.Id].ToList(), entries[team.Id].ToList());
            var shortShifts = week.Shifts.Where(s => s.Issues.Count > 0).ToList();
            return new TeamCoverage
            {
                TeamId = team.Id,
                TeamName = team.Name,
                UnitCode = team.UnitCode,
                IsComplete = team.MemberCount >= Team.FullSize,
                MemberCount = team.MemberCount,
                ShortShifts = shortShifts.Count,
                Short = shortShifts,
            };
        }).ToList();
    }

    internal static Task<List<TeamPerson>> MembersAsync(IQueryable<TeamMember> members, CancellationToken ct) =>
        members.AsNoTracking().Select(m => new TeamPerson(m.TeamId, m.UserId, m.User!.UserName!, m.Category)).ToListAsync(ct);

    private static Task<List<RosteredEntry>> EntriesAsync(IQueryable<RosterEntry> entries, DateOnly weekStart, CancellationToken ct)
    {
        var weekEnd = weekStart.AddDays(7);
        // By id: the order the shift was planned in.
        return entries.AsNoTracking()
            .Where(e => e.Date >= weekStart && e.Date < weekEnd)
            .OrderBy(e => e.Id)
            .Select(e => new RosteredEntry(e.TeamId, e.Date, e.Shift, e.UserId, e.User!.UserName!))
            .ToListAsync(ct);
    }

    internal static WeekRoster Week(int teamId, DateOnly weekStart, int computers, IReadOnlyList<TeamPerson> members, IReadOnlyList<RosteredEntry> entries)
    {
        var categories = members.ToDictionary(m => m.UserId, m => m.Category);
        var bySlot = entries.ToLookup(e => (e.Date, e.Shift));
        var shifts = ShiftCalendar.Week(weekStart).Select(slot => Shift(slot, bySlot[(slot.Date, slot.Shift)].ToList(), categories, computers)).ToList();
        return new WeekRoster
        {
            TeamId = teamId,
            WeekStart = weekStart,
            Shifts = shifts,
            ClerkHours = shifts.Sum(s => s.UserNames.Count * ShiftCalendar.Hours(s.Shift)),
        };
    }

    /// <summary>One shift judged with the team's current members: a person who has left the team shows as not a member.</summary>
    internal static RosterShift Shift(ShiftSlot slot, IReadOnlyList<RosteredEntry> entries, IReadOnlyDictionary<string, MemberCategory> categories, int computers)
    {
        var people = entries.Select(e => new RosteredPerson(e.UserName, categories.TryGetValue(e.UserId, out var c) ? c : null)).ToList();
        return new RosterShift
        {
            Date = slot.Date,
            Shift = slot.Shift,
            Starts = slot.Starts,
            Ends = slot.Ends,
            UserNames = people.Select(p => p.UserName).ToList(),
            Issues = ShiftRules.Check(people, computers),
        };
    }
}

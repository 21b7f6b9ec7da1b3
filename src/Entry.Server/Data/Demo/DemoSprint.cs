using Entry.Server.Features.Assignment;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Teams;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Data.Demo;

/// <summary>
/// The demo sprint: a 12-member team for the province, each district and each commune, a valid roster for this
/// week and the next, and the resulting assignment. The demo <c>leader</c> leads the team of Thành phố Đồng Xoài
/// (689) and the demo <c>clerk</c> works every shift of every day in it, so entry can be tried at any hour 06:00–22:00.
/// </summary>
public sealed partial class DemoSprint(
    EntryDb db, AssignmentService assignment, TimeProvider time, IOptions<DemoOptions> options, ILogger<DemoSprint> logger)
{
    public const string DemoTeamUnit = "689";
    public const int Computers = 6;
    public const int SprintDays = 30;

    // Members by index: 0–2 civil-registry officers (0 leads), 3–5 police officers, 6–11 others.
    private static MemberCategory CategoryOf(int index) => index switch
    {
        < 3 => MemberCategory.CivilRegistryOfficer,
        < 6 => MemberCategory.PoliceOfficer,
        _ => MemberCategory.Other,
    };

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Teams.AnyAsync(ct))
        {
            return;
        }
        var random = new Random(138);
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Level).ThenBy(u => u.Code).ToListAsync(ct);
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var demoLeader = await db.Users.SingleAsync(u => u.UserName == "leader", ct);
        var demoClerk = await db.Users.SingleAsync(u => u.UserName == "clerk", ct);
        // One hash for every generated member: hashing 1,476 passwords one by one would take a minute at start-up.
        var hash = new PasswordHasher<EntryUser>().HashPassword(demoClerk, options.Value.Password);

        var users = new List<EntryUser>();
        var userRoles = new List<IdentityUserRole<string>>();
        var teams = new List<(Team Team, List<(EntryUser User, MemberCategory Category)> Members)>();
        foreach (var unit in units)
        {
            var members = new List<(EntryUser, MemberCategory)>();
            for (var i = 0; i < Team.FullSize; i++)
            {
                EntryUser user;
                if (unit.Code == DemoTeamUnit && i == 0)
                {
                    user = demoLeader;
                }
                else if (unit.Code == DemoTeamUnit && i == Team.FullSize - 1)
                {
                    user = demoClerk;
                }
                else
                {
                    var name = $"u{unit.Code}-{i + 1:00}";
                    user = new EntryUser
                    {
                        UserName = name,
                        NormalizedUserName = name.ToUpperInvariant(),
                        DisplayName = DemoNames.Next(random),
                        UnitCode = unit.Code,
                        PasswordHash = hash,
                        SecurityStamp = Guid.NewGuid().ToString("N"),
                        ConcurrencyStamp = Guid.NewGuid().ToString(),
                        LockoutEnabled = true,
                    };
                    users.Add(user);
                    userRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[i == 0 ? Roles.TeamLeader : Roles.Clerk] });
                }
                members.Add((user, CategoryOf(i)));
            }
            var team = new Team { Name = $"Tổ nhập liệu {unit.Name}", UnitCode = unit.Code, Computers = Computers, LeaderId = members[0].Item1.Id };
            teams.Add((team, members));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await BulkInsert.InsertAsync(db, users, ct);
        await BulkInsert.InsertAsync(db, userRoles, ct);
        db.Teams.AddRange(teams.Select(t => t.Team));
        await db.SaveChangesAsync(ct);
        await BulkInsert.InsertAsync(db, teams.SelectMany(t => t.Members.Select(m => new TeamMember { TeamId = t.Team.Id, UserId = m.User.Id, Category = m.Category })), ct);

        var thisWeek = ShiftCalendar.WeekStart(ShiftCalendar.LocalDate(time.GetUtcNow()));
        var roster = teams.SelectMany(t => Roster(t.Team.Id, t.Members.Select(m => m.User.Id).ToList(), thisWeek, t.Members.Any(m => m.User == demoClerk) ? demoClerk.Id : null));
        await BulkInsert.InsertAsync(db, roster, ct);
        if (!await db.SprintSettings.AnyAsync(ct))
        {
            db.SprintSettings.Add(Settings(thisWeek));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();

        var summary = await assignment.RecomputeAsync(ct);
        LogSeeded(teams.Count, users.Count, summary.BooksAssigned, summary.ElapsedMilliseconds);
    }

    /// <summary>
    /// The demo sprint runs from the first rostered day (this week's Monday) for <see cref="SprintDays"/> days, with the
    /// report's target at 80 %: the demo plan projects 22–44 days, so the province shows as behind its end date.
    /// </summary>
    internal static SprintSettings Settings(DateOnly firstRosteredDay) => new()
    {
        StartDate = firstRosteredDay,
        EndDate = firstRosteredDay.AddDays(SprintDays),
        ReportTargetPercent = SprintSettingsStore.DefaultTargetPercent,
    };

    /// <summary>
    /// Every member works one shift a day: each shift gets one civil-registry officer, one police officer and two
    /// others (4 people, within the 6 computers). The demo clerk is added to every shift of the week.
    /// </summary>
    internal static IEnumerable<RosterEntry> Roster(int teamId, IReadOnlyList<string> memberIds, DateOnly thisWeek, string? everyShift)
    {
        for (var day = 0; day < 14; day++)
        {
            var date = thisWeek.AddDays(day);
            for (var s = 0; s < 3; s++)
            {
                var people = new List<string>
                {
                    memberIds[(s + day) % 3],
                    memberIds[3 + ((s + day) % 3)],
                    memberIds[6 + ((2 * s + day) % 6)],
                    memberIds[6 + ((2 * s + 1 + day) % 6)],
                };
                if (everyShift is not null && !people.Contains(everyShift))
                {
                    people.Add(everyShift);
                }
                foreach (var person in people)
                {
                    yield return new RosterEntry { TeamId = teamId, Date = date, Shift = s + 1, UserId = person };
                }
            }
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Demo sprint: {Teams} teams, {Users} members created, {Books} books queued (plan took {PlanMs} ms)")]
    private partial void LogSeeded(int teams, int users, int books, long planMs);
}

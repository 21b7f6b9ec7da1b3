using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Common.Cluster;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Teams;

/// <summary>A team's member list, kept by its leader or an Admin.</summary>
public static partial class MemberEndpoints
{
    public const int MaxDisplayNameLength = 100;
    public const int MaxPasswordLength = 128;

    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder group)
    {
        group.MapPost("/{teamId:int}/members", Add)
            .RequireRoles(Roles.Admin, Roles.TeamLeader)
            .ScopedToTeam()
            .ProducesValidationProblem()
            .WithSummary("Add a member: an existing clerk in no team, or a new clerk account (with displayName and password). At most 12 members.");
        group.MapPut("/{teamId:int}/members/{userName}", Update)
            .RequireRoles(Roles.Admin, Roles.TeamLeader)
            .ScopedToTeam()
            .ProducesValidationProblem()
            .WithSummary("Change a member's category (civilRegistryOfficer, policeOfficer, other).");
        group.MapDelete("/{teamId:int}/members/{userName}", Remove)
            .RequireRoles(Roles.Admin, Roles.TeamLeader)
            .ScopedToTeam()
            .ProducesValidationProblem()
            .WithSummary("Remove a member (not the leader) and their roster entries from the current shift on; the account stays.");
        return group;
    }

    private static async Task<Results<Ok<TeamDetail>, ProblemHttpResult, ForbidHttpResult>> Add(
        int teamId, AddMemberRequest request, ClaimsPrincipal caller, TeamAccess access, EntryDb db, UserManager<EntryUser> users,
        TeamDirectory teams, ILogger<TeamMember> logger, CancellationToken ct)
    {
        var scope = await access.ForAsync(caller, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanManage)
        {
            return TypedResults.Forbid();
        }
        if (!Enum.IsDefined(request.Category))
        {
            return Refusal.Invalid("category", Phrase.Of("team.category.unknown")).ToProblem();
        }
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            return Refusal.Invalid("userName", Phrase.Of("team.userName.required")).ToProblem();
        }
        var userName = request.UserName.Trim();
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => new { t.UnitCode, Members = t.Members.Count }).SingleAsync(ct);
        if (team.Members >= Team.FullSize)
        {
            return Refusal.Invalid("userName", Phrase.Of("team.full", teamId, Team.FullSize)).ToProblem();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByNameAsync(userName);
        if (user is not null)
        {
            var refusal = await RefuseExistingAsync(user, request, db, users, teamId, ct);
            if (refusal is not null)
            {
                return refusal.ToProblem();
            }
        }
        else
        {
            var errors = new Dictionary<string, Phrase[]>();
            var (displayName, displayProblem) = TextField.Clean(request.DisplayName, TextKind.Place, MaxDisplayNameLength, minLength: 2);
            if (displayName is null)
            {
                errors["displayName"] = [Phrase.Of("team.newUser.displayName", Echo.Value(userName))];
            }
            else if (displayProblem is not null)
            {
                errors["displayName"] = [displayProblem];
            }
            if (string.IsNullOrEmpty(request.Password))
            {
                errors["password"] = [Phrase.Of("team.newUser.password", Echo.Value(userName))];
            }
            else if (request.Password.Length > MaxPasswordLength)
            {
                errors["password"] = [Phrase.Of("team.password.tooLong", MaxPasswordLength)];
            }
            if (errors.Count > 0)
            {
                return Refusal.Invalid(errors).ToProblem();
            }
            user = new EntryUser { UserName = userName, DisplayName = displayName!, UnitCode = team.UnitCode, LockoutEnabled = true };
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
            {
                return Refusal.Invalid(created.Errors
                    .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName")
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray())).ToProblem();
            }
            var role = await users.AddToRoleAsync(user, Roles.Clerk);
            if (!role.Succeeded)
            {
                throw new InvalidOperationException($"Cannot give the Clerk role to a new user: {string.Join("; ", role.Errors.Select(e => e.Code))}");
            }
        }

        db.TeamMembers.Add(new TeamMember { TeamId = teamId, UserId = user.Id, Category = request.Category });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // TeamMembers.UserId is unique: another request put the person in a team since the check.
            return Refusal.Invalid("userName", Phrase.Of("team.justJoinedOther", user.UserName)).ToProblem();
        }
        if (await db.TeamMembers.CountAsync(m => m.TeamId == teamId, ct) > Team.FullSize)
        {
            // Another member was added since the check above; the transaction is rolled back.
            return Refusal.Invalid("userName", Phrase.Of("team.full", teamId, Team.FullSize)).ToProblem();
        }
        await tx.CommitAsync(ct);
        LogMemberAdded(logger, teamId, team.Members + 1);
        return TypedResults.Ok((await teams.DetailAsync(teamId, ct))!);
    }

    private static async Task<Refusal?> RefuseExistingAsync(
        EntryUser user, AddMemberRequest request, EntryDb db, UserManager<EntryUser> users, int teamId, CancellationToken ct)
    {
        if (request.DisplayName is not null || request.Password is not null)
        {
            return Refusal.Invalid("userName", Phrase.Of("team.userNameTaken", user.UserName));
        }
        if (!await users.IsInRoleAsync(user, Roles.Clerk))
        {
            return Refusal.Invalid("userName", Phrase.Of("team.notClerk", user.UserName));
        }
        return await TeamEndpoints.TeamOfUserAsync(db, user.Id, ct) switch
        {
            null => null,
            var other when other == teamId => Refusal.Invalid("userName", Phrase.Of("team.alreadyMember", user.UserName)),
            var other => Refusal.Invalid("userName", Phrase.Of("team.inOtherTeam", user.UserName, other)),
        };
    }

    private static async Task<Results<Ok<TeamDetail>, ProblemHttpResult, ForbidHttpResult>> Update(
        int teamId, string userName, UpdateMemberRequest request, ClaimsPrincipal caller, TeamAccess access, EntryDb db,
        UserManager<EntryUser> users, TeamDirectory teams, CancellationToken ct)
    {
        var scope = await access.ForAsync(caller, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanManage)
        {
            return TypedResults.Forbid();
        }
        if (!Enum.IsDefined(request.Category))
        {
            return Refusal.Invalid("category", Phrase.Of("team.category.unknown")).ToProblem();
        }
        var member = await FindMemberAsync(db, users, teamId, userName, ct);
        if (member is null)
        {
            return NotAMember(teamId, userName);
        }
        member.Category = request.Category;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await teams.DetailAsync(teamId, ct))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ForbidHttpResult>> Remove(
        int teamId, string userName, ClaimsPrincipal caller, TeamAccess access, EntryDb db, UserManager<EntryUser> users,
        ITeamRosters rosters, IOffRosterClaims claims, WriteGate writes, IClusterBus cluster, ILogger<TeamMember> logger,
        CancellationToken ct)
    {
        var scope = await access.ForAsync(caller, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanManage)
        {
            return TypedResults.Forbid();
        }
        var member = await FindMemberAsync(db, users, teamId, userName, ct);
        if (member is null)
        {
            return NotAMember(teamId, userName);
        }
        if (await db.Teams.AnyAsync(t => t.Id == teamId && t.LeaderId == member.UserId, ct))
        {
            return Refusal.Invalid("userName", Phrase.Of("team.leaderNotRemovable")).ToProblem();
        }

        // Shifts that have not ended yet lose the person (worked shifts stay as history) and the book the person holds is
        // released, in the same transaction, as at shift end; the write gate keeps a case or a claim of theirs from slipping
        // in between (the write paths also check membership and roster per request).
        int entries;
        IReadOnlyList<EndedClaim> ended;
        await using (var tx = await writes.BeginAsync(db, ct))
        {
            entries = await rosters.RemoveFromOpenShiftsAsync(teamId, member.UserId, ct);
            db.TeamMembers.Remove(member);
            await db.SaveChangesAsync(ct);
            ended = await claims.EndOffRosterAsync(teamId, ct);
            await tx.CommitAsync(ct);
        }
        LogMemberRemoved(logger, teamId, entries);
        // Their live connections followed the team: closed, they reconnect to what they may still see.
        await cluster.PublishAsync(new UserConnectionsClosed(member.UserId));
        await claims.PublishReleasedAsync(ended, ct);
        return TypedResults.NoContent();
    }

    private static async Task<TeamMember?> FindMemberAsync(EntryDb db, UserManager<EntryUser> users, int teamId, string userName, CancellationToken ct)
    {
        var normalized = users.NormalizeName(userName.Trim());
        return await db.TeamMembers.FirstOrDefaultAsync(m => m.TeamId == teamId && m.User!.NormalizedUserName == normalized, ct);
    }

    /// <summary>Names the route's user name as the field at fault, with the same sentence (what the browser app shows).</summary>
    private static ProblemHttpResult NotAMember(int teamId, string userName)
    {
        var notAMember = Phrase.Of("team.notAMember", Echo.Value(userName), teamId);
        return Refusal.NotFound(Phrase.Of("title.notAMember"), notAMember).WithErrors("userName", notAMember).ToProblem();
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Member added to team {TeamId}, now {MemberCount} members")]
    private static partial void LogMemberAdded(ILogger logger, int teamId, int memberCount);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Member removed from team {TeamId} with {RosterEntries} roster entries from the current shift on")]
    private static partial void LogMemberRemoved(ILogger logger, int teamId, int rosterEntries);
}

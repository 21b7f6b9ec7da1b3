using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Teams;

/// <summary>The entry teams: listed by Admins, monitors and leaders; created by Admins; kept by their leader.</summary>
public static partial class TeamEndpoints
{
    public const int MaxComputers = 100;
    public const int MaxNameLength = 200;

    public static RouteGroupBuilder MapTeams(this RouteGroupBuilder group)
    {
        group.WithTags("Teams");
        group.MapGet("/", List)
            .RequireRoles(Roles.Admin, Roles.Monitor, Roles.TeamLeader)
            .WithSummary("The teams the caller may read — an Admin every team, a Monitor those of their area, a leader their own — each with its unit, leader, member count and whether it is complete (12 members).");
        group.MapGet("/mine", Mine)
            .RequireRoles(Roles.TeamLeader, Roles.Clerk)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The caller's own team with its members; 404 when the caller is in no team.");
        group.MapGet("/{teamId:int}", Get)
            .RequireRoles(Roles.All.ToArray())
            .ScopedToTeam()
            .WithSummary("One team with its members: Admins any team, a Monitor a team of their area, a leader or clerk only their own.");
        group.MapPost("/", Create)
            .RequireRoles(Roles.Admin)
            .ProducesValidationProblem()
            .WithSummary("Create a team of a unit; its leader (an existing TeamLeader user in no team) becomes its first member.");
        group.MapPut("/{teamId:int}", Update)
            .RequireRoles(Roles.Admin, Roles.TeamLeader)
            .ScopedToTeam()
            .ProducesValidationProblem()
            .WithSummary("Rename a team and set its number of computers (an Admin, or the team's leader).");
        group.MapMembers();
        return group;
    }

    private static async Task<Ok<List<TeamSummary>>> List(ClaimsPrincipal user, TeamAccess access, TeamDirectory teams, CancellationToken ct) =>
        TypedResults.Ok(await teams.SummariesAsync(await access.ReadableAsync(user, ct), ct));

    private static async Task<Results<Ok<TeamDetail>, ProblemHttpResult>> Mine(
        ClaimsPrincipal user, TeamAccess access, TeamDirectory teams, CancellationToken ct)
    {
        if (await access.TeamOfAsync(user, ct) is { } teamId && await teams.DetailAsync(teamId, ct) is { } detail)
        {
            return TypedResults.Ok(detail);
        }
        return Refusal.NotFound(Phrase.Of("title.noTeam"), Phrase.Of("team.noTeam")).ToProblem();
    }

    private static async Task<Results<Ok<TeamDetail>, ProblemHttpResult, ForbidHttpResult>> Get(
        int teamId, ClaimsPrincipal user, TeamAccess access, TeamDirectory teams, CancellationToken ct)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanRead)
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok((await teams.DetailAsync(teamId, ct))!);
    }

    private static async Task<Results<Created<TeamDetail>, ProblemHttpResult>> Create(
        CreateTeamRequest request, EntryDb db, UserManager<EntryUser> users, TeamDirectory teams, ILogger<Team> logger, CancellationToken ct)
    {
        var (name, errors) = ValidateTeam(request.Name, request.Computers);
        if (string.IsNullOrWhiteSpace(request.UnitCode))
        {
            errors["unitCode"] = [Phrase.Of("team.unitCode.required")];
        }
        else if (!await db.Units.AnyAsync(u => u.Code == request.UnitCode.Trim(), ct))
        {
            errors["unitCode"] = [Phrase.Of("unit.unknown", request.UnitCode)];
        }
        if (!Enum.IsDefined(request.LeaderCategory))
        {
            errors["leaderCategory"] = [Phrase.Of("team.category.unknown")];
        }
        var leader = string.IsNullOrWhiteSpace(request.LeaderUserName) ? null : await users.FindByNameAsync(request.LeaderUserName.Trim());
        if (leader is null)
        {
            errors["leaderUserName"] = [string.IsNullOrWhiteSpace(request.LeaderUserName)
                ? Phrase.Of("team.leader.required")
                : Phrase.Of("team.leader.unknown", request.LeaderUserName)];
        }
        else if (!await users.IsInRoleAsync(leader, Roles.TeamLeader))
        {
            errors["leaderUserName"] = [Phrase.Of("team.leader.notLeader", leader.UserName)];
        }
        else if (await TeamOfUserAsync(db, leader.Id, ct) is { } other)
        {
            errors["leaderUserName"] = [Phrase.Of("team.inOtherTeam", leader.UserName, other)];
        }
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors).ToProblem();
        }

        var team = new Team { Name = name!, UnitCode = request.UnitCode.Trim(), Computers = request.Computers, LeaderId = leader!.Id };
        team.Members.Add(new TeamMember { UserId = leader.Id, Category = request.LeaderCategory });
        db.Teams.Add(team);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another request put the leader in a team between the check and the insert (TeamMembers.UserId is unique).
            return Refusal.Invalid("leaderUserName", Phrase.Of("team.justJoinedOther", leader.UserName)).ToProblem();
        }
        LogTeamCreated(logger, team.Id, team.UnitCode);
        return TypedResults.Created($"/api/teams/{team.Id}", (await teams.DetailAsync(team.Id, ct))!);
    }

    private static async Task<Results<Ok<TeamDetail>, ProblemHttpResult, ForbidHttpResult>> Update(
        int teamId, UpdateTeamRequest request, ClaimsPrincipal user, TeamAccess access, EntryDb db, TeamDirectory teams, CancellationToken ct)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanManage)
        {
            return TypedResults.Forbid();
        }
        var (name, errors) = ValidateTeam(request.Name, request.Computers);
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors).ToProblem();
        }
        var team = await db.Teams.SingleAsync(t => t.Id == teamId, ct);
        team.Name = name!;
        team.Computers = request.Computers;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await teams.DetailAsync(teamId, ct))!);
    }

    /// <summary>The team's name as stored (normalised like a place: letters, digits, punctuation) and the errors.</summary>
    private static (string? Name, Dictionary<string, Phrase[]> Errors) ValidateTeam(string? raw, int computers)
    {
        var errors = new Dictionary<string, Phrase[]>();
        var (name, problem) = TextField.Clean(raw, TextKind.Place, MaxNameLength);
        if (name is null)
        {
            errors["name"] = [Phrase.Of("team.name.required")];
        }
        else if (problem is not null)
        {
            errors["name"] = [problem];
        }
        if (computers is < 1 or > MaxComputers)
        {
            errors["computers"] = [Phrase.Of("team.computers.range", MaxComputers)];
        }
        return (name, errors);
    }

    /// <summary>The team a user belongs to, as a member or as its leader.</summary>
    internal static async Task<int?> TeamOfUserAsync(EntryDb db, string userId, CancellationToken ct) =>
        await db.TeamMembers.Where(m => m.UserId == userId).Select(m => (int?)m.TeamId).FirstOrDefaultAsync(ct)
        ?? await db.Teams.Where(t => t.LeaderId == userId).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Team {TeamId} created for unit {UnitCode}")]
    private static partial void LogTeamCreated(ILogger logger, int teamId, string unitCode);
}

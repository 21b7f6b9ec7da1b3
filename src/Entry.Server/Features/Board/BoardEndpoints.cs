using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Teams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.Board;

/// <summary>The team leader's live board: the REST snapshot the page loads before it follows the hub.</summary>
public static class BoardEndpoints
{
    public static RouteGroupBuilder MapBoard(this RouteGroupBuilder group)
    {
        group.WithTags("Teams");
        group.MapGet("/{teamId:int}/board", Get)
            .RequireRoles(Roles.Admin, Roles.Monitor, Roles.TeamLeader)
            .ScopedToTeam()
            .WithSummary("A team's board: who is on the open shift, the book each holds, cases this shift and in the last hour (the team's leader, Admins, monitors).");
        return group;
    }

    private static async Task<Results<Ok<TeamBoard>, ProblemHttpResult, ForbidHttpResult>> Get(
        int teamId, ClaimsPrincipal user, TeamAccess access, EntryDb db, TimeProvider time, CancellationToken ct)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        // Members read their own team elsewhere; the board is the leader's (and the campaign's overseers').
        if (!(scope.IsAdmin || scope.IsMonitor || scope.IsLeader))
        {
            return TypedResults.Forbid();
        }
        var board = await TeamBoardQuery.ReadAsync(db, teamId, time.GetUtcNow(), ct);
        return TypedResults.Ok(board with { QualityQueue = await Quality.QualityQueue.ReadAsync(db, teamId, ct) });
    }
}

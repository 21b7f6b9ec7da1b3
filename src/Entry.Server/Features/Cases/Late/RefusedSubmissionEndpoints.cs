using System.Linq.Expressions;
using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

/// <summary>Late arrivals the server refused, still waiting in their clerks' queues: for the team's leader and for the clerk.</summary>
public static class RefusedSubmissionEndpoints
{
    /// <summary>The most recent ones answered; older ones stay stored.</summary>
    public const int Limit = 200;

    /// <summary>GET /api/teams/{teamId}/refused-submissions, on the teams group.</summary>
    public static RouteGroupBuilder MapRefusedSubmissions(this RouteGroupBuilder group)
    {
        group.MapGet("/{teamId:int}/refused-submissions", OfTeam)
            .RequireRoles(Roles.Admin, Roles.TeamLeader, Roles.Clerk)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Entries")
            .WithSummary("Late cases and skips the server refused, still in their clerks' queues, newest first: the team's leader and Admins see all, a clerk of the team their own.");
        return group;
    }

    /// <summary>GET /api/entries/refused, on the entries group.</summary>
    public static RouteGroupBuilder MapMyRefusedSubmissions(this RouteGroupBuilder group)
    {
        group.MapGet("/refused", Mine)
            .RequireRoles(Roles.Clerk)
            .WithTags("Entries")
            .WithSummary("The clerk's own late cases and skips the server refused, newest first.");
        return group;
    }

    private static async Task<Results<Ok<List<RefusedSubmissionItem>>, ProblemHttpResult>> OfTeam(
        int teamId, ClaimsPrincipal user, TeamAccess access, EntryDb db, CancellationToken ct)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (scope.IsAdmin || scope.IsLeader)
        {
            return TypedResults.Ok(await ReadAsync(db, r => r.TeamId == teamId, ct));
        }
        if (scope.IsMember && user.IsInRole(Roles.Clerk))
        {
            var userId = TeamAccess.UserId(user);
            return TypedResults.Ok(await ReadAsync(db, r => r.TeamId == teamId && r.ClerkId == userId, ct));
        }
        return Refusal.Forbidden(Phrase.Of("title.notAllowed"), Phrase.Of("late.refused.forbidden"))
            .With("code", "refused_submissions_forbidden").ToProblem();
    }

    private static async Task<Ok<List<RefusedSubmissionItem>>> Mine(ClaimsPrincipal user, EntryDb db, CancellationToken ct)
    {
        var userId = TeamAccess.UserId(user);
        return TypedResults.Ok(await ReadAsync(db, r => r.ClerkId == userId, ct));
    }

    /// <summary>Those whose id has not been stored since (a retry that got in once the clerk held the book again).</summary>
    private static async Task<List<RefusedSubmissionItem>> ReadAsync(EntryDb db, Expression<Func<RefusedSubmission, bool>> which, CancellationToken ct)
    {
        var rows = await db.RefusedSubmissions.AsNoTracking().Where(which)
            .Where(r => !db.CaseEntries.Any(e => e.Id == r.Id))
            .Select(r => new { Row = r, r.Clerk!.UserName, r.Clerk.DisplayName })
            .ToListAsync(ct);
        // Ordered here: SQLite cannot order by a DateTimeOffset column.
        return rows.OrderByDescending(r => r.Row.LastRefusedAt).ThenBy(r => r.Row.BookCode).ThenBy(r => r.Row.EntryNumber).Take(Limit)
            .Select(r => new RefusedSubmissionItem(r.Row.Id, r.Row.Kind, r.Row.BookCode, r.Row.EntryNumber, r.Row.TypedAt, r.Row.Reason,
                r.UserName!, r.DisplayName, r.Row.FirstRefusedAt, r.Row.LastRefusedAt, r.Row.Attempts))
            .ToList();
    }
}

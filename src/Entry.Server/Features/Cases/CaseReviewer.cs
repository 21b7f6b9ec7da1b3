using Entry.Server.Common;
using System.Security.Claims;
using Entry.Server.Data;
using Entry.Server.Features.Teams;
using Entry.Shared.Auth;
using Entry.Shared.Teams;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

/// <summary>Who the caller is to a team's cases: the team's leader, one of its civil-registry officers, an Admin.</summary>
public sealed record CaseReviewer(string UserId, bool IsAdmin, bool IsLeader, bool IsOfficer)
{
    public static async Task<CaseReviewer> ForAsync(EntryDb db, ClaimsPrincipal user, int teamId, CancellationToken ct)
    {
        var userId = TeamAccess.UserId(user) ?? "";
        var isLeader = user.IsInRole(Roles.TeamLeader) && await db.Teams.AnyAsync(t => t.Id == teamId && t.LeaderId == userId, ct);
        // A civil-registry officer signs in as a clerk or as the team's leader.
        var isOfficer = (user.IsInRole(Roles.Clerk) || user.IsInRole(Roles.TeamLeader))
            && await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId && m.Category == MemberCategory.CivilRegistryOfficer, ct);
        return new CaseReviewer(userId, user.IsInRole(Roles.Admin), isLeader, isOfficer);
    }

    /// <summary>Whether the caller reviews any team's cases by the rules of <see cref="ForAsync"/>: what the app's menu offers.</summary>
    public static async Task<bool> ReviewsAnyTeamAsync(EntryDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }
        var userId = TeamAccess.UserId(user) ?? "";
        if (user.IsInRole(Roles.TeamLeader) && await db.Teams.AnyAsync(t => t.LeaderId == userId, ct))
        {
            return true;
        }
        return (user.IsInRole(Roles.Clerk) || user.IsInRole(Roles.TeamLeader))
            && await db.TeamMembers.AnyAsync(m => m.UserId == userId && m.Category == MemberCategory.CivilRegistryOfficer, ct);
    }
}

/// <summary>The gate of a team's review queues (verification, national corrections): its leader, its civil-registry officers, Admins.</summary>
public static class ReviewQueueAccess
{
    /// <summary>Null when the caller may see the team's queue; otherwise the 404 or 403 problem to answer.</summary>
    public static async Task<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult?> RefusalAsync(
        TeamAccess access, EntryDb db, ClaimsPrincipal user, int teamId, Common.Phrase queue, CancellationToken ct)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        var reviewer = await CaseReviewer.ForAsync(db, user, teamId, ct);
        return reviewer.IsAdmin || reviewer.IsLeader || reviewer.IsOfficer
            ? null
            : Refusal.Forbidden(Common.Phrase.Of("title.notAllowed"), Common.Phrase.Of("review.queue.forbidden", queue)).ToProblem();
    }
}

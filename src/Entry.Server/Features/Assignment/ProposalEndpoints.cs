using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Assignment;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.Assignment;

/// <summary>The planner's proposal of book moves (an Admin decides) and what-if staffing of a team.</summary>
public static class ProposalEndpoints
{
    public static RouteGroupBuilder MapProposal(this RouteGroupBuilder group)
    {
        group.MapGet("/proposal", Get)
            .RequireRoles(Roles.Admin, Roles.TeamLeader)
            .WithTags("Assignment")
            .WithSummary("Moves of whole books to other teams that bring the province's finish within the tolerance of its capacity lower bound (or why not), with the finish before and after; a leader sees the moves into and out of their team.");
        group.MapPost("/proposal/accept", Accept)
            .RequireRoles(Roles.Admin)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithTags("Assignment")
            .WithSummary("Accept the proposal, all of it (all) or the moves named (moveIds): each book goes to its team by an Admin's decision and the province is planned again.");
        group.MapGet("/what-if", WhatIf)
            .RequireRoles(Roles.Admin, Roles.TeamLeader)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Assignment")
            .WithSummary("A team's and the province's finish if the team had more rostered clerks per shift or more computers (a shift holds at most the team's computers and 12 people); a leader asks for their own team.");
        return group;
    }

    private static async Task<Ok<ProposalResponse>> Get(ClaimsPrincipal user, ProposalService proposals, TeamAccess access, CancellationToken ct)
    {
        var (proposal, _) = await proposals.ProposeAsync(ct);
        return TypedResults.Ok(user.IsInRole(Roles.Admin) ? proposal : ProposalService.OfTeam(proposal, await access.TeamOfAsync(user, ct)));
    }

    private static async Task<Results<Ok<AcceptProposalResponse>, ProblemHttpResult>> Accept(AcceptProposalRequest request, ProposalService proposals, CancellationToken ct)
    {
        var (accepted, refusal) = await proposals.AcceptAsync(request, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(accepted!);
    }

    private static async Task<Results<Ok<WhatIfResponse>, ProblemHttpResult, ForbidHttpResult>> WhatIf(
        ClaimsPrincipal user, ProposalService proposals, TeamAccess access, CancellationToken ct, int teamId = 0, int extraClerks = 0, int extraComputers = 0)
    {
        if (!user.IsInRole(Roles.Admin))
        {
            var scope = await access.ForAsync(user, teamId, ct);
            if (scope.Exists && !scope.CanManage)
            {
                return TypedResults.Forbid();
            }
        }
        var (answer, refusal) = await proposals.WhatIfAsync(teamId, extraClerks, extraComputers, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(answer!);
    }
}

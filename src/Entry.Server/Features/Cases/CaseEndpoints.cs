using System.Security.Claims;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Entry.Server.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.Cases;

public static class CaseEndpoints
{
    public static RouteGroupBuilder MapCases(this RouteGroupBuilder group)
    {
        group.WithTags("Entries");
        group.MapPost("/", Log)
            .ProducesValidationProblem()
            .RequireRoles(Roles.Clerk)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Log one case of the book the clerk holds on their open shift; a retry with the same id and body answers 200 with the first result.");
        return group.MapMyCases().MapCaseReview();
    }

    private static async Task<Results<Created<CaseEntryResult>, Ok<CaseEntryResult>, ProblemHttpResult>> Log(
        CaseEntryRequest request, ClaimsPrincipal user, CaseRecorder recorder, CancellationToken ct) =>
        Answer(await recorder.RecordAsync(request, TeamAccess.UserId(user)!, ct));

    /// <summary>A new entry's answer: 201 when stored now, 200 with the first result for a retry, else the refusal.</summary>
    internal static Results<Created<CaseEntryResult>, Ok<CaseEntryResult>, ProblemHttpResult> Answer((CaseStored? Stored, Refusal? Refusal) answer) =>
        answer switch
        {
            ({ IsReplay: false } stored, _) => TypedResults.Created($"/api/entries/{stored.Result.Id}", stored.Result),
            ({ } replayed, _) => TypedResults.Ok(replayed.Result),
            (_, var refusal) => refusal!.ToProblem(),
        };
}

using System.Security.Claims;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.Cases;

public static class CaseEndpoints
{
    public static RouteGroupBuilder MapCases(this RouteGroupBuilder group)
    {
        group.WithTags("Entries");
        group.MapPost("/", Log)
            .RequireRoles(Roles.Clerk)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Log one case of the book the clerk holds on their open shift; a retry with the same id and body answers 200 with the first result.");
        return group.MapCaseReview();
    }

    private static async Task<Results<Created<CaseEntryResult>, Ok<CaseEntryResult>, ValidationProblem, ProblemHttpResult>> Log(
        CaseEntryRequest request, ClaimsPrincipal user, CaseRecorder recorder, CancellationToken ct)
    {
        var answer = await recorder.RecordAsync(request, TeamAccess.UserId(user)!, ct);
        return answer.Outcome switch
        {
            EntryOutcome.Created => TypedResults.Created($"/api/entries/{answer.Result!.Id}", answer.Result),
            EntryOutcome.Replayed => TypedResults.Ok(answer.Result!),
            EntryOutcome.Invalid => TypedResults.ValidationProblem(answer.Errors!),
            EntryOutcome.Forbidden => TypedResults.Problem(answer.Detail, statusCode: StatusCodes.Status403Forbidden, title: answer.Title),
            _ => TypedResults.Problem(answer.Detail, statusCode: StatusCodes.Status409Conflict, title: answer.Title,
                extensions: new Dictionary<string, object?> { ["errors"] = answer.Errors }),
        };
    }
}

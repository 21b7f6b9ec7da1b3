using System.Security.Claims;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.CountReports;

public static class CountReportEndpoints
{
    /// <summary><c>POST /api/books/{bookCode}/count-report</c>.</summary>
    public static RouteGroupBuilder MapCountReporting(this RouteGroupBuilder group)
    {
        group.MapPost("/{bookCode}/count-report", Report)
            .RequireRoles(Roles.Clerk, Roles.TeamLeader)
            .WithTags("Count reports")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The clerk holding the book or its team's leader reports that it holds another number of cases than the inventory.");
        return group;
    }

    /// <summary><c>/api/count-reports</c>: the Admin's list and decisions.</summary>
    public static RouteGroupBuilder MapCountReports(this RouteGroupBuilder group)
    {
        group.WithTags("Count reports").RequireRoles(Roles.Admin);
        group.MapGet("/", List).WithSummary("Count reports, oldest first; status=pending|accepted|rejected filters them.");
        group.MapPost("/{id:long}/accept", Accept)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Take the reported count (or caseCount) as the book's case count; the target follows.");
        group.MapPost("/{id:long}/reject", Reject)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Keep the inventory's count, with a reason.");
        return group;
    }

    private static async Task<Results<Created<CountReportDto>, ValidationProblem, ProblemHttpResult>> Report(
        string bookCode, CountReportRequest request, ClaimsPrincipal user, CountReportDesk desk, CancellationToken ct)
    {
        var (report, problem) = await desk.ReportAsync(bookCode, request, user, ct);
        if (problem is null)
        {
            return TypedResults.Created($"/api/count-reports/{report!.Id}", report);
        }
        return problem.Status == StatusCodes.Status400BadRequest ? Invalid(problem) : Refused(problem);
    }

    private static async Task<Results<Ok<List<CountReportDto>>, ValidationProblem>> List(string? status, CountReportDesk desk, CancellationToken ct)
    {
        CountReportStatus? filter = status?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "pending" => CountReportStatus.Pending,
            "accepted" => CountReportStatus.Accepted,
            "rejected" => CountReportStatus.Rejected,
            _ => (CountReportStatus)(-1),
        };
        if (filter is (CountReportStatus)(-1))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["The status is pending, accepted or rejected."] });
        }
        return TypedResults.Ok(await desk.ListAsync(filter, null, ct));
    }

    private static async Task<Results<Ok<CountReportDto>, ValidationProblem, ProblemHttpResult>> Accept(
        long id, CountDecisionRequest request, ClaimsPrincipal user, CountReportDesk desk, CancellationToken ct) =>
        Answer(await desk.AcceptAsync(id, request, TeamAccess.UserId(user)!, ct));

    private static async Task<Results<Ok<CountReportDto>, ValidationProblem, ProblemHttpResult>> Reject(
        long id, CountDecisionRequest request, ClaimsPrincipal user, CountReportDesk desk, CancellationToken ct) =>
        Answer(await desk.RejectAsync(id, request, TeamAccess.UserId(user)!, ct));

    private static Results<Ok<CountReportDto>, ValidationProblem, ProblemHttpResult> Answer((CountReportDto? Report, ReviewProblem? Problem) answer) =>
        answer.Problem switch
        {
            null => TypedResults.Ok(answer.Report!),
            { Status: StatusCodes.Status400BadRequest } problem => Invalid(problem),
            { } problem => Refused(problem),
        };

    private static ValidationProblem Invalid(ReviewProblem problem) => TypedResults.ValidationProblem(problem.Errors!, problem.Detail, title: problem.Title);

    private static ProblemHttpResult Refused(ReviewProblem problem) => TypedResults.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title,
        extensions: problem.Errors is null ? null : new Dictionary<string, object?> { ["errors"] = problem.Errors });
}

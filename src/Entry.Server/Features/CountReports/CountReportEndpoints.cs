using System.Security.Claims;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Entry.Server.Common;
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
        group.MapGet("/", List).ProducesValidationProblem().WithSummary("Count reports, oldest first; status=pending|accepted|rejected filters them.");
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
        string bookCode, CountReportRequest request, ClaimsPrincipal user, CountReportService desk, CancellationToken ct)
    {
        var (report, refusal) = await desk.ReportAsync(bookCode, request, user, ct);
        return refusal is null ? TypedResults.Created($"/api/count-reports/{report!.Id}", report) : refusal.ToProblem();
    }

    private static async Task<Results<Ok<List<CountReportDto>>, ProblemHttpResult>> List(string? status, CountReportService desk, CancellationToken ct)
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
            return Refusal.Invalid("status", Phrase.Of("countReport.status.unknown")).ToProblem();
        }
        return TypedResults.Ok(await desk.ListAsync(filter, null, ct));
    }

    private static async Task<Results<Ok<CountReportDto>, ValidationProblem, ProblemHttpResult>> Accept(
        long id, CountDecisionRequest request, ClaimsPrincipal user, CountReportService desk, CancellationToken ct) =>
        Answer(await desk.AcceptAsync(id, request, TeamAccess.UserId(user)!, ct));

    private static async Task<Results<Ok<CountReportDto>, ValidationProblem, ProblemHttpResult>> Reject(
        long id, CountDecisionRequest request, ClaimsPrincipal user, CountReportService desk, CancellationToken ct) =>
        Answer(await desk.RejectAsync(id, request, TeamAccess.UserId(user)!, ct));

    private static Results<Ok<CountReportDto>, ValidationProblem, ProblemHttpResult> Answer((CountReportDto? Report, Refusal? Refusal) answer) =>
        answer.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(answer.Report!);
}

using System.Globalization;
using System.Security.Claims;
using Entry.Server.Data;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Entry.Server.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

/// <summary>Skipped entry numbers, a case with its history, corrections, the verification queue and verifications.</summary>
public static class ReviewEndpoints
{
    public static RouteGroupBuilder MapCaseReview(this RouteGroupBuilder group)
    {
        group.MapPost("/skip", Skip)
            .ProducesValidationProblem()
            .RequireRoles(Roles.Clerk)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Skip an entry number of the held book with a reason; a retry with the same id and body answers 200 with the first result.");
        group.MapGet("/{id:guid}", Get)
            .RequireRoles(Roles.Admin, Roles.TeamLeader, Roles.Clerk)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A stored case with its history: the clerk who logged it, its team's leader and civil-registry officers, Admins.");
        group.MapPut("/{id:guid}", Correct)
            .ProducesValidationProblem()
            .RequireRoles(Roles.Clerk, Roles.TeamLeader)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Correct a case (If-Match: \"version\" optional): its clerk while holding the book on the open shift, or a civil-registry officer of the team.");
        group.MapPost("/{id:guid}/verify", Verify)
            .ProducesValidationProblem()
            .RequireRoles(Roles.Clerk, Roles.TeamLeader)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A civil-registry officer of the team confirms a flagged case, as it is (no correction) or corrected.");
        return group;
    }

    public static RouteGroupBuilder MapVerificationQueue(this RouteGroupBuilder group)
    {
        group.MapGet("/{teamId:int}/verification", Queue)
            .RequireRoles(Roles.Admin, Roles.TeamLeader, Roles.Clerk)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Entries")
            .WithSummary("The team's flagged cases, oldest first: its leader, its civil-registry officers, Admins.");
        return group;
    }

    private static async Task<Results<Created<CaseEntryResult>, Ok<CaseEntryResult>, ProblemHttpResult>> Skip(
        SkipEntryRequest request, ClaimsPrincipal user, SkipRecorder recorder, CancellationToken ct) =>
        CaseEndpoints.Answer(await recorder.SkipAsync(request, TeamAccess.UserId(user)!, ct));

    private static async Task<Results<Ok<CaseEntryDetails>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, CaseReview review, CancellationToken ct) =>
        Answer(await review.GetAsync(id, user, ct));

    private static async Task<Results<Ok<CaseEntryDetails>, ProblemHttpResult>> Correct(
        Guid id, CaseEntryRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, CaseReview review, CancellationToken ct)
    {
        if (!TryVersion(ifMatch, out var version))
        {
            return BadIfMatch();
        }
        return Answer(await review.CorrectAsync(id, request, version, user, ct));
    }

    private static async Task<Results<Ok<CaseEntryDetails>, ProblemHttpResult>> Verify(
        Guid id, VerifyRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, CaseReview review, CancellationToken ct)
    {
        if (!TryVersion(ifMatch, out var version))
        {
            return BadIfMatch();
        }
        return Answer(await review.VerifyAsync(id, request, version, user, ct));
    }

    private static async Task<Results<Ok<List<VerificationItem>>, ProblemHttpResult>> Queue(
        int teamId, ClaimsPrincipal user, TeamAccess access, EntryDb db, CancellationToken ct)
    {
        if (await ReviewQueueAccess.RefusalAsync(access, db, user, teamId, Phrase.Of("queue.verification"), ct) is { } refusal)
        {
            return refusal;
        }
        var rows = await db.CaseEntries.AsNoTracking()
            .Where(e => e.TeamId == teamId && e.Status == CaseStatus.Flagged)
            .Select(e => new { e.Id, e.Book!.Code, e.Type, e.EntryNumber, e.Page, e.VerificationReason, e.Clerk!.DisplayName, e.StoredAt })
            .ToListAsync(ct);
        // Ordered here: SQLite cannot order by a DateTimeOffset column.
        return TypedResults.Ok(rows.OrderBy(r => r.StoredAt).ThenBy(r => r.Code).ThenBy(r => r.EntryNumber)
            .Select(r => new VerificationItem(r.Id, r.Code, r.Type, r.EntryNumber, r.Page, r.VerificationReason, r.DisplayName, r.StoredAt))
            .ToList());
    }

    private static Results<Ok<CaseEntryDetails>, ProblemHttpResult> Answer((CaseEntryDetails? Details, Refusal? Refusal) answer) =>
        answer.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(answer.Details!);

    /// <summary>An absent header or <c>*</c> asks for no check; otherwise the version, quoted or not (a weak <c>W/</c> prefix is ignored).</summary>
    private static bool TryVersion(string? ifMatch, out int? version)
    {
        version = null;
        var value = ifMatch?.Trim();
        if (string.IsNullOrEmpty(value) || value == "*")
        {
            return true;
        }
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        if (int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
            return true;
        }
        return false;
    }

    private static ProblemHttpResult BadIfMatch() => Refusal.Invalid("If-Match", Phrase.Of("review.ifMatch")).ToProblem();
}

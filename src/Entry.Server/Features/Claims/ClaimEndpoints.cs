using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.Claims;

public static class ClaimEndpoints
{
    /// <summary>POST /api/claims/next, GET /api/claims/mine.</summary>
    public static RouteGroupBuilder MapClaims(this RouteGroupBuilder group)
    {
        group.WithTags("Claims");
        group.MapPost("/next", Next)
            .RequireRoles(Roles.Clerk)
            .WithSummary("A clerk on the open shift claims the next book of their team's queue.");
        group.MapGet("/mine", Mine)
            .RequireRoles(Roles.Clerk)
            .WithSummary("The book the clerk holds, with the cases logged so far.");
        return group;
    }

    /// <summary>POST /api/books/{bookCode}/claim and /release, on the books group.</summary>
    public static RouteGroupBuilder MapBookClaims(this RouteGroupBuilder group)
    {
        group.MapPost("/{bookCode}/claim", Claim)
            .RequireRoles(Roles.Clerk)
            .WithTags("Claims")
            .WithSummary("A clerk on the open shift claims a chosen book of their team's queue; one clerk per book.");
        group.MapPost("/{bookCode}/release", Release)
            .RequireRoles(Roles.Clerk)
            .WithTags("Claims")
            .WithSummary("Give a held book back to the team's queue.");
        return group;
    }

    private static async Task<Results<Ok<ClaimedBook>, ProblemHttpResult>> Next(ClaimsPrincipal user, ClaimService claims, CancellationToken ct) =>
        Answer(await claims.ClaimNextAsync(TeamAccess.UserId(user)!, ct));

    private static async Task<Results<Ok<ClaimedBook>, ProblemHttpResult>> Claim(string bookCode, ClaimsPrincipal user, ClaimService claims, CancellationToken ct) =>
        Answer(await claims.ClaimAsync(TeamAccess.UserId(user)!, bookCode, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Release(string bookCode, ClaimsPrincipal user, ClaimService claims, CancellationToken ct) =>
        await claims.ReleaseAsync(TeamAccess.UserId(user)!, bookCode, ct) is { } refusal ? refusal.ToProblem() : TypedResults.NoContent();

    private static async Task<Results<Ok<ClaimedBook>, ProblemHttpResult>> Mine(ClaimsPrincipal user, ClaimService claims, CancellationToken ct) =>
        await claims.DescribeAsync(TeamAccess.UserId(user)!, ct) is { } book
            ? TypedResults.Ok(book)
            : Refusal.NotFound(Phrase.Of("title.noBookHeld"), Phrase.Of("claim.noBookHeld")).ToProblem();

    private static Results<Ok<ClaimedBook>, ProblemHttpResult> Answer((ClaimedBook? Book, Refusal? Refusal) outcome) =>
        outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(outcome.Book!);
}

using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Assignment;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Assignment;

public static class AssignmentEndpoints
{
    public static RouteGroupBuilder MapAssignment(this RouteGroupBuilder group)
    {
        group.WithTags("Assignment");
        group.MapPost("/recompute", Recompute)
            .RequireRoles(Roles.Admin)
            .WithSummary("Plan every team's queue now (it also runs every night); books being worked and books an Admin placed stay where they are.");
        group.MapPost("/move", Move)
            .RequireRoles(Roles.Admin)
            .ProducesValidationProblem()
            .WithSummary("Give books to a team by an Admin's decision; the plan keeps them there.");
        group.MapGet("/projection", Projection)
            .RequireRoles(Roles.Admin, Roles.Monitor, Roles.TeamLeader)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The projected finish date of the province and of each unit (with its subtree) from the current rosters and rate; a district Monitor gets their district's units, and the district's date in place of the province's.");
        return group;
    }

    private static async Task<Ok<AssignmentSummary>> Recompute(AssignmentService assignment, CancellationToken ct) =>
        TypedResults.Ok(await assignment.RecomputeAsync(ct));

    private static async Task<Results<Ok<ProjectionResponse>, ProblemHttpResult>> Projection(
        ClaimsPrincipal user, MonitorAreas areas, FinishProjection projections, TeamAccess access, EntryDb db, CancellationToken ct)
    {
        var area = await areas.OfReaderAsync(user, ct);
        if (area.SeesNothing)
        {
            return AreaRefusals.NoArea().ToProblem();
        }
        var projection = await projections.ProjectAsync(area.OnlyDistrict, ct);
        // The bottleneck names teams: a caller sees only the teams they may read (a leader their own, a district Monitor the district's).
        var readable = (await db.Teams.AsNoTracking().Where(await access.ReadableAsync(user, ct)).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        IReadOnlyList<BottleneckTeam> Visible(IReadOnlyList<BottleneckTeam> teams) => teams.Where(t => readable.Contains(t.TeamId)).ToList();
        return TypedResults.Ok(projection with
        {
            Bottleneck = Visible(projection.Bottleneck),
            Units = projection.Units.Select(u => u.Bottleneck.Count == 0 ? u : u with { Bottleneck = Visible(u.Bottleneck) }).ToList(),
        });
    }

    /// <summary>More books than any unit holds (the largest district holds a few thousand).</summary>
    public const int MaxBooksPerMove = 10_000;

    private static async Task<Results<NoContent, ProblemHttpResult>> Move(MoveBooksRequest request, EntryDb db, CancellationToken ct)
    {
        if (request.BookCodes is not { Count: > 0 })
        {
            return Refusal.Invalid("bookCodes", Phrase.Of("assignment.bookCodes.required")).ToProblem();
        }
        if (request.BookCodes.Count > MaxBooksPerMove)
        {
            return Refusal.Invalid("bookCodes", Phrase.Of("assignment.bookCodes.tooMany", MaxBooksPerMove, request.BookCodes.Count)).ToProblem();
        }
        if (!await db.Teams.AnyAsync(t => t.Id == request.TeamId, ct))
        {
            return Refusal.Invalid("teamId", Phrase.Of("assignment.teamId.unknown", request.TeamId)).ToProblem();
        }
        var codes = request.BookCodes.Distinct(BookCodes.Comparer).ToList();
        var wellFormed = codes.Where(BookCodes.IsValid).ToList();
        var books = await db.Books.Where(b => wellFormed.Contains(b.Code)).ToListAsync(ct);
        var unknown = codes.Except(books.Select(b => b.Code), BookCodes.Comparer).ToList();
        if (unknown.Count > 0)
        {
            return Refusal.Invalid("bookCodes", Phrase.Of("assignment.bookCodes.unknown", Echo.List(unknown))).ToProblem();
        }
        var busy = books.Where(b => b.Status != BookStatus.NotStarted && b.TeamId != request.TeamId).Select(b => b.Code).ToList();
        if (busy.Count > 0)
        {
            return Refusal.Conflict(Phrase.Of("title.booksInProgress"), Phrase.Of("assignment.booksInProgress", Echo.List(busy))).ToProblem();
        }
        var end = await db.Books.Where(b => b.TeamId == request.TeamId).MaxAsync(b => (int?)b.QueuePosition, ct) ?? 0;
        foreach (var book in books.Where(b => b.TeamId != request.TeamId || !b.AssignedByAdmin))
        {
            if (book.TeamId != request.TeamId)
            {
                book.QueuePosition = ++end;
            }
            book.TeamId = request.TeamId;
            book.AssignedByAdmin = true;
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

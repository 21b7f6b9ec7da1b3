using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Assignment;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Assignment;

/// <summary>A team's book queue: read by the team, its leader, Admins and monitors; reordered by its leader.</summary>
public static class QueueEndpoints
{
    public static RouteGroupBuilder MapQueues(this RouteGroupBuilder group)
    {
        group.MapGet("/{teamId:int}/queue", Get)
            .RequireRoles(Roles.All.ToArray())
            .ProducesValidationProblem()
            .WithTags("Assignment")
            .WithSummary("The team's queue of books in order, with capacity and projected finish; paged.");
        group.MapPut("/{teamId:int}/queue/{bookCode}", Move)
            .RequireRoles(Roles.Admin, Roles.TeamLeader)
            .ProducesValidationProblem()
            .WithTags("Assignment")
            .WithSummary("Move a book to another place in its team's queue (the team's leader or an Admin). The nightly plan restores the order of work.");
        return group;
    }

    private static async Task<Results<Ok<TeamQueue>, ProblemHttpResult, ForbidHttpResult>> Get(
        int teamId, ClaimsPrincipal user, TeamAccess access, EntryDb db, TeamCapacity capacity, CancellationToken ct, int page = 1, int pageSize = 50)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanRead)
        {
            return TypedResults.Forbid();
        }
        if (page < 1 || pageSize is < 1 or > 500)
        {
            return (page < 1 ? Refusal.Invalid("page", Phrase.Of("queue.page.min")) : Refusal.Invalid("pageSize", Phrase.Of("queue.pageSize.range"))).ToProblem();
        }

        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.UnitCode).FirstAsync(ct);
        var weekly = (await capacity.WeeklyCasesAsync(ct, teamId)).GetValueOrDefault(teamId);
        var books = await db.Books.AsNoTracking()
            .Where(b => b.TeamId == teamId && b.Status != BookStatus.Finished)
            .OrderBy(b => b.QueuePosition)
            .Select(BookProjections.ToDto)
            .ToListAsync(ct);

        long cumulative = 0;
        var queued = new List<QueuedBook>(books.Count);
        foreach (var (book, index) in books.Select((b, i) => (b, i)))
        {
            cumulative += book.CaseCount;
            queued.Add(new QueuedBook
            {
                Position = index + 1,
                Book = book,
                OwnUnit = book.UnitCode == team,
                ProjectedFinish = capacity.FinishDate(cumulative, weekly),
            });
        }
        return TypedResults.Ok(new TeamQueue
        {
            TeamId = teamId,
            Books = books.Count,
            RemainingCases = cumulative,
            WeeklyCapacityCases = weekly,
            ProjectedFinish = capacity.FinishDate(cumulative, weekly),
            Page = page,
            PageSize = pageSize,
            Items = queued.Skip((page - 1) * pageSize).Take(pageSize).ToList(),
        });
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ForbidHttpResult>> Move(
        int teamId, string bookCode, MoveInQueueRequest request, ClaimsPrincipal user, TeamAccess access, EntryDb db, CancellationToken ct)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanManage)
        {
            return TypedResults.Forbid();
        }
        var queue = await db.Books.Where(b => b.TeamId == teamId && b.Status != BookStatus.Finished).OrderBy(b => b.QueuePosition).ToListAsync(ct);
        var book = queue.FirstOrDefault(b => BookCodes.Comparer.Equals(b.Code, bookCode));
        if (book is null)
        {
            return Refusal.NotFound(Phrase.Of("title.notInQueue"), Phrase.Of("queue.notInQueue", bookCode, teamId)).ToProblem();
        }
        if (request.Position < 1 || request.Position > queue.Count)
        {
            return Refusal.Invalid("position", Phrase.Of("queue.position.range", queue.Count)).ToProblem();
        }
        queue.Remove(book);
        queue.Insert(request.Position - 1, book);
        for (var i = 0; i < queue.Count; i++)
        {
            queue[i].QueuePosition = i + 1;
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

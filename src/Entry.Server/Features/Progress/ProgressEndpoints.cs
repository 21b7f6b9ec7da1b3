using Entry.Server.Data;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Progress;

public static class ProgressEndpoints
{
    public static RouteGroupBuilder MapProgress(this RouteGroupBuilder group)
    {
        group.WithTags("Progress");
        group.MapGet("/", Get)
            .RequireRoles(Roles.Admin, Roles.Monitor, Roles.TeamLeader)
            .WithSummary("Province totals toward the target, by type and by district.");
        return group;
    }

    private static async Task<Ok<ProgressResponse>> Get(EntryDb db, CancellationToken ct)
    {
        // Counted per request for now; counters kept in the entry's own transaction replace this (issue 4, item 5).
        var groups = await db.Books.AsNoTracking()
            .GroupBy(b => new { b.Unit!.DistrictCode, b.Type, b.Status })
            .Select(g => new { g.Key.DistrictCode, g.Key.Type, g.Key.Status, Books = g.Count(), Cases = g.Sum(b => (long)b.CaseCount) })
            .ToListAsync(ct);
        var entries = await db.CaseEntries.AsNoTracking()
            .GroupBy(e => new { e.Book!.Unit!.DistrictCode, e.Type, e.NeedsVerification })
            .Select(g => new { g.Key.DistrictCode, g.Key.Type, g.Key.NeedsVerification, Count = g.LongCount() })
            .ToListAsync(ct);
        var districts = await db.Units.AsNoTracking()
            .Where(u => u.ParentCode != null && u.DistrictCode == u.Code)
            .OrderBy(u => u.Code)
            .Select(u => new { u.Code, u.Name })
            .ToListAsync(ct);

        return TypedResults.Ok(new ProgressResponse
        {
            Target = groups.Sum(g => g.Cases),
            Entered = entries.Sum(e => e.Count),
            Flagged = entries.Where(e => e.NeedsVerification).Sum(e => e.Count),
            Verified = 0,
            Synced = 0,
            Rejected = 0,
            BooksTotal = groups.Sum(g => g.Books),
            BooksNotStarted = groups.Where(g => g.Status == BookStatus.NotStarted).Sum(g => g.Books),
            BooksInProgress = groups.Where(g => g.Status == BookStatus.InProgress).Sum(g => g.Books),
            BooksFinished = groups.Where(g => g.Status == BookStatus.Finished).Sum(g => g.Books),
            ByType = Enum.GetValues<BookType>()
                .Select(t => new TypeProgress(t, groups.Where(g => g.Type == t).Sum(g => g.Cases), entries.Where(e => e.Type == t).Sum(e => e.Count), 0))
                .ToList(),
            ByDistrict = districts
                .Select(d => new UnitProgress(d.Code, d.Name, groups.Where(g => g.DistrictCode == d.Code).Sum(g => g.Cases), entries.Where(e => e.DistrictCode == d.Code).Sum(e => e.Count), 0))
                .ToList(),
        });
    }
}

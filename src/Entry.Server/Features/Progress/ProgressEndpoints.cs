using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
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
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Province totals toward the target, by type and by district; a district Monitor gets the same shape for their district only.");
        return group;
    }

    private static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> Get(
        ClaimsPrincipal user, MonitorAreas areas, EntryDb db, ProgressCounters counters, CancellationToken ct)
    {
        // Admins, province Monitors and team leaders see the province; a district Monitor the same shape for their district.
        var area = await areas.OfReaderAsync(user, ct);
        if (area.SeesNothing)
        {
            return AreaRefusals.NoArea().ToProblem();
        }
        var only = area.OnlyDistrict;

        // The inventory is grouped here (book counts change rarely); entered, flagged and verified come from the counters.
        var groups = await db.Books.AsNoTracking()
            .Where(b => only == null || b.Unit!.DistrictCode == only)
            .GroupBy(b => new { b.Unit!.DistrictCode, b.Type, b.Status })
            .Select(g => new { g.Key.DistrictCode, g.Key.Type, g.Key.Status, Books = g.Count(), Cases = g.Sum(b => (long)b.CaseCount) })
            .ToListAsync(ct);
        var totals = await counters.ReadAsync([only is null ? ScopeKey.Province.Name : ScopeKey.District(only).Name], ct);
        var byDistrict = (only is null ? await counters.ReadKindAsync(ScopeKind.District, ct) : totals).ToLookup(c => c.Scope);
        var districts = await db.Units.AsNoTracking()
            .Where(u => u.ParentCode != null && u.DistrictCode == u.Code && (only == null || u.Code == only))
            .OrderBy(u => u.Code)
            .Select(u => new { u.Code, u.Name })
            .ToListAsync(ct);

        return TypedResults.Ok(new ProgressResponse
        {
            Target = groups.Sum(g => g.Cases),
            Entered = totals.Sum(c => c.Entered),
            Flagged = totals.Sum(c => c.Flagged),
            Verified = totals.Sum(c => c.Verified),
            Synced = totals.Sum(c => c.Synced),
            Rejected = totals.Sum(c => c.Rejected),
            BooksTotal = groups.Sum(g => g.Books),
            BooksNotStarted = groups.Where(g => g.Status == BookStatus.NotStarted).Sum(g => g.Books),
            BooksInProgress = groups.Where(g => g.Status == BookStatus.InProgress).Sum(g => g.Books),
            BooksFinished = groups.Where(g => g.Status == BookStatus.Finished).Sum(g => g.Books),
            ByType = Enum.GetValues<BookType>()
                .Select(t => new TypeProgress(t, groups.Where(g => g.Type == t).Sum(g => g.Cases), totals.Where(c => c.Type == t).Sum(c => c.Entered), totals.Where(c => c.Type == t).Sum(c => c.Synced)))
                .ToList(),
            ByDistrict = districts
                .Select(d => new UnitProgress(d.Code, d.Name, groups.Where(g => g.DistrictCode == d.Code).Sum(g => g.Cases), byDistrict[ScopeKey.District(d.Code).Name].Sum(c => c.Entered), byDistrict[ScopeKey.District(d.Code).Name].Sum(c => c.Synced)))
                .ToList(),
        });
    }
}

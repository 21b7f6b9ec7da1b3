using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Units;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Units;

public static class UnitEndpoints
{
    public static RouteGroupBuilder MapUnits(this RouteGroupBuilder group)
    {
        group.WithTags("Units");
        group.MapGet("/", Tree)
            .RequireRoles(Roles.All.ToArray())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The unit tree (province → districts → communes) with the books and cases each holds and its subtree's totals per type; a district Monitor gets their district (with its communes) as the tree's root.");
        return group;
    }

    private static async Task<Results<Ok<List<UnitNode>>, ProblemHttpResult>> Tree(ClaimsPrincipal user, MonitorAreas areas, EntryDb db, CancellationToken ct)
    {
        var area = await areas.OfReaderAsync(user, ct);
        if (area.SeesNothing)
        {
            return AreaRefusals.NoArea().ToProblem();
        }
        var district = area.OnlyDistrict;
        var units = await db.Units.AsNoTracking().Where(u => district == null || u.DistrictCode == district).ToListAsync(ct);
        var holdings = await db.Books.AsNoTracking()
            .Where(b => district == null || b.Unit!.DistrictCode == district)
            .GroupBy(b => new { b.UnitCode, b.Type })
            .Select(g => new Holding(g.Key.UnitCode, g.Key.Type, g.Count(), g.Sum(b => b.CaseCount)))
            .ToListAsync(ct);
        return TypedResults.Ok(UnitTree.Build(units, holdings));
    }
}

public sealed record Holding(string UnitCode, BookType Type, int Books, int Cases);

/// <summary>Builds the unit tree with per-unit and per-subtree totals from the units and their holdings.</summary>
public static class UnitTree
{
    /// <summary>The tree of <paramref name="units"/>; a unit whose parent is not among them is a root.</summary>
    public static List<UnitNode> Build(IReadOnlyList<AdministrativeUnit> units, IReadOnlyList<Holding> holdings)
    {
        var children = units.Where(u => u.ParentCode is not null).ToLookup(u => u.ParentCode!);
        var own = holdings.ToLookup(h => h.UnitCode);
        // The roots: the province, or — for units of one district only — the district itself.
        var codes = units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        return units.Where(u => u.ParentCode is null || !codes.Contains(u.ParentCode)).OrderBy(u => u.Code, StringComparer.Ordinal).Select(Node).ToList();

        UnitNode Node(AdministrativeUnit unit)
        {
            var kids = children[unit.Code].OrderBy(u => u.Code, StringComparer.Ordinal).Select(Node).ToList();
            var mine = own[unit.Code].ToList();
            var byType = Enum.GetValues<BookType>()
                .Select(t => new TypeTotals(
                    t,
                    mine.Where(h => h.Type == t).Sum(h => h.Books) + kids.Sum(k => k.ByType[(int)t].Books),
                    mine.Where(h => h.Type == t).Sum(h => h.Cases) + kids.Sum(k => k.ByType[(int)t].Cases)))
                .ToList();
            return new UnitNode
            {
                Code = unit.Code,
                Name = unit.Name,
                Kind = unit.Kind,
                Level = unit.Level,
                ParentCode = unit.ParentCode,
                OwnBooks = mine.Sum(h => h.Books),
                OwnCases = mine.Sum(h => h.Cases),
                Books = byType.Sum(t => t.Books),
                Cases = byType.Sum(t => t.Cases),
                ByType = byType,
                Children = kids,
            };
        }
    }
}

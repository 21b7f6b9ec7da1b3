using Entry.Server.Data;
using Entry.Server.Features.Progress;
using Entry.Shared.Books;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Dashboard;

/// <summary>A place's figures: its totals, per type, and one row per unit of its table, with the counters read alongside.</summary>
public sealed record DashboardTable(DashboardPlace Place, ProgressFigures Totals, BookCounts Books, IReadOnlyList<DashboardTypeRow> ByType,
    IReadOnlyList<DashboardUnitRow> Rows, ILookup<string, ProgressCounter> Counters)
{
    /// <summary>Entered + skipped in some other scopes read with the table (shifts, days).</summary>
    public long DoneIn(string scope) => Counters[scope].Sum(c => c.Entered + c.Skipped);
}

/// <summary>
/// Reads a <see cref="DashboardTable"/> with two queries: the place's books grouped by row, type and status (the targets and
/// book counts; never the cases table), and the counters of the place, its rows and any extra scopes, in one statement.
/// </summary>
public sealed class DashboardTableReader(EntryDb db, ProgressCounters counters)
{
    private sealed record BookGroup(string RowCode, BookType Type, BookStatus Status, int Books, long Cases);

    private sealed record RowPlan(string Code, string Name, Shared.Units.UnitLevel Level, string Scope, bool OwnBooksOnly, bool HasChildren);

    public async Task<DashboardTable> ReadAsync(DashboardPlace place, UnitTree tree, IReadOnlyCollection<string> extraScopes, CancellationToken ct)
    {
        var groups = await BookGroupsAsync(place, tree, ct);
        var plans = Rows(place, tree);
        var scopes = plans.Select(p => p.Scope).Append(place.Scope).Concat(extraScopes).Distinct(StringComparer.Ordinal).ToList();
        var read = (await counters.ReadAsync(scopes, ct)).ToLookup(c => c.Scope, StringComparer.Ordinal);

        var rowGroups = groups.ToLookup(g => g.RowCode, StringComparer.Ordinal);
        var rows = plans.Select(p => new DashboardUnitRow(p.Code, p.Name, p.Level, p.Scope, p.OwnBooksOnly, p.HasChildren,
            Figures(read[p.Scope], rowGroups[p.Code].Sum(g => g.Cases)), Counts(rowGroups[p.Code]))).ToList();
        var own = read[place.Scope].ToList();
        var byType = Enum.GetValues<BookType>()
            .Select(t => new DashboardTypeRow(t, Figures(own.Where(c => c.Type == t), groups.Where(g => g.Type == t).Sum(g => g.Cases))))
            .ToList();
        return new DashboardTable(place, Figures(own, groups.Sum(g => g.Cases)), Counts(groups), byType, rows, read);
    }

    public static ProgressFigures Figures(IEnumerable<ProgressCounter> of, long target)
    {
        var rows = of as IReadOnlyCollection<ProgressCounter> ?? of.ToList();
        return new ProgressFigures(target, rows.Sum(c => c.Entered), rows.Sum(c => c.Flagged), rows.Sum(c => c.Verified), rows.Sum(c => c.Skipped),
            rows.Sum(c => c.Synced), rows.Sum(c => c.Rejected));
    }

    private static BookCounts Counts(IEnumerable<BookGroup> of)
    {
        var groups = of.ToList();
        int Of(BookStatus status) => groups.Where(g => g.Status == status).Sum(g => g.Books);
        return new BookCounts(groups.Sum(g => g.Books), Of(BookStatus.NotStarted), Of(BookStatus.InProgress), Of(BookStatus.Finished));
    }

    /// <summary>The place's books, grouped by the row that shows them: the district (for the province) or the holding unit.</summary>
    private async Task<List<BookGroup>> BookGroupsAsync(DashboardPlace place, UnitTree tree, CancellationToken ct)
    {
        var books = db.Books.AsNoTracking();
        if (place.Kind == PlaceKind.Province)
        {
            var perDistrict = await books
                .GroupBy(b => new { b.Unit!.DistrictCode, b.Type, b.Status })
                .Select(g => new { g.Key.DistrictCode, g.Key.Type, g.Key.Status, Books = g.Count(), Cases = g.Sum(b => (long)b.CaseCount) })
                .ToListAsync(ct);
            return perDistrict.Select(g => new BookGroup(g.DistrictCode ?? tree.Root.Code, g.Type, g.Status, g.Books, g.Cases)).ToList();
        }
        var code = place.Code;
        books = place.Kind == PlaceKind.District ? books.Where(b => b.Unit!.DistrictCode == code) : books.Where(b => b.UnitCode == code);
        var perUnit = await books
            .GroupBy(b => new { b.UnitCode, b.Type, b.Status })
            .Select(g => new { g.Key.UnitCode, g.Key.Type, g.Key.Status, Books = g.Count(), Cases = g.Sum(b => (long)b.CaseCount) })
            .ToListAsync(ct);
        return perUnit.Select(g => new BookGroup(RowOf(g.UnitCode, place, tree), g.Type, g.Status, g.Books, g.Cases)).ToList();
    }

    /// <summary>In a district's table a unit's books show on the row of its ancestor just under the district (or the district's own row).</summary>
    private static string RowOf(string unitCode, DashboardPlace place, UnitTree tree)
    {
        var unit = tree.Find(unitCode);
        while (unit is not null && unit.ParentCode is { } parent && parent != place.Code && unit.Code != place.Code)
        {
            unit = tree.Find(parent);
        }
        return unit?.Code ?? unitCode;
    }

    private static List<RowPlan> Rows(DashboardPlace place, UnitTree tree)
    {
        switch (place.Kind)
        {
            case PlaceKind.Province:
                var root = tree.Root;
                return tree.ChildrenOf(root.Code).Where(u => u.IsDistrict)
                    .Select(d => new RowPlan(d.Code, d.Name, d.Level, ScopeKey.District(d.Code).Name, false, tree.HasChildren(d.Code)))
                    .Prepend(new RowPlan(root.Code, root.Name, root.Level, ScopeKey.Unit(root.Code).Name, true, false))
                    .ToList();
            case PlaceKind.District:
                return tree.ChildrenOf(place.Code)
                    .Select(u => new RowPlan(u.Code, u.Name, u.Level, ScopeKey.Unit(u.Code).Name, false, tree.HasChildren(u.Code)))
                    .Prepend(new RowPlan(place.Code, place.Name, place.Level, ScopeKey.Unit(place.Code).Name, true, false))
                    .ToList();
            default:
                return [];
        }
    }
}

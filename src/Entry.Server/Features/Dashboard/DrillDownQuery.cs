using Entry.Server.Data;
using Entry.Server.Features.Progress;
using Entry.Shared.Books;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Dashboard;

/// <summary>The drill-down below the dashboard's table: a unit's row with the rows under it, and a unit's own books.</summary>
public sealed class DrillDownQuery(EntryDb db, DashboardTableReader tables, ProgressCounters counters)
{
    public async Task<UnitDrillDown> UnitAsync(DashboardPlace place, UnitTree tree, CancellationToken ct)
    {
        var table = await tables.ReadAsync(place, tree, [], ct);
        var row = new DashboardUnitRow(place.Code, place.Name, place.Level, place.Scope, OwnBooksOnly: false, tree.HasChildren(place.Code),
            table.Totals, table.Books);
        return new UnitDrillDown(row, table.Rows);
    }

    /// <summary>The books the unit holds itself, in the order of work, with their counters read in one query.</summary>
    public async Task<IReadOnlyList<DashboardBookRow>> BooksAsync(string unitCode, CancellationToken ct)
    {
        var books = await db.Books.AsNoTracking()
            .Where(b => b.UnitCode == unitCode)
            .OrderBy(b => b.Type).ThenBy(b => b.Condition).ThenBy(b => b.RegisteredFrom).ThenBy(b => b.Code)
            .Select(b => new
            {
                b.Id, b.Code, b.Type, b.Status, b.RegisteredFrom, b.CaseCount,
                TeamName = db.Teams.Where(t => t.Id == b.TeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var read = (await counters.ReadAsync(books.Select(b => ScopeKey.Book(b.Id).Name).ToList(), ct)).ToLookup(c => c.Scope, StringComparer.Ordinal);
        return books.Select(b => new DashboardBookRow(b.Code, b.Type, b.Status, b.RegisteredFrom.Year,
            DashboardTableReader.Figures(read[ScopeKey.Book(b.Id).Name], b.CaseCount), b.TeamName)).ToList();
    }
}

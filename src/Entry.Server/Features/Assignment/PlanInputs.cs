using Entry.Server.Data;
using Entry.Server.Features.Progress;
using Entry.Shared.Books;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Assignment;

/// <summary>What the planner plans: the unit tree, every team with its capacity, every open book with what is left of it.</summary>
public sealed record PlanInputs(IReadOnlyList<PlanUnit> Units, IReadOnlyList<PlanTeam> Teams, IReadOnlyList<PlanBook> Books, Dictionary<int, double> Capacities);

public sealed class PlanInputReader(EntryDb db, TeamCapacity capacity, ProgressCounters counters)
{
    public async Task<PlanInputs> ReadAsync(CancellationToken ct, bool refreshPace = false)
    {
        if (refreshPace)
        {
            await capacity.PacesAsync(ct, refresh: true);
        }
        var units = await db.Units.AsNoTracking().Select(u => new PlanUnit(u.Code, u.ParentCode)).ToListAsync(ct);
        var capacities = await capacity.WeeklyCasesAsync(ct);
        var teams = (await db.Teams.AsNoTracking().Select(t => new { t.Id, t.UnitCode }).ToListAsync(ct))
            .Select(t => new PlanTeam(t.Id, t.UnitCode, capacities.GetValueOrDefault(t.Id)))
            .ToList();
        var books = await db.Books.AsNoTracking()
            .Where(b => b.Status != BookStatus.Finished)
            .Select(b => new PlanBook(b.Id, b.Code, b.UnitCode, b.Type, b.Condition, b.RegisteredFrom, b.CaseCount, b.TeamId, b.QueuePosition,
                b.Status == BookStatus.InProgress || b.AssignedByAdmin, b.AssignedByAdmin && b.Status != BookStatus.InProgress))
            .ToListAsync(ct);
        var worked = books.Where(b => b.Locked && !b.ByAdmin).Select(b => b.Id).ToList();
        if (worked.Count > 0)
        {
            var scopes = worked.ToDictionary(id => ScopeKey.Book(id).Name, id => id, StringComparer.Ordinal);
            var doneIn = (await counters.ReadAsync(scopes.Keys, ct))
                .GroupBy(c => scopes[c.Scope])
                .ToDictionary(g => g.Key, g => g.Sum(c => c.Entered + c.Skipped));
            books = books.Select(b => doneIn.TryGetValue(b.Id, out var done) ? b with { Cases = (int)Math.Max(0, b.Cases - done) } : b).ToList();
        }
        return new PlanInputs(units, teams, books, capacities);
    }
}

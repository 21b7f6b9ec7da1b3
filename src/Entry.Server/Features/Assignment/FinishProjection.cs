using Entry.Server.Data;
using Entry.Server.Features.Progress;
using Entry.Shared.Assignment;
using Entry.Shared.Books;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Assignment;

/// <summary>
/// The one projected finish of the campaign: the dashboard, the teams page and <c>GET /api/assignment/projection</c> all read
/// it here. Each open book is done when its team has entered what is left of it and of every book before it in the queue, at
/// the team's weekly capacity (rostered clerk-hours × cases per clerk-hour); a unit finishes with the last book of its subtree.
/// </summary>
public sealed class FinishProjection(EntryDb db, TeamCapacity capacity, ProgressCounters counters)
{
    /// <summary>
    /// The province's projection, or for <paramref name="district"/> only that district's units, with the district's date in
    /// place of the province's.
    /// </summary>
    public async Task<ProjectionResponse> ProjectAsync(string? district, CancellationToken ct, Dictionary<int, double>? capacities = null)
    {
        var projection = await ProjectProvinceAsync(capacities, ct);
        if (district is null)
        {
            return projection;
        }
        var inDistrict = (await db.Units.AsNoTracking().Where(u => u.DistrictCode == district).Select(u => u.Code).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var units = projection.Units.Where(u => inDistrict.Contains(u.UnitCode)).ToList();
        return new ProjectionResponse
        {
            ProvinceProjectedFinish = units.FirstOrDefault(u => u.UnitCode == district)?.ProjectedFinish,
            Units = units,
        };
    }

    private async Task<ProjectionResponse> ProjectProvinceAsync(Dictionary<int, double>? capacities, CancellationToken ct)
    {
        capacities ??= await capacity.WeeklyCasesAsync(ct);
        var today = capacity.Today;
        var units = await db.Units.AsNoTracking().Select(u => new { u.Code, u.Name, u.Level, u.ParentCode }).ToListAsync(ct);
        var books = await db.Books.AsNoTracking()
            .Where(b => b.Status != BookStatus.Finished)
            .Select(b => new { b.Id, b.UnitCode, b.TeamId, b.QueuePosition, b.CaseCount, b.Status })
            .ToListAsync(ct);
        var doneInBook = await DoneInBooksAsync(books.Where(b => b.Status == BookStatus.InProgress).Select(b => b.Id).ToList(), ct);

        var done = new Dictionary<string, (long Cases, double Weeks)>();
        foreach (var queue in books.GroupBy(b => b.TeamId))
        {
            var weekly = queue.Key is { } teamId ? capacities.GetValueOrDefault(teamId) : 0;
            long cumulative = 0;
            foreach (var book in queue.OrderBy(b => b.QueuePosition))
            {
                var left = Math.Max(0, book.CaseCount - doneInBook.GetValueOrDefault(book.Id));
                cumulative += left;
                var weeks = cumulative == 0 ? 0 : queue.Key is null || weekly <= 0 ? double.PositiveInfinity : cumulative / weekly;
                var (cases, latest) = done.GetValueOrDefault(book.UnitCode);
                done[book.UnitCode] = (cases + left, Math.Max(latest, weeks));
            }
        }

        DateOnly? Finish(double weeks) => double.IsInfinity(weeks) ? null : today.AddDays((int)Math.Ceiling(weeks * 7));
        var children = units.Where(u => u.ParentCode is not null).ToLookup(u => u.ParentCode!);
        var byCode = units.ToDictionary(u => u.Code);
        var result = new List<UnitProjection>();
        (long Cases, double Weeks) Subtree(string code)
        {
            var (cases, weeks) = done.GetValueOrDefault(code);
            foreach (var child in children[code])
            {
                var (c, w) = Subtree(child.Code);
                cases += c;
                weeks = Math.Max(weeks, w);
            }
            var unit = byCode[code];
            result.Add(new UnitProjection { UnitCode = code, Name = unit.Name, Level = unit.Level, RemainingCases = cases, ProjectedFinish = Finish(weeks) });
            return (cases, weeks);
        }

        DateOnly? province = null;
        foreach (var root in units.Where(u => u.ParentCode is null))
        {
            province = Finish(Subtree(root.Code).Weeks);
        }
        return new ProjectionResponse
        {
            ProvinceProjectedFinish = province,
            Units = result.OrderBy(u => u.Level).ThenBy(u => u.UnitCode, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The entered and skipped entry numbers of books being worked, from their counters (one read).</summary>
    private async Task<Dictionary<int, long>> DoneInBooksAsync(IReadOnlyList<int> bookIds, CancellationToken ct)
    {
        if (bookIds.Count == 0)
        {
            return [];
        }
        var scopes = bookIds.ToDictionary(id => ScopeKey.Book(id).Name, id => id, StringComparer.Ordinal);
        return (await counters.ReadAsync(scopes.Keys, ct))
            .GroupBy(c => scopes[c.Scope])
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Entered + c.Skipped));
    }
}

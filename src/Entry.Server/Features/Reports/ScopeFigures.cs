using Entry.Server.Data;
using Entry.Server.Features.Progress;
using Entry.Shared.Books;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Reports;

/// <summary>The figures of one scope and type: the inventory of its books and its progress counters.</summary>
public sealed record ScopeFigure(string Scope, BookType Type, long Target, int Books, int BooksFinished,
    long Entered, long Flagged, long Verified, long Skipped, long Synced, long Rejected);

/// <summary>
/// The figures of every scope of the unit tree now — <c>province</c>, each <c>district:{code}</c> (its subtree) and each
/// <c>unit:{code}</c> (its own books) — per type: one grouped read of the books and one read of the counters.
/// </summary>
public sealed class ScopeFigures(EntryDb db)
{
    public async Task<IReadOnlyList<ScopeFigure>> NowAsync(CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Code, u.DistrictCode, u.ParentCode }).ToListAsync(ct);
        var inventory = await db.Books.AsNoTracking()
            .GroupBy(b => new { b.UnitCode, b.Type })
            .Select(g => new
            {
                g.Key.UnitCode,
                g.Key.Type,
                Books = g.Count(),
                Finished = g.Count(b => b.Status == BookStatus.Finished),
                Cases = g.Sum(b => (long)b.CaseCount),
            })
            .ToListAsync(ct);
        var (provinceName, districtPrefix, unitPrefix) = (ScopeKey.Province.Name, ScopeKey.Prefix(ScopeKind.District), ScopeKey.Prefix(ScopeKind.Unit));
        var counters = await db.ProgressCounters.AsNoTracking()
            .Where(c => c.Scope == provinceName || c.Scope.StartsWith(districtPrefix) || c.Scope.StartsWith(unitPrefix))
            .ToDictionaryAsync(c => (c.Scope, c.Type), ct);

        var districtOf = units.ToDictionary(u => u.Code, u => u.DistrictCode);
        var books = new Dictionary<(string Scope, BookType Type), (long Cases, int Books, int Finished)>();
        void Add(string scope, BookType type, long cases, int count, int finished)
        {
            var sum = books.GetValueOrDefault((scope, type));
            books[(scope, type)] = (sum.Cases + cases, sum.Books + count, sum.Finished + finished);
        }
        foreach (var g in inventory)
        {
            Add(ScopeKey.Unit(g.UnitCode).Name, g.Type, g.Cases, g.Books, g.Finished);
            if (districtOf.GetValueOrDefault(g.UnitCode) is { } district)
            {
                Add(ScopeKey.District(district).Name, g.Type, g.Cases, g.Books, g.Finished);
            }
            Add(ScopeKey.Province.Name, g.Type, g.Cases, g.Books, g.Finished);
        }

        var scopes = new List<string> { ScopeKey.Province.Name };
        scopes.AddRange(units.Where(u => u.ParentCode is not null && u.DistrictCode == u.Code).Select(u => ScopeKey.District(u.Code).Name));
        scopes.AddRange(units.Select(u => ScopeKey.Unit(u.Code).Name));
        return scopes
            .SelectMany(scope => Enum.GetValues<BookType>().Select(type =>
            {
                var inv = books.GetValueOrDefault((scope, type));
                var c = counters.GetValueOrDefault((scope, type));
                return new ScopeFigure(scope, type, inv.Cases, inv.Books, inv.Finished,
                    c?.Entered ?? 0, c?.Flagged ?? 0, c?.Verified ?? 0, c?.Skipped ?? 0, c?.Synced ?? 0, c?.Rejected ?? 0);
            }))
            .ToList();
    }
}

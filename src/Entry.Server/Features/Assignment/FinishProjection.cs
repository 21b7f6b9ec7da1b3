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
        var own = units.FirstOrDefault(u => u.UnitCode == district);
        return new ProjectionResponse
        {
            ProvinceProjectedFinish = own?.ProjectedFinish,
            RemainingCases = own?.RemainingCases ?? 0,
            WeeklyCapacityCases = own?.WeeklyCapacityCases ?? 0,
            LowerBoundFinish = own?.LowerBoundFinish,
            Bottleneck = own?.Bottleneck ?? [],
            TeamsAtMeasuredPace = projection.TeamsAtMeasuredPace,
            Units = units,
        };
    }

    private async Task<ProjectionResponse> ProjectProvinceAsync(Dictionary<int, double>? capacities, CancellationToken ct)
    {
        capacities ??= await capacity.WeeklyCasesAsync(ct);
        var paces = await capacity.PacesAsync(ct);
        var today = capacity.Today;
        var units = await db.Units.AsNoTracking().Select(u => new { u.Code, u.Name, u.Level, u.ParentCode }).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name, t.UnitCode }).ToListAsync(ct);
        var books = await db.Books.AsNoTracking()
            .Where(b => b.Status != BookStatus.Finished)
            .Select(b => new { b.Id, b.UnitCode, b.TeamId, b.QueuePosition, b.CaseCount, b.Status })
            .ToListAsync(ct);
        var doneInBook = await DoneInBooksAsync(books.Where(b => b.Status == BookStatus.InProgress).Select(b => b.Id).ToList(), ct);

        // Per unit: its remaining cases, and when its last book is done and by which teams.
        var done = new Dictionary<string, Latest>();
        foreach (var queue in books.GroupBy(b => b.TeamId))
        {
            var weekly = queue.Key is { } teamId ? capacities.GetValueOrDefault(teamId) : 0;
            long cumulative = 0;
            foreach (var book in queue.OrderBy(b => b.QueuePosition))
            {
                var left = Math.Max(0, book.CaseCount - doneInBook.GetValueOrDefault(book.Id));
                cumulative += left;
                var weeks = cumulative == 0 ? 0 : queue.Key is null || weekly <= 0 ? double.PositiveInfinity : cumulative / weekly;
                done[book.UnitCode] = done.GetValueOrDefault(book.UnitCode, Latest.None).With(left, weeks, queue.Key);
            }
        }
        var teamCapacityOfUnit = teams.GroupBy(t => t.UnitCode).ToDictionary(g => g.Key, g => g.Sum(t => capacities.GetValueOrDefault(t.Id)));
        var teamById = teams.ToDictionary(t => t.Id);

        DateOnly? Finish(double weeks) => PlanFigures.Date(today, weeks);
        IReadOnlyList<BottleneckTeam> Named(Latest latest) => latest.Weeks <= 0 ? [] : latest.Teams
            .Where(teamById.ContainsKey)
            .Select(id => new BottleneckTeam { TeamId = id, TeamName = teamById[id].Name, UnitCode = teamById[id].UnitCode, ProjectedFinish = Finish(latest.Weeks) })
            .OrderBy(t => t.TeamId).ToList();

        var children = units.Where(u => u.ParentCode is not null).ToLookup(u => u.ParentCode!);
        var byCode = units.ToDictionary(u => u.Code);
        var result = new List<UnitProjection>();
        (Latest Latest, double Capacity) Subtree(string code)
        {
            var latest = done.GetValueOrDefault(code, Latest.None);
            var weekly = teamCapacityOfUnit.GetValueOrDefault(code);
            foreach (var child in children[code])
            {
                var (l, c) = Subtree(child.Code);
                latest = latest.Merge(l);
                weekly += c;
            }
            var unit = byCode[code];
            result.Add(new UnitProjection
            {
                UnitCode = code, Name = unit.Name, Level = unit.Level, RemainingCases = latest.Cases, ProjectedFinish = Finish(latest.Weeks),
                WeeklyCapacityCases = Math.Round(weekly, 1), LowerBoundFinish = Finish(PlanFigures.Weeks(latest.Cases, weekly)), Bottleneck = Named(latest),
            });
            return (latest, weekly);
        }

        UnitProjection? province = null;
        foreach (var root in units.Where(u => u.ParentCode is null))
        {
            Subtree(root.Code);
            province = result[^1];
        }
        return new ProjectionResponse
        {
            ProvinceProjectedFinish = province?.ProjectedFinish,
            RemainingCases = province?.RemainingCases ?? 0,
            WeeklyCapacityCases = province?.WeeklyCapacityCases ?? 0,
            LowerBoundFinish = province?.LowerBoundFinish,
            Bottleneck = province?.Bottleneck ?? [],
            TeamsAtMeasuredPace = paces.Count(p => p.Value.Measured && teamById.ContainsKey(p.Key)),
            Units = result.OrderBy(u => u.Level).ThenBy(u => u.UnitCode, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>A place's remaining cases and when its last book is done, by which teams (a book with no team: none named).</summary>
    private sealed record Latest(long Cases, double Weeks, IReadOnlyList<int> Teams)
    {
        public static readonly Latest None = new(0, 0, []);

        public Latest With(long cases, double weeks, int? team) => Take(Cases + cases, weeks, team is { } id ? [id] : []);

        public Latest Merge(Latest other) => Take(Cases + other.Cases, other.Weeks, other.Teams);

        private Latest Take(long cases, double weeks, IReadOnlyList<int> teams) =>
            weeks > Weeks + 1e-9 || (double.IsPositiveInfinity(weeks) && !double.IsPositiveInfinity(Weeks)) ? new(cases, weeks, teams)
            : weeks >= Weeks - 1e-9 && weeks > 0 ? new(cases, Weeks, Teams.Union(teams).ToList())
            : this with { Cases = cases };
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

using Entry.Server.Data.Demo;
using Entry.Server.Features.Assignment;
using Entry.Server.Features.Units;
using Entry.Shared.Books;

namespace Entry.Server.Tests.Assignment;

/// <summary>The planner's promises, checked on the full demo inventory (27,548 books, 123 units).</summary>
public sealed class AssignmentPlannerTests
{
    private static readonly IReadOnlyList<AdministrativeUnit> Units = UnitCatalog.Read(UnitCatalog.OpenEmbeddedBinhPhuoc());
    private static readonly IReadOnlyList<PlanUnit> PlanUnits = Units.Select(u => new PlanUnit(u.Code, u.ParentCode)).ToList();
    private static readonly IReadOnlyList<PlanBook> Books = DemoInventory.Generate(Units)
        .Select((b, i) => new PlanBook(i + 1, b.BookCode, b.UnitCode, b.Type, b.Condition, b.RegisteredFrom, b.CaseCount, null, 0, false))
        .ToList();

    /// <summary>One team per unit; capacities vary (2,000–3,400 cases a week) so that some units fall behind.</summary>
    private static List<PlanTeam> OneTeamPerUnit() =>
        Units.Select((u, i) => new PlanTeam(i + 1, u.Code, 2000 + (i * 37 % 1400))).ToList();

    [Fact]
    public void Every_book_is_in_exactly_one_queue_when_teams_exist()
    {
        var placements = AssignmentPlanner.Plan(PlanUnits, OneTeamPerUnit(), Books);

        Assert.Equal(Books.Count, placements.Count);
        Assert.Equal(Books.Count, placements.Select(p => p.BookId).Distinct().Count());
        foreach (var queue in placements.GroupBy(p => p.TeamId))
        {
            Assert.Equal(Enumerable.Range(1, queue.Count()), queue.Select(p => p.Position).Order());
        }
    }

    [Fact]
    public void Priority_order_is_never_inverted_within_the_own_books_or_within_the_helped_books_of_a_queue()
    {
        var byId = Books.ToDictionary(b => b.Id);
        var placements = AssignmentPlanner.Plan(PlanUnits, OneTeamPerUnit(), Books);

        foreach (var queue in placements.GroupBy(p => p.TeamId))
        {
            var ordered = queue.OrderBy(p => p.Position).ToList();
            // Own books come first, then the books the team helps with.
            Assert.Equal(ordered.OrderByDescending(p => p.OwnUnit).Select(p => p.Position), ordered.Select(p => p.Position));
            foreach (var part in ordered.GroupBy(p => p.OwnUnit))
            {
                var keys = part.Select(p => byId[p.BookId]).Select(b => (b.Type, b.Condition, b.RegisteredFrom)).ToList();
                Assert.Equal(keys.Order(), keys);
            }
        }
    }

    [Fact]
    public void A_team_works_its_own_units_books_and_helps_only_units_below_it()
    {
        var teams = OneTeamPerUnit();
        var unitOfTeam = teams.ToDictionary(t => t.Id, t => t.UnitCode);
        var parent = Units.ToDictionary(u => u.Code, u => u.ParentCode);
        var byId = Books.ToDictionary(b => b.Id);

        var placements = AssignmentPlanner.Plan(PlanUnits, teams, Books);

        foreach (var p in placements)
        {
            var bookUnit = byId[p.BookId].UnitCode;
            var teamUnit = unitOfTeam[p.TeamId];
            if (p.OwnUnit)
            {
                Assert.Equal(teamUnit, bookUnit);
            }
            else
            {
                Assert.True(IsBelow(bookUnit, teamUnit, parent), $"team of {teamUnit} helps {bookUnit}, which is not below it");
            }
        }
        Assert.Contains(placements, p => !p.OwnUnit);
    }

    [Fact]
    public void After_balancing_no_team_is_behind_a_team_above_it_by_more_than_one_book()
    {
        var teams = OneTeamPerUnit();
        var parent = Units.ToDictionary(u => u.Code, u => u.ParentCode);
        var byId = Books.ToDictionary(b => b.Id);
        var placements = AssignmentPlanner.Plan(PlanUnits, teams, Books);
        var finish = teams.ToDictionary(t => t.Id, t => placements.Where(p => p.TeamId == t.Id).Sum(p => (long)byId[p.BookId].Cases) / t.WeeklyCapacity);
        var largestBook = Books.Max(b => b.Cases);

        foreach (var helper in teams)
        {
            foreach (var below in teams.Where(t => IsBelow(t.UnitCode, helper.UnitCode, parent)))
            {
                // The stated tolerance: a helper stops only when taking one more book would make it finish later than the team it takes from.
                Assert.True(finish[below.Id] <= finish[helper.Id] + ((double)largestBook / helper.WeeklyCapacity) + 1e-9,
                    $"team {below.UnitCode} finishes in {finish[below.Id]:0.00} weeks, its helper {helper.UnitCode} in {finish[helper.Id]:0.00}");
            }
        }
    }

    [Fact]
    public void Balancing_brings_down_the_latest_finish_of_the_teams_that_have_helpers_above_them()
    {
        var teams = OneTeamPerUnit();
        var communes = Units.Where(u => u.Level == Entry.Shared.Units.UnitLevel.Commune).Select(u => u.Code).ToHashSet();
        var byId = Books.ToDictionary(b => b.Id);
        double LatestCommune(IEnumerable<Placement> placements) => placements.GroupBy(p => p.TeamId)
            .Select(q => (Team: teams.Single(t => t.Id == q.Key), Cases: q.Sum(p => (long)byId[p.BookId].Cases)))
            .Where(q => communes.Contains(q.Team.UnitCode))
            .Max(q => q.Cases / q.Team.WeeklyCapacity);
        var ownOnly = Books.Select(b => new Placement(b.Id, teams.Single(t => t.UnitCode == b.UnitCode).Id, 0, true)).ToList();

        var planned = AssignmentPlanner.Plan(PlanUnits, teams, Books);

        Assert.True(LatestCommune(planned) < LatestCommune(ownOnly) * 0.9,
            $"latest commune team finishes in {LatestCommune(planned):0.00} weeks vs. {LatestCommune(ownOnly):0.00} without help");
    }

    [Fact]
    public void Books_being_worked_or_placed_by_an_Admin_stay_with_their_team_at_the_head_of_the_queue()
    {
        var teams = OneTeamPerUnit();
        var commune = teams.Single(t => t.UnitCode == "25216");
        var other = teams.Single(t => t.UnitCode == "25217");
        var locked = Books.Where(b => b.UnitCode == "25216").Take(3).Select((b, i) => b with { CurrentTeamId = other.Id, CurrentPosition = 3 - i, Locked = true }).ToList();
        var books = Books.Select(b => locked.FirstOrDefault(l => l.Id == b.Id) ?? b).ToList();

        var placements = AssignmentPlanner.Plan(PlanUnits, teams, books).ToDictionary(p => p.BookId);

        Assert.All(locked, b => Assert.Equal(other.Id, placements[b.Id].TeamId));
        Assert.Equal([3, 2, 1], locked.Select(b => placements[b.Id].Position));
        Assert.DoesNotContain(placements.Values, p => p.TeamId == commune.Id && locked.Any(l => l.Id == p.BookId));
    }

    [Fact]
    public void A_unit_without_a_team_has_its_books_worked_by_the_nearest_team_above_it()
    {
        var teams = OneTeamPerUnit().Where(t => t.UnitCode != "25216").ToList();
        var district = teams.Single(t => t.UnitCode == "688");

        var placements = AssignmentPlanner.Plan(PlanUnits, teams, Books);

        var commune = Books.Where(b => b.UnitCode == "25216").Select(b => b.Id).ToHashSet();
        Assert.All(placements.Where(p => commune.Contains(p.BookId)), p => Assert.True(p.TeamId == district.Id || IsBelowTeam(p.TeamId)));
        Assert.Equal(commune.Count, placements.Count(p => commune.Contains(p.BookId)));

        bool IsBelowTeam(int teamId) => teams.Single(t => t.Id == teamId).UnitCode == "70";
    }

    [Fact]
    public void Without_any_team_no_book_is_queued()
    {
        Assert.Empty(AssignmentPlanner.Plan(PlanUnits, [], Books));
    }

    private static bool IsBelow(string unit, string ancestor, Dictionary<string, string?> parent)
    {
        for (var c = parent[unit]; c is not null; c = parent[c])
        {
            if (c == ancestor)
            {
                return true;
            }
        }
        return false;
    }
}

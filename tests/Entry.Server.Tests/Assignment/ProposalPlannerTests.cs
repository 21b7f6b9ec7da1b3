using Entry.Server.Data.Demo;
using Entry.Server.Features.Assignment;
using Entry.Server.Features.Units;
using Entry.Shared.Assignment;
using Entry.Shared.Books;

namespace Entry.Server.Tests.Assignment;

/// <summary>The proposal of book moves, on small provinces whose best answer is known and on the full demo inventory.</summary>
public sealed class ProposalPlannerTests
{
    private static readonly DateOnly Period = new(1990, 1, 1);

    private static PlanBook Book(int id, string unit, int cases, BookType type = BookType.Birth, int? team = null, bool inProgress = false) =>
        new(id, $"B{id:000}", unit, type, BookCondition.Good, Period.AddMonths(id), cases, team, id, inProgress);

    /// <summary>A province P with districts A, B, C; A touches B, B touches C; communes a1, a2 in A, b1 in B, c1 in C.</summary>
    private static readonly IReadOnlyList<PlanUnit> SmallProvince =
    [
        new("P", null), new("A", "P"), new("B", "P"), new("C", "P"),
        new("a1", "A"), new("a2", "A"), new("b1", "B"), new("c1", "C"),
    ];

    private static readonly UnitGeography SmallGeography = new(SmallProvince, new DistrictNeighbours(new()
    {
        ["A"] = ["B"], ["B"] = ["A", "C"], ["C"] = ["B"],
    }));

    [Fact]
    public void The_proposal_reaches_the_bound_moving_the_single_book_that_does_it()
    {
        // P holds 160 cases, A 40, B 100, each team 100 a week: the bound is 1 week, the plan 1.6 (nothing below P is behind it).
        PlanTeam[] teams = [new(1, "P", 100), new(2, "A", 100), new(3, "B", 100)];
        PlanBook[] books =
        [
            Book(1, "P", 20), Book(2, "P", 30, BookType.Marriage), Book(3, "P", 60, BookType.Marriage), Book(4, "P", 30, BookType.Death),
            Book(5, "P", 20, BookType.Adoption), Book(6, "A", 40), Book(7, "B", 100),
        ];

        var outcome = ProvinceProposal.Compute(SmallProvince, teams, books, SmallGeography, 0.05);

        Assert.Equal(1.0, outcome.Before.BoundWeeks, 6);
        Assert.Equal(1.6, outcome.Before.MakespanWeeks, 6);
        var move = Assert.Single(outcome.Moves);
        Assert.Equal((3, 1, 2), (move.BookId, move.FromTeamId, move.ToTeamId));
        Assert.Equal(1.0, outcome.After.MakespanWeeks, 6);
        Assert.Equal(ProposalShortfall.None, outcome.Shortfall);
    }

    [Fact]
    public void Books_go_to_the_same_district_first_then_to_a_neighbouring_district_never_further()
    {
        PlanTeam[] teams = [new(1, "a1", 100), new(2, "a2", 100), new(3, "A", 100), new(4, "b1", 100), new(5, "c1", 100)];
        var books = Enumerable.Range(1, 10).Select(i => Book(i, "a1", 10)).Concat([Book(11, "a2", 50), Book(12, "A", 60)]).ToList();
        var placements = books.Select(b => new Placement(b.Id, teams.Single(t => t.UnitCode == b.UnitCode).Id, b.Id, true)).ToList();

        // Bound 210 / 500 = 0.42 weeks; with 50 % tolerance the target is 0.63: a1 sheds 4 books of 10.
        var round = BookMoveProposer.Propose(teams, books, placements, SmallGeography, 0.5);

        Assert.Equal(4, round.Moves.Count);
        Assert.Equal(1, round.Moves.Count(m => m.ToTeamId == 2 && m.Nearness == Nearness.SameDistrict));
        Assert.Equal(3, round.Moves.Count(m => m.ToTeamId == 4 && m.Nearness == Nearness.NeighbouringDistrict));
        Assert.DoesNotContain(round.Moves, m => m.ToTeamId == 5);
        Assert.Equal(ProposalShortfall.None, round.Shortfall);
    }

    [Fact]
    public void When_the_bottlenecks_books_are_being_worked_the_proposal_says_they_cannot_travel()
    {
        PlanTeam[] teams = [new(1, "P", 100), new(2, "A", 100)];
        PlanBook[] books = [Book(1, "P", 150, team: 1, inProgress: true), Book(2, "P", 50, team: 1, inProgress: true), Book(3, "A", 10)];

        var outcome = ProvinceProposal.Compute(SmallProvince, teams, books, SmallGeography, 0.05);

        Assert.Empty(outcome.Moves);
        Assert.Equal(ProposalShortfall.BooksCannotTravel, outcome.Shortfall);
    }

    [Fact]
    public void Shipped_outlines_say_which_districts_touch()
    {
        var shipped = DistrictNeighbours.Shipped;

        Assert.True(shipped.Touch("689", "695")); // Đồng Xoài lies inside Đồng Phú
        Assert.True(shipped.Touch("695", "689"));
        Assert.False(shipped.Touch("689", "693")); // Đồng Xoài and Bù Đốp are far apart
        Assert.Equal(["695", "697"], shipped.Of("689").Order());
    }

    private static readonly IReadOnlyList<AdministrativeUnit> Units = UnitCatalog.Read(UnitCatalog.OpenEmbeddedBinhPhuoc());
    private static readonly IReadOnlyList<PlanUnit> PlanUnits = Units.Select(u => new PlanUnit(u.Code, u.ParentCode)).ToList();

    /// <summary>The demo's shape: one team per unit, the same capacity each (the demo rosters them alike).</summary>
    private static List<PlanTeam> DemoTeams() => Units.Select((u, i) => new PlanTeam(i + 1, u.Code, 2692)).ToList();

    [Fact]
    public void On_the_demo_inventory_the_proposal_brings_the_finish_within_5_percent_of_the_bound_keeping_every_queue_in_order()
    {
        var teams = DemoTeams();
        var inventory = DemoInventory.Generate(Units)
            .Select((b, i) => new PlanBook(i + 1, b.BookCode, b.UnitCode, b.Type, b.Condition, b.RegisteredFrom, b.CaseCount, null, 0, false))
            .ToList();
        // A few books of the province's team are being worked: they stay with it.
        var provinceTeam = teams.Single(t => t.UnitCode == Units.Single(u => u.ParentCode is null).Code).Id;
        var worked = inventory.Where(b => b.UnitCode == teams.Single(t => t.Id == provinceTeam).UnitCode).Take(5).Select(b => b.Id).ToHashSet();
        var books = inventory.Select(b => worked.Contains(b.Id) ? b with { CurrentTeamId = provinceTeam, CurrentPosition = b.Id, Locked = true } : b).ToList();
        var geography = new UnitGeography(PlanUnits, DistrictNeighbours.Shipped);

        var outcome = ProvinceProposal.Compute(PlanUnits, teams, books, geography, 0.05);

        Assert.True(outcome.Before.MakespanWeeks > outcome.Before.BoundWeeks * 1.2, $"before {outcome.Before.MakespanWeeks:0.00} w, bound {outcome.Before.BoundWeeks:0.00} w");
        Assert.True(outcome.After.MakespanWeeks <= outcome.After.BoundWeeks * 1.05, $"after {outcome.After.MakespanWeeks:0.00} w, bound {outcome.After.BoundWeeks:0.00} w");
        Assert.NotEmpty(outcome.Moves);
        Assert.DoesNotContain(outcome.Moves, m => worked.Contains(m.BookId));
        var placed = outcome.PlacementsAfter.ToDictionary(p => p.BookId);
        Assert.All(worked, id => Assert.Equal(provinceTeam, placed[id].TeamId));
        Assert.All(outcome.Moves, m => Assert.Equal(m.ToTeamId, placed[m.BookId].TeamId));

        var byId = books.ToDictionary(b => b.Id);
        foreach (var queue in outcome.PlacementsAfter.GroupBy(p => p.TeamId))
        {
            var ordered = queue.OrderBy(p => p.Position).Where(p => !worked.Contains(p.BookId)).ToList();
            Assert.Equal(ordered.OrderByDescending(p => p.OwnUnit).Select(p => p.Position), ordered.Select(p => p.Position));
            foreach (var part in ordered.GroupBy(p => p.OwnUnit))
            {
                var keys = part.Select(p => byId[p.BookId]).ToList();
                Assert.Equal(keys.Order(AssignmentPlanner.OrderOfWork), keys);
            }
        }
    }
}

using Entry.Server.Data.Demo;
using Entry.Server.Features.Units;
using Entry.Shared.Books;
using Entry.Shared.Units;

namespace Entry.Server.Tests.Books;

public sealed class DemoInventoryTests
{
    private static readonly IReadOnlyList<AdministrativeUnit> Units = UnitCatalog.Read(UnitCatalog.OpenEmbeddedBinhPhuoc());
    private static readonly IReadOnlyList<Entry.Server.Features.Books.BookCsvRow> Inventory = DemoInventory.Generate(Units);

    [Fact]
    public void The_demo_inventory_holds_exactly_the_province_totals_of_Plan_138()
    {
        Assert.Equal(27_548, Inventory.Count);
        Assert.Equal(1_457_884, Inventory.Sum(b => b.CaseCount));
        Assert.Equal(Inventory.Count, Inventory.Select(b => b.BookCode).Distinct().Count());
    }

    [Fact]
    public void The_demo_inventory_is_the_same_every_time()
    {
        Assert.Equal(Inventory, DemoInventory.Generate(Units));
    }

    [Fact]
    public void Every_unit_at_every_level_holds_books_of_every_type()
    {
        Assert.Equal(123, Units.Count);
        foreach (var unit in Units)
        {
            var types = Inventory.Where(b => b.UnitCode == unit.Code).Select(b => b.Type).Distinct().Count();
            Assert.True(types == 4, $"unit {unit.Code} holds {types} types");
        }
    }

    [Fact]
    public void Births_are_the_largest_share_and_adoptions_the_smallest()
    {
        var cases = Enum.GetValues<BookType>().ToDictionary(t => t, t => Inventory.Where(b => b.Type == t).Sum(b => b.CaseCount));
        Assert.Equal(BookType.Birth, cases.MaxBy(c => c.Value).Key);
        Assert.Equal(BookType.Adoption, cases.MinBy(c => c.Value).Key);
    }

    [Fact]
    public void Periods_start_before_the_cutoff_a_few_span_it_and_conditions_are_mixed()
    {
        Assert.All(Inventory, b => Assert.True(b.RegisteredFrom < BookNames.Cutoff && b.RegisteredFrom <= b.RegisteredTo));
        var spanning = Inventory.Count(b => b.RegisteredTo >= BookNames.Cutoff);
        Assert.InRange(spanning, 1, Inventory.Count / 100);
        Assert.All(Enum.GetValues<BookCondition>(), c => Assert.True(Inventory.Count(b => b.Condition == c) > Inventory.Count / 20));
        Assert.All(Inventory, b => Assert.InRange(b.CaseCount, 1, BookNames.MaxCaseCount));
    }

    [Fact]
    public void The_unit_list_has_one_province_eleven_districts_and_111_communes()
    {
        Assert.Single(Units, u => u.Level == UnitLevel.Province);
        Assert.Equal(11, Units.Count(u => u.Level == UnitLevel.District));
        Assert.Equal(111, Units.Count(u => u.Level == UnitLevel.Commune));
        Assert.All(Units.Where(u => u.Level == UnitLevel.Commune), c => Assert.Equal(c.ParentCode, c.DistrictCode));
        Assert.Equal("Tỉnh Bình Phước", Units.Single(u => u.Level == UnitLevel.Province).Name);
    }

    [Fact]
    public void A_two_level_province_has_its_communes_as_the_top_units()
    {
        var csv = "code,name,type,level,parent_code\n1,Tỉnh A,Tỉnh,province,\n10,Xã B,Xã,commune,1\n11,Phường C,Phường,commune,1\n";
        var units = UnitCatalog.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)));
        Assert.Equal(["10", "11"], units.Where(u => u.Level == UnitLevel.Commune).Select(u => u.DistrictCode));
    }
}

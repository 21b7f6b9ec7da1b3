using System.Globalization;
using Entry.Shared.Progress;

namespace Entry.Server.Tests.Progress;

/// <summary>The one vocabulary of scopes: the stored counter names of existing databases, read back only in that form, whatever the culture.</summary>
public sealed class ScopeKeyTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    public static TheoryData<string, string> StoredNames() => new()
    {
        // The names the ProgressCounters table already holds: they must not change.
        { "province", nameof(ScopeKind.Province) },
        { "district:688", nameof(ScopeKind.District) },
        { "unit:25216", nameof(ScopeKind.Unit) },
        { "team:7", nameof(ScopeKind.Team) },
        { "book:42", nameof(ScopeKind.Book) },
        { "shift:2026-11-23/3", nameof(ScopeKind.Shift) },
        { "day:2026-11-23", nameof(ScopeKind.Day) },
        { "dshift:688:2026-11-23/3", nameof(ScopeKind.DistrictShift) },
    };

    [Fact]
    public void Every_kind_is_written_as_the_counters_are_stored()
    {
        Assert.Equal(
            ["province", "district:688", "unit:25216", "team:7", "book:42", "shift:2026-11-23/3", "day:2026-11-23", "dshift:688:2026-11-23/3"],
            new[]
            {
                ScopeKey.Province, ScopeKey.District("688"), ScopeKey.Unit("25216"), ScopeKey.Team(7), ScopeKey.Book(42),
                ScopeKey.Shift(Day, 3), ScopeKey.Day(Day), ScopeKey.DistrictShift("688", Day, 3),
            }.Select(k => k.Name));
    }

    [Theory]
    [MemberData(nameof(StoredNames))]
    public void A_stored_name_reads_back_as_its_key(string name, string kind)
    {
        var key = ScopeKey.TryParse(name);

        Assert.NotNull(key);
        Assert.Equal((kind, name), (key.Kind.ToString(), key.Name));
        Assert.StartsWith(key.Kind == ScopeKind.Province ? "province" : ScopeKey.Prefix(key.Kind), name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Province")]
    [InlineData("team:007")]
    [InlineData("team:+7")]
    [InlineData("book:0")]
    [InlineData("shift:2026-11-23/03")]
    [InlineData("shift:2026-11-23")]
    [InlineData("shift:23/11/2026/3")]
    [InlineData("day:2026-11-23/3")]
    [InlineData("dshift:688:2026-11-23")]
    [InlineData("dshift::2026-11-23/3")]
    [InlineData("district:688:1")]
    [InlineData("planet:3")]
    public void Anything_but_the_exact_spelling_is_no_key(string name)
    {
        Assert.Null(ScopeKey.TryParse(name));
    }

    [Fact]
    public void The_culture_of_the_thread_does_not_change_a_name()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // Thai dates count Buddhist years (2569): a date written with the current culture would name another counter.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("th-TH");
            Assert.Equal("shift:2026-11-23/3", ScopeKey.Shift(Day, 3).Name);
            Assert.Equal("dshift:688:2026-11-23/3", ScopeKey.DistrictShift("688", Day, 3).Name);
            Assert.Equal("day:2026-11-23", ScopeKey.Day(Day).Name);
            Assert.Equal(ScopeKey.Shift(Day, 3), ScopeKey.TryParse("shift:2026-11-23/3"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Only_the_province_districts_units_and_teams_are_followed_and_only_the_province_and_districts_are_dashboards()
    {
        var keys = StoredNames().Select(row => ScopeKey.TryParse((string)row[0])!).ToList();

        Assert.Equal(["province", "district:688", "unit:25216", "team:7"], keys.Where(k => k.IsFollowable).Select(k => k.Name));
        Assert.Equal(["province", "district:688"], keys.Where(k => k.IsDashboard).Select(k => k.Name));
    }
}

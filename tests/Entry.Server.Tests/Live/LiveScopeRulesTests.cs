using Entry.Server.Features.Live;

namespace Entry.Server.Tests.Live;

/// <summary>Who may follow which scope, without a server.</summary>
public sealed class LiveScopeRulesTests
{
    private static readonly LiveScopeTarget Province = Target("province", null);
    private static readonly LiveScopeTarget District688 = Target("district:688", "688");
    private static readonly LiveScopeTarget District689 = Target("district:689", "689");
    private static readonly LiveScopeTarget Unit25216 = Target("unit:25216", "688");
    private static readonly LiveScopeTarget Unit25217 = Target("unit:25217", "688");
    private static readonly LiveScopeTarget Team7 = Target("team:7", "688");
    private static readonly LiveScopeTarget Team8 = Target("team:8", "689");

    private static readonly LiveScopeTarget[] All = [Province, District688, District689, Unit25216, Unit25217, Team7, Team8];

    private static LiveScopeTarget Target(string scope, string? district) => new(LiveScopeAccess.Parse(scope)!, district);

    private static LiveScopeTarget[] Allowed(LiveViewer viewer) => All.Where(viewer.May).ToArray();

    [Fact]
    public void An_admin_and_a_province_monitor_follow_every_scope()
    {
        Assert.Equal(All, Allowed(new LiveViewer(true, false, null, false, false, null, null)));
        Assert.Equal(All, Allowed(new LiveViewer(false, true, null, false, false, null, null)));
    }

    [Fact]
    public void A_district_monitor_follows_the_district_its_units_and_their_teams_only()
    {
        Assert.Equal([District688, Unit25216, Unit25217, Team7], Allowed(new LiveViewer(false, false, "688", false, false, null, null)));
    }

    [Fact]
    public void A_leader_follows_the_team_its_unit_and_the_province_totals()
    {
        Assert.Equal([Province, Unit25216, Team7], Allowed(new LiveViewer(false, false, null, true, false, 7, "25216")));
    }

    [Fact]
    public void A_clerk_follows_the_own_team_only_and_someone_without_a_team_nothing()
    {
        Assert.Equal([Team7], Allowed(new LiveViewer(false, false, null, false, true, 7, "25216")));
        Assert.Empty(Allowed(new LiveViewer(false, false, null, false, true, null, null)));
    }

    [Theory]
    [InlineData("province", "province")]
    [InlineData("district:688", "district:688")]
    [InlineData("unit:25216", "unit:25216")]
    [InlineData("team:12", "team:12")]
    [InlineData("", null)]
    [InlineData("Province", null)]
    [InlineData("planet:3", null)]
    [InlineData("team:abc", null)]
    [InlineData("team:-1", null)]
    [InlineData("team:0", null)]
    [InlineData("unit:", null)]
    [InlineData("unit:25 216", null)]
    [InlineData("district:688:1", null)]
    [InlineData("unit:12345678901234567", null)]
    public void Scopes_are_read_strictly(string scope, string? name)
    {
        Assert.Equal(name, LiveScopeAccess.Parse(scope)?.Name);
    }
}

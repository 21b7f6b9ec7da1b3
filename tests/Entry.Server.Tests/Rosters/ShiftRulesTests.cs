using Entry.Server.Features.Rosters;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;

namespace Entry.Server.Tests.Rosters;

/// <summary>The campaign's composition rules for one shift, as a pure function.</summary>
public sealed class ShiftRulesTests
{
    private static RosteredPerson Civil(string name) => new(name, MemberCategory.CivilRegistryOfficer);
    private static RosteredPerson Police(string name) => new(name, MemberCategory.PoliceOfficer);
    private static RosteredPerson Other(string name) => new(name, MemberCategory.Other);

    /// <summary>The rules in English, as an English request reads them (the issues are worded in the request's language).</summary>
    private static IReadOnlyList<ShiftIssue> Check(IReadOnlyList<RosteredPerson> people, int computers)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        try
        {
            return ShiftRules.Check(people, computers);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    private static readonly RosteredPerson[] Valid = [Civil("an"), Police("binh"), Other("chi"), Other("dung")];

    [Fact]
    public void One_civil_registry_officer_one_police_officer_and_two_others_meet_every_rule()
    {
        Assert.Empty(Check(Valid, computers: 4));
    }

    [Fact]
    public void A_bigger_shift_within_the_computers_meets_every_rule()
    {
        Assert.Empty(Check([.. Valid, Civil("em"), Police("giang")], computers: 6));
    }

    [Fact]
    public void An_empty_shift_is_not_rostered_and_nothing_else()
    {
        var issue = Assert.Single(Check([], computers: 6));

        Assert.Equal(ShiftIssueCodes.NotRostered, issue.Code);
        Assert.Contains("at least 4", issue.Message);
    }

    [Fact]
    public void Three_people_are_too_few()
    {
        var issue = Assert.Single(Check([Civil("an"), Police("binh"), Other("chi")], computers: 6),
            i => i.Code == ShiftIssueCodes.TooFewPeople);

        Assert.Equal("3 people rostered; a shift needs at least 4", issue.Message);
    }

    [Fact]
    public void A_shift_without_a_civil_registry_officer_is_short()
    {
        var issue = Assert.Single(Check([Police("binh"), Police("em"), Other("chi"), Other("dung")], computers: 6));

        Assert.Equal(ShiftIssueCodes.NoCivilRegistryOfficer, issue.Code);
        Assert.Equal("no civil-registry officer rostered; a shift needs at least 1", issue.Message);
    }

    [Fact]
    public void A_shift_without_a_police_officer_is_short()
    {
        var issue = Assert.Single(Check([Civil("an"), Civil("em"), Other("chi"), Other("dung")], computers: 6));

        Assert.Equal(ShiftIssueCodes.NoPoliceOfficer, issue.Code);
        Assert.Equal("no police officer rostered; a shift needs at least 1", issue.Message);
    }

    [Fact]
    public void A_shift_with_one_other_is_short_of_others()
    {
        var issue = Assert.Single(Check([Civil("an"), Civil("em"), Police("binh"), Other("chi")], computers: 6));

        Assert.Equal(ShiftIssueCodes.TooFewOthers, issue.Code);
        Assert.Equal("1 other rostered; a shift needs at least 2", issue.Message);
    }

    [Fact]
    public void More_people_than_computers_breaks_the_rules()
    {
        var issue = Assert.Single(Check([.. Valid, Civil("em"), Police("giang")], computers: 5));

        Assert.Equal(ShiftIssueCodes.MoreClerksThanComputers, issue.Code);
        Assert.Equal("6 people but only 5 computers", issue.Message);
    }

    [Fact]
    public void Someone_outside_the_team_is_reported_and_not_counted()
    {
        var issues = Check([Civil("an"), Police("binh"), Other("chi"), new RosteredPerson("stranger", null)], computers: 6);

        Assert.Equal([ShiftIssueCodes.NotAMember, ShiftIssueCodes.TooFewPeople, ShiftIssueCodes.TooFewOthers], issues.Select(i => i.Code));
        Assert.Equal("stranger is not a member of the team", issues[0].Message);
    }

    [Fact]
    public void A_person_named_twice_is_reported_once_and_counted_once()
    {
        var issues = Check([.. Valid, Other("chi"), Other("CHI")], computers: 4);

        var issue = Assert.Single(issues);
        Assert.Equal(ShiftIssueCodes.DuplicateMember, issue.Code);
        Assert.Contains("chi", issue.Message);
    }

    [Fact]
    public void Every_breach_gives_its_own_issue()
    {
        var issues = Check([Other("chi"), Other("dung"), Other("em")], computers: 2);

        Assert.Equal(
            [ShiftIssueCodes.TooFewPeople, ShiftIssueCodes.NoCivilRegistryOfficer, ShiftIssueCodes.NoPoliceOfficer, ShiftIssueCodes.MoreClerksThanComputers],
            issues.Select(i => i.Code));
        Assert.Equal("3 people but only 2 computers", issues[^1].Message);
    }
}

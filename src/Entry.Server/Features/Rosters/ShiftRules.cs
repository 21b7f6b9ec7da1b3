using Entry.Server.Common;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;

namespace Entry.Server.Features.Rosters;

/// <summary>One name on a shift's plan: its category in the team, or null when the person is not a member of the team.</summary>
public sealed record RosteredPerson(string UserName, MemberCategory? Category);

/// <summary>
/// The campaign's composition rules for one shift (SPEC §2): at least 4 people, at least 1 civil-registry officer,
/// 1 police officer and 2 others, no more people than the team has computers, only the team's own members.
/// </summary>
public static class ShiftRules
{
    public const int MinPeople = 4;
    public const int MinCivilRegistryOfficers = 1;
    public const int MinPoliceOfficers = 1;
    public const int MinOthers = 2;

    /// <summary>
    /// Every breach of the rules, one issue each; empty when the shift may be worked. An empty shift gives only
    /// <see cref="ShiftIssueCodes.NotRostered"/>. The counts are of the distinct members on the plan: a name that is
    /// not a member, or is given twice, is reported as such and not counted again.
    /// </summary>
    public static IReadOnlyList<ShiftIssue> Check(IReadOnlyList<RosteredPerson> people, int computers)
    {
        if (people.Count == 0)
        {
            return [new ShiftIssue(ShiftIssueCodes.NotRostered,
                Say("shiftIssue.notRostered", MinPeople, MinCivilRegistryOfficers, MinPoliceOfficers, MinOthers))];
        }

        var issues = new List<ShiftIssue>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var reportedTwice = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var members = new List<MemberCategory>();
        foreach (var person in people)
        {
            if (!seen.Add(person.UserName))
            {
                if (reportedTwice.Add(person.UserName))
                {
                    issues.Add(new ShiftIssue(ShiftIssueCodes.DuplicateMember, Say("shiftIssue.duplicateMember", person.UserName)));
                }
                continue;
            }
            if (person.Category is not { } category)
            {
                issues.Add(new ShiftIssue(ShiftIssueCodes.NotAMember, Say("shiftIssue.notAMember", person.UserName)));
                continue;
            }
            members.Add(category);
        }

        if (members.Count < MinPeople)
        {
            issues.Add(new ShiftIssue(ShiftIssueCodes.TooFewPeople, Say("shiftIssue.tooFewPeople", People(members.Count), MinPeople)));
        }
        var civil = members.Count(c => c == MemberCategory.CivilRegistryOfficer);
        if (civil < MinCivilRegistryOfficers)
        {
            issues.Add(new ShiftIssue(ShiftIssueCodes.NoCivilRegistryOfficer,
                Say("shiftIssue.noCivilRegistryOfficer", MinCivilRegistryOfficers)));
        }
        var police = members.Count(c => c == MemberCategory.PoliceOfficer);
        if (police < MinPoliceOfficers)
        {
            issues.Add(new ShiftIssue(ShiftIssueCodes.NoPoliceOfficer, Say("shiftIssue.noPoliceOfficer", MinPoliceOfficers)));
        }
        var others = members.Count(c => c == MemberCategory.Other);
        if (others < MinOthers)
        {
            var rostered = others switch { 0 => Phrase.Of("count.others.none"), 1 => Phrase.Of("count.others.one"), _ => Phrase.Of("count.others.many", others) };
            issues.Add(new ShiftIssue(ShiftIssueCodes.TooFewOthers, Say("shiftIssue.tooFewOthers", rostered, MinOthers)));
        }
        if (members.Count > computers)
        {
            var machines = computers == 1 ? Phrase.Of("count.computers.one") : Phrase.Of("count.computers.many", computers);
            issues.Add(new ShiftIssue(ShiftIssueCodes.MoreClerksThanComputers, Say("shiftIssue.moreClerksThanComputers", People(members.Count), machines)));
        }
        return issues;
    }

    private static Phrase People(int count) => count == 1 ? Phrase.Of("count.people.one") : Phrase.Of("count.people.many", count);

    /// <summary>Issues travel in plain contracts (a week's roster as well as a refusal): worded now, in the request's language.</summary>
    private static string Say(string code, params object?[] args) => Phrase.Of(code, args).ToString();
}

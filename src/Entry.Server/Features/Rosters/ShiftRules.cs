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
                $"nobody rostered; a shift needs at least {MinPeople} people: {MinCivilRegistryOfficers} civil-registry officer, {MinPoliceOfficers} police officer and {MinOthers} others")];
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
                    issues.Add(new ShiftIssue(ShiftIssueCodes.DuplicateMember, $"{person.UserName} is rostered more than once on the shift"));
                }
                continue;
            }
            if (person.Category is not { } category)
            {
                issues.Add(new ShiftIssue(ShiftIssueCodes.NotAMember, $"{person.UserName} is not a member of the team"));
                continue;
            }
            members.Add(category);
        }

        if (members.Count < MinPeople)
        {
            issues.Add(new ShiftIssue(ShiftIssueCodes.TooFewPeople, $"{People(members.Count)} rostered; a shift needs at least {MinPeople}"));
        }
        var civil = members.Count(c => c == MemberCategory.CivilRegistryOfficer);
        if (civil < MinCivilRegistryOfficers)
        {
            issues.Add(new ShiftIssue(ShiftIssueCodes.NoCivilRegistryOfficer,
                $"no civil-registry officer rostered; a shift needs at least {MinCivilRegistryOfficers}"));
        }
        var police = members.Count(c => c == MemberCategory.PoliceOfficer);
        if (police < MinPoliceOfficers)
        {
            issues.Add(new ShiftIssue(ShiftIssueCodes.NoPoliceOfficer, $"no police officer rostered; a shift needs at least {MinPoliceOfficers}"));
        }
        var others = members.Count(c => c == MemberCategory.Other);
        if (others < MinOthers)
        {
            var rostered = others switch { 0 => "no others", 1 => "1 other", _ => $"{others} others" };
            issues.Add(new ShiftIssue(ShiftIssueCodes.TooFewOthers, $"{rostered} rostered; a shift needs at least {MinOthers}"));
        }
        if (members.Count > computers)
        {
            var machines = computers == 1 ? "1 computer" : $"{computers} computers";
            issues.Add(new ShiftIssue(ShiftIssueCodes.MoreClerksThanComputers, $"{People(members.Count)} but only {machines}"));
        }
        return issues;
    }

    private static string People(int count) => count == 1 ? "1 person" : $"{count} people";
}

using Entry.Shared.Shifts;
using Entry.Shared.Teams;

namespace Entry.Client.Services;

/// <summary>The campaign's numbers (SPEC §2), for showing where a team or a plan stands; the server enforces them.</summary>
public static class CampaignRules
{
    public const int FullTeam = 12;
    public const int MinPeople = 4;
    public const int MinCivilRegistryOfficers = 1;
    public const int MinPoliceOfficers = 1;
    public const int MinOthers = 2;
}

/// <summary>
/// The shift editor's working copy: who is ticked, and the counts the campaign's rules look at (SPEC §2). The server
/// is the judge; the counts only show the leader where the plan stands before saving.
/// </summary>
public sealed class ShiftPlan(RosterShift shift, IReadOnlyList<TeamMemberDto> members, int computers)
{
    private readonly HashSet<string> _ticked = new(shift.UserNames, StringComparer.OrdinalIgnoreCase);

    public RosterShift Shift { get; } = shift;

    public IReadOnlyList<TeamMemberDto> Members { get; } = members;

    public int Computers { get; } = computers;

    public bool IsTicked(TeamMemberDto member) => _ticked.Contains(member.UserName);

    public void Tick(TeamMemberDto member, bool ticked)
    {
        if (ticked)
        {
            _ticked.Add(member.UserName);
        }
        else
        {
            _ticked.Remove(member.UserName);
        }
    }

    /// <summary>The ticked members in the order of the member list (people who left the team drop out).</summary>
    public IReadOnlyList<string> UserNames => Members.Where(IsTicked).Select(m => m.UserName).ToList();

    public int People => Members.Count(IsTicked);

    public int Count(MemberCategory category) => Members.Count(m => m.Category == category && IsTicked(m));

    public static int Minimum(MemberCategory category) => category switch
    {
        MemberCategory.CivilRegistryOfficer => CampaignRules.MinCivilRegistryOfficers,
        MemberCategory.PoliceOfficer => CampaignRules.MinPoliceOfficers,
        _ => CampaignRules.MinOthers,
    };

    public bool Meets(MemberCategory category) => Count(category) >= Minimum(category);

    public bool EnoughPeople => People >= CampaignRules.MinPeople;

    public bool WithinComputers => People <= Computers;

    public bool Changed => !_ticked.SetEquals(Shift.UserNames);
}

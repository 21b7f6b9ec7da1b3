using System.Text.Json.Serialization;
using Entry.Shared.Units;

namespace Entry.Shared.Teams;

/// <summary>What a team member is, for the composition rules of a shift (SPEC §2).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberCategory>))]
public enum MemberCategory
{
    /// <summary>Công chức tư pháp – hộ tịch.</summary>
    [JsonStringEnumMemberName("civilRegistryOfficer")] CivilRegistryOfficer = 0,
    /// <summary>Công an.</summary>
    [JsonStringEnumMemberName("policeOfficer")] PoliceOfficer = 1,
    /// <summary>Civil servants, public employees, youth-union members mobilised for the sprint.</summary>
    [JsonStringEnumMemberName("other")] Other = 2,
}

/// <summary>One team as <c>GET /api/teams</c> lists it.</summary>
public sealed record TeamSummary
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required string UnitCode { get; init; }
    public required string UnitName { get; init; }
    public required UnitLevel UnitLevel { get; init; }
    public string? LeaderUserName { get; init; }
    public string? LeaderName { get; init; }
    public required int MemberCount { get; init; }
    /// <summary>A team is complete with 12 members.</summary>
    public required bool IsComplete { get; init; }
    public required int Computers { get; init; }
}

public sealed record TeamMemberDto
{
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public required MemberCategory Category { get; init; }
    public required bool IsLeader { get; init; }
}

public sealed record TeamDetail
{
    public required TeamSummary Team { get; init; }
    public required IReadOnlyList<TeamMemberDto> Members { get; init; }
}

/// <summary>
/// Body of <c>POST /api/teams</c> (Admin). The leader, an existing TeamLeader user in no team, becomes the team's
/// first member with <see cref="LeaderCategory"/> (a civil-registry officer unless said otherwise).
/// </summary>
public sealed record CreateTeamRequest(
    string Name, string UnitCode, string LeaderUserName, int Computers,
    MemberCategory LeaderCategory = MemberCategory.CivilRegistryOfficer);

/// <summary>Body of <c>PUT /api/teams/{id}</c>: name and number of computers.</summary>
public sealed record UpdateTeamRequest(string Name, int Computers);

/// <summary>
/// Body of <c>POST /api/teams/{id}/members</c>: an existing user without a team, or a new one (then
/// <see cref="Password"/> and <see cref="DisplayName"/> are required).
/// </summary>
public sealed record AddMemberRequest(string UserName, MemberCategory Category, string? DisplayName = null, string? Password = null);

/// <summary>Body of <c>PUT /api/teams/{id}/members/{userName}</c>.</summary>
public sealed record UpdateMemberRequest(MemberCategory Category);

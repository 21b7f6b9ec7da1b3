using System.Net.Http.Json;
using System.Text.Json;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Teams;

namespace Entry.Server.Tests.Teams;

/// <summary>A team made through the API as an Admin makes one, and the dates tests plan on.</summary>
internal sealed record TestTeam(int Id, string Prefix, HttpClient Leader)
{
    public string LeaderName => $"{Prefix}-lead";
    /// <summary>The second civil-registry officer (the leader is the first).</summary>
    public string Civil => $"{Prefix}-c2";
    public string Police1 => $"{Prefix}-p1";
    public string Police2 => $"{Prefix}-p2";
    public string Other1 => $"{Prefix}-o1";
    public string Other2 => $"{Prefix}-o2";
    public string Other3 => $"{Prefix}-o3";

    /// <summary>The smallest plan that meets every rule.</summary>
    public string[] ValidShift => [LeaderName, Police1, Other1, Other2];
}

internal static class TeamSetup
{
    public const string Unit = "70";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The Monday of next week: always in the future, so plans on it are never refused as past.</summary>
    public static DateOnly NextWeek => ShiftCalendar.WeekStart(ShiftCalendar.LocalDate(DateTimeOffset.UtcNow)).AddDays(7);

    /// <summary>
    /// A team with 7 members — the leader and one more civil-registry officer, two police officers, three others —
    /// and <paramref name="computers"/> computers.
    /// </summary>
    public static async Task<TestTeam> CreateAsync(EntryFactory factory, string prefix, int computers = 5)
    {
        var leader = await factory.ClientAsAsync(Roles.TeamLeader, $"{prefix}-lead");
        var admin = await factory.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/teams", new CreateTeamRequest($"Team {prefix}", Unit, $"{prefix}-lead", computers));
        created.EnsureSuccessStatusCode();
        var team = (await created.Content.ReadFromJsonAsync<TeamDetail>())!;
        var result = new TestTeam(team.Team.Id, prefix, leader);
        foreach (var (name, category) in new[]
                 {
                     (result.Civil, MemberCategory.CivilRegistryOfficer),
                     (result.Police1, MemberCategory.PoliceOfficer),
                     (result.Police2, MemberCategory.PoliceOfficer),
                     (result.Other1, MemberCategory.Other),
                     (result.Other2, MemberCategory.Other),
                     (result.Other3, MemberCategory.Other),
                 })
        {
            await AddNewMemberAsync(admin, result.Id, name, category);
        }
        return result;
    }

    public static async Task AddNewMemberAsync(HttpClient client, int teamId, string userName, MemberCategory category = MemberCategory.Other)
    {
        var added = await client.PostAsJsonAsync($"/api/teams/{teamId}/members", new AddMemberRequest(userName, category, $"Member {userName}", EntryFactory.Password));
        added.EnsureSuccessStatusCode();
    }

    /// <summary>The problem's <c>errors</c> keys, and the codes of its <c>issues</c> extension when it has one.</summary>
    public static async Task<(HashSet<string> Fields, List<string> IssueCodes, JsonElement Body)> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = body.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
        var codes = body.TryGetProperty("issues", out var issues) ? issues.EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList() : [];
        return (fields, codes, body);
    }
}

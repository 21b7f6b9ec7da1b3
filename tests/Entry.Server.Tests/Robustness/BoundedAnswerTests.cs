using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Entry.Server.Tests.Support;
using Entry.Shared.Assignment;
using Entry.Shared.Auth;
using Entry.Shared.Teams;

namespace Entry.Server.Tests.Robustness;

/// <summary>An answer quotes at most a short piece of what it was sent: a huge request never makes a huge answer.</summary>
public sealed class BoundedAnswerTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    private static readonly ConditionalWeakTable<EntryFactory, Task<int>> Teams = new();

    /// <summary>The class's one team (a unit has one team), made once per server.</summary>
    private async Task<(HttpClient Admin, int TeamId)> TeamAsync()
    {
        var admin = await factory.AdminAsync();
        var teamId = await Teams.GetValue(factory, _ => CreateTeamAsync(admin));
        return (admin, teamId);
    }

    private async Task<int> CreateTeamAsync(HttpClient admin)
    {
        await factory.ClientAsAsync(Roles.TeamLeader, "bounded-lead");
        var created = await admin.PostAsJsonAsync("/api/teams", new CreateTeamRequest("Đội kiểm tra", "70", "bounded-lead", 6));
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<TeamDetail>())!.Team.Id;
    }

    [Fact]
    public async Task Moving_thousands_of_long_unknown_book_codes_answers_a_short_problem()
    {
        var (admin, teamId) = await TeamAsync();
        var codes = Enumerable.Range(0, 2_000).Select(i => $"KS-{i:D5}-" + new string('X', 2_000)).ToList();

        var response = await admin.PostAsJsonAsync("/api/assignment/move", new MoveBooksRequest(codes, teamId));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bookCodes", body);
        Assert.Contains("and 1990 more", body);
        Assert.True(body.Length < 2_000, $"the answer is {body.Length} characters");
    }

    [Fact]
    public async Task A_move_naming_more_books_than_any_unit_holds_is_refused_by_its_count()
    {
        var (admin, teamId) = await TeamAsync();
        var codes = Enumerable.Range(0, 10_001).Select(i => $"KS-{i}").ToList();

        var response = await admin.PostAsJsonAsync("/api/assignment/move", new MoveBooksRequest(codes, teamId));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 10000 books", body);
    }

    [Fact]
    public async Task Adding_an_unknown_long_user_name_quotes_only_its_start()
    {
        var (admin, teamId) = await TeamAsync();
        var name = "nguoi-" + new string('a', 20_000);

        var response = await admin.PostAsJsonAsync($"/api/teams/{teamId}/members",
            new { userName = name, category = "other" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
        Assert.True(body.Length < 2_000, $"the answer is {body.Length} characters");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Teams;

namespace Entry.Server.Tests.Common;

/// <summary>
/// Every feature turns its refusal into problem details in one place (<c>Refusal.ToProblem()</c>): a claim and a team edit
/// refused for a field answer the same shape, through the real pipeline — status, title, detail and errors by field, the
/// refusal's stable code with its arguments and the fields' codes, beside only the problem type and the trace id.
/// </summary>
public sealed class RefusalShapeTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    private static readonly string[] Members = ["args", "code", "detail", "errorCodes", "errors", "status", "title", "traceId", "type"];

    [Fact]
    public async Task A_refused_claim_and_a_refused_team_edit_answer_one_problem_shape_naming_the_field()
    {
        var clerk = await factory.ClientAsAsync(Roles.Clerk, "shape-clerk");
        await factory.ClientAsAsync(Roles.TeamLeader, "shape-lead");
        var admin = await factory.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/teams", new CreateTeamRequest("Team shape", "70", "shape-lead", 5));
        created.EnsureSuccessStatusCode();
        var teamId = (await created.Content.ReadFromJsonAsync<TeamDetail>())!.Team.Id;

        var claim = await ProblemAsync(await clerk.PostAsync("/api/books/NO-SUCH-BOOK-1/claim", null));
        var edit = await ProblemAsync(await admin.PutAsJsonAsync($"/api/teams/{teamId}/members/nobody", new UpdateMemberRequest(MemberCategory.Other)));

        Assert.Equal(HttpStatusCode.NotFound, claim.Status);
        Assert.Equal(Members, claim.Names);
        Assert.Equal(404, claim.Body.GetProperty("status").GetInt32());
        Assert.Equal("No such book", claim.Body.GetProperty("title").GetString());
        Assert.Equal("There is no book NO-SUCH-BOOK-1.", claim.Body.GetProperty("detail").GetString());
        Assert.Equal(["There is no book NO-SUCH-BOOK-1."], Errors(claim.Body, "bookCode"));
        Assert.Equal("book.noSuchBook", claim.Body.GetProperty("code").GetString());
        Assert.Equal("NO-SUCH-BOOK-1", claim.Body.GetProperty("args")[0].GetString());

        Assert.Equal(HttpStatusCode.NotFound, edit.Status);
        Assert.Equal(Members, edit.Names);
        Assert.Equal(404, edit.Body.GetProperty("status").GetInt32());
        Assert.Equal("Not a member", edit.Body.GetProperty("title").GetString());
        Assert.Equal($"nobody is not a member of team {teamId}.", edit.Body.GetProperty("detail").GetString());
        Assert.Equal([$"nobody is not a member of team {teamId}."], Errors(edit.Body, "userName"));
        Assert.Equal("team.notAMember", edit.Body.GetProperty("code").GetString());
        Assert.Equal(["team.notAMember"], Errors(edit.Body, "userName", "errorCodes"));

        Assert.Equal(claim.Body.GetProperty("type").GetString(), edit.Body.GetProperty("type").GetString());
    }

    private static async Task<(HttpStatusCode Status, string[] Names, JsonElement Body)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray(), body);
    }

    private static string[] Errors(JsonElement body, string field, string member = "errors") =>
        body.GetProperty(member).GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
}

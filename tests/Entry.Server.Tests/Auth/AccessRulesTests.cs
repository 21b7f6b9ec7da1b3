using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Teams;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Auth;

/// <summary>Every /api endpoint names the roles allowed: anonymous callers get 401, the other roles 403.</summary>
public sealed class AccessRulesTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    /// <summary>
    /// The access table of the API: method, route pattern, a concrete path to call, the roles allowed. An endpoint
    /// missing here fails <see cref="Every_api_endpoint_is_in_the_access_table"/>. Team-scoped paths use the sample
    /// team (id 1) led by the TeamLeader test user with the Clerk test user as a member: see <see cref="SampleTeamAsync"/>.
    /// </summary>
    public static readonly TheoryData<string, string, string, string[]> Table = new()
    {
        { "GET", "/api/auth/me", "/api/auth/me", Roles.All.ToArray() },
        { "POST", "/api/auth/logout", "/api/auth/logout", Roles.All.ToArray() },
        { "POST", "/api/users/{userName}/unlock", "/api/users/nobody/unlock", [Roles.Admin] },
        { "GET", "/api/units", "/api/units", Roles.All.ToArray() },
        { "GET", "/api/books", "/api/books", [Roles.Admin, Roles.Monitor, Roles.TeamLeader] },
        { "GET", "/api/books/export", "/api/books/export", [Roles.Admin, Roles.Monitor] },
        { "POST", "/api/books/import", "/api/books/import", [Roles.Admin] },
        { "GET", "/api/progress", "/api/progress", [Roles.Admin, Roles.Monitor, Roles.TeamLeader] },
        { "GET", "/api/teams", "/api/teams", [Roles.Admin, Roles.Monitor, Roles.TeamLeader] },
        { "GET", "/api/teams/mine", "/api/teams/mine", [Roles.TeamLeader, Roles.Clerk] },
        { "GET", "/api/teams/{teamId:int}", "/api/teams/1", Roles.All.ToArray() },
        { "POST", "/api/teams", "/api/teams", [Roles.Admin] },
        { "PUT", "/api/teams/{teamId:int}", "/api/teams/1", [Roles.Admin, Roles.TeamLeader] },
        { "POST", "/api/teams/{teamId:int}/members", "/api/teams/1/members", [Roles.Admin, Roles.TeamLeader] },
        { "PUT", "/api/teams/{teamId:int}/members/{userName}", "/api/teams/1/members/clerk", [Roles.Admin, Roles.TeamLeader] },
        { "DELETE", "/api/teams/{teamId:int}/members/{userName}", "/api/teams/1/members/nobody", [Roles.Admin, Roles.TeamLeader] },
        { "GET", "/api/teams/{teamId:int}/roster", "/api/teams/1/roster", Roles.All.ToArray() },
        { "PUT", "/api/teams/{teamId:int}/roster/{date}/{shift}", "/api/teams/1/roster/2000-01-03/1", [Roles.Admin, Roles.TeamLeader] },
        { "POST", "/api/teams/{teamId:int}/roster/copy", "/api/teams/1/roster/copy", [Roles.Admin, Roles.TeamLeader] },
        { "GET", "/api/teams/coverage", "/api/teams/coverage", [Roles.Admin, Roles.Monitor] },
        { "GET", "/api/teams/{teamId:int}/queue", "/api/teams/1/queue", Roles.All.ToArray() },
        { "PUT", "/api/teams/{teamId:int}/queue/{bookCode}", "/api/teams/1/queue/NO-SUCH-BOOK", [Roles.Admin, Roles.TeamLeader] },
        { "GET", "/api/teams/{teamId:int}/board", "/api/teams/1/board", [Roles.Admin, Roles.Monitor, Roles.TeamLeader] },
        { "POST", "/api/entries/skip", "/api/entries/skip", [Roles.Clerk] },
        { "GET", "/api/entries/mine", "/api/entries/mine", [Roles.Clerk] },
        { "GET", "/api/entries/{id:guid}", "/api/entries/00000000-0000-0000-0000-0000000000aa", [Roles.Admin, Roles.TeamLeader, Roles.Clerk] },
        { "PUT", "/api/entries/{id:guid}", "/api/entries/00000000-0000-0000-0000-0000000000aa", [Roles.Clerk, Roles.TeamLeader] },
        { "POST", "/api/entries/{id:guid}/verify", "/api/entries/00000000-0000-0000-0000-0000000000aa/verify", [Roles.Clerk, Roles.TeamLeader] },
        { "GET", "/api/teams/{teamId:int}/verification", "/api/teams/1/verification", [Roles.Admin, Roles.TeamLeader, Roles.Clerk] },
        { "POST", "/api/books/{bookCode}/count-report", "/api/books/NO-SUCH-BOOK/count-report", [Roles.Clerk, Roles.TeamLeader] },
        { "GET", "/api/count-reports", "/api/count-reports", [Roles.Admin] },
        { "GET", "/api/national/status", "/api/national/status", [Roles.Admin, Roles.Monitor] },
        { "POST", "/api/national/reconciliation", "/api/national/reconciliation", [Roles.Admin] },
        { "GET", "/api/national/reconciliation", "/api/national/reconciliation", [Roles.Admin, Roles.Monitor] },
        { "GET", "/api/teams/{teamId:int}/national-rejections", "/api/teams/1/national-rejections", [Roles.Admin, Roles.TeamLeader, Roles.Clerk] },
        { "GET", "/api/teams/{teamId:int}/refused-submissions", "/api/teams/1/refused-submissions", [Roles.Admin, Roles.TeamLeader, Roles.Clerk] },
        { "GET", "/api/entries/refused", "/api/entries/refused", [Roles.Clerk] },
        { "POST", "/api/count-reports/{id:long}/accept", "/api/count-reports/999999/accept", [Roles.Admin] },
        { "POST", "/api/count-reports/{id:long}/reject", "/api/count-reports/999999/reject", [Roles.Admin] },
        { "POST", "/api/assignment/recompute", "/api/assignment/recompute", [Roles.Admin] },
        { "POST", "/api/assignment/move", "/api/assignment/move", [Roles.Admin] },
        { "GET", "/api/assignment/projection", "/api/assignment/projection", [Roles.Admin, Roles.Monitor, Roles.TeamLeader] },
        { "GET", "/api/assignment/proposal", "/api/assignment/proposal", [Roles.Admin, Roles.TeamLeader] },
        { "POST", "/api/assignment/proposal/accept", "/api/assignment/proposal/accept", [Roles.Admin] },
        { "GET", "/api/assignment/what-if", "/api/assignment/what-if?teamId=1&extraClerks=1", [Roles.Admin, Roles.TeamLeader] },
        { "GET", "/api/shifts/clock", "/api/shifts/clock", Roles.All.ToArray() },
        { "GET", "/api/shifts/log", "/api/shifts/log", [Roles.Admin] },
        { "POST", "/api/claims/next", "/api/claims/next", [Roles.Clerk] },
        { "GET", "/api/claims/mine", "/api/claims/mine", [Roles.Clerk] },
        { "POST", "/api/books/{bookCode}/claim", "/api/books/NO-SUCH-BOOK/claim", [Roles.Clerk] },
        { "POST", "/api/books/{bookCode}/release", "/api/books/NO-SUCH-BOOK/release", [Roles.Clerk] },
        { "POST", "/api/entries", "/api/entries", [Roles.Clerk] },
        { "GET", "/api/sprint", "/api/sprint", Roles.All.ToArray() },
        { "PUT", "/api/sprint", "/api/sprint", [Roles.Admin] },
        { "GET", "/api/dashboard", "/api/dashboard", [Roles.Admin, Roles.Monitor] },
        { "GET", "/api/dashboard/units/{code}", "/api/dashboard/units/70", [Roles.Admin, Roles.Monitor] },
        { "GET", "/api/dashboard/units/{code}/books", "/api/dashboard/units/70/books", [Roles.Admin, Roles.Monitor] },
        { "GET", "/api/map/districts", "/api/map/districts", Roles.All.ToArray() },
        { "GET", "/api/reports/dates", "/api/reports/dates", [Roles.Admin, Roles.Monitor] },
        { "GET", "/api/reports/progress", "/api/reports/progress", [Roles.Admin, Roles.Monitor] },
        { "GET", "/api/reports/progress.xlsx", "/api/reports/progress.xlsx", [Roles.Admin, Roles.Monitor] },
        { "GET", "/api/reports/progress.csv", "/api/reports/progress.csv", [Roles.Admin, Roles.Monitor] },
        { "POST", "/api/reports/snapshots", "/api/reports/snapshots", [Roles.Admin] },
        { "POST", "/api/operations/backup", "/api/operations/backup", [Roles.Admin] },
        { "GET", "/api/quality/settings", "/api/quality/settings", [Roles.Admin, Roles.Monitor, Roles.TeamLeader] },
        { "PUT", "/api/quality/settings", "/api/quality/settings", [Roles.Admin] },
        { "POST", "/api/quality/books/{bookCode}/claim", "/api/quality/books/NO-SUCH-BOOK/claim", [Roles.Clerk] },
        { "POST", "/api/quality/books/{bookCode}/release", "/api/quality/books/NO-SUCH-BOOK/release", [Roles.Clerk] },
        { "GET", "/api/quality/books/{bookCode}", "/api/quality/books/NO-SUCH-BOOK", [Roles.Admin, Roles.Monitor, Roles.TeamLeader] },
        { "GET", "/api/quality/mine", "/api/quality/mine", [Roles.Clerk] },
        { "POST", "/api/quality/entries", "/api/quality/entries", [Roles.Clerk] },
        { "GET", "/api/quality/items/{id:long}", "/api/quality/items/999999", [Roles.Admin, Roles.TeamLeader, Roles.Clerk] },
        { "POST", "/api/quality/items/{id:long}/decide", "/api/quality/items/999999/decide", [Roles.Clerk, Roles.TeamLeader] },
        { "GET", "/api/quality/figures", "/api/quality/figures", Roles.All.ToArray() },
        { "GET", "/api/teams/{teamId:int}/quality", "/api/teams/1/quality", Roles.All.ToArray() },
        { "GET", "/api/teams/{teamId:int}/arbitration", "/api/teams/1/arbitration", [Roles.Admin, Roles.TeamLeader, Roles.Clerk] },
    };

    /// <summary>
    /// Rows whose answer to an allowed role depends on the caller's state (on shift? holding a book?): the sample users
    /// are not rostered, so these may answer a refusal of the rule (403 "Not on shift", 404 "No book held") — never 401,
    /// a role's 403 ("Forbidden") or a 5xx.
    /// </summary>
    private static readonly HashSet<string> StateDependent =
        ["/api/claims/next", "/api/claims/mine", "/api/books/{bookCode}/claim", "/api/books/{bookCode}/release", "/api/entries",
         "/api/entries/{id:guid}", "/api/teams/{teamId:int}/verification",
         "/api/teams/{teamId:int}/national-rejections", "/api/quality/books/{bookCode}", "/api/quality/mine",
         "/api/quality/items/{id:long}", "/api/teams/{teamId:int}/arbitration"];

    [Fact]
    public void Every_api_endpoint_is_in_the_access_table()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Path: e.RoutePattern.RawText!.TrimEnd('/'), Endpoint: e)))
            .ToList();
        var table = Table.Select(row => ((string)row[0], (string)row[1])).ToHashSet();

        foreach (var (method, path, endpoint) in routes)
        {
            if (path == "/api/auth/login")
            {
                Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
                continue;
            }
            Assert.True(table.Contains((method, path)), $"{method} {path} is not in the access table");
            Assert.NotEmpty(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Concat<object>(endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()));
        }
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Anonymous_callers_get_401(string method, string pattern, string path, string[] allowed)
    {
        _ = (pattern, allowed);
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Roles_not_named_get_403_and_named_roles_get_in(string method, string pattern, string path, string[] allowed)
    {
        await SampleTeamAsync();
        foreach (var role in Roles.All)
        {
            var client = await factory.ClientAsAsync(role);
            var response = await client.SendAsync(Request(method, path));

            if (allowed.Contains(role) && StateDependent.Contains(pattern))
            {
                var status = (int)response.StatusCode;
                var roleRefusal = status == 403 && (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())?.Title == "Forbidden";
                Assert.True(status is not 401 and < 500 && !roleRefusal, $"{role} on {method} {path}: {status}");
            }
            else if (allowed.Contains(role))
            {
                // A named role passes authorisation; a write sent without its body is then refused as a bad request, never a 5xx.
                var status = (int)response.StatusCode;
                Assert.True(method == "GET" ? response.IsSuccessStatusCode : status is not (401 or 403) and < 500, $"{role} on {method} {path}: {status}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }
    }

    /// <summary>
    /// The request of a row: the import gets an empty CSV, other writes an empty JSON object — without a content type
    /// that their endpoint accepts, routing would not reach the endpoint at all.
    /// </summary>
    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = path == "/api/books/import" ? Csv.Raw(Csv.Header + "\n")
            : method is "POST" or "PUT" ? JsonContent.Create(new { })
            : null,
    };

    /// <summary>Team 1, led by the TeamLeader test user, with the Clerk test user as a member.</summary>
    private async Task SampleTeamAsync()
    {
        if (await factory.WithDbAsync(db => db.Teams.AnyAsync()))
        {
            return;
        }
        await factory.ClientAsAsync(Roles.TeamLeader);
        await factory.ClientAsAsync(Roles.Clerk);
        var admin = await factory.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/teams", new CreateTeamRequest("Sample team", "70", "teamleader", 6));
        var team = (await created.Content.ReadFromJsonAsync<TeamDetail>())!;
        Assert.Equal(1, team.Team.Id);
        (await admin.PostAsJsonAsync("/api/teams/1/members", new AddMemberRequest("clerk", MemberCategory.Other))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        var response = await client.GetAsync("/api/units");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Me_tells_who_is_signed_in_and_their_roles()
    {
        var client = await factory.ClientAsAsync(Roles.Monitor, "district-monitor");

        var me = await client.GetFromJsonAsync<CurrentUser>("/api/auth/me");

        Assert.Equal("district-monitor", me!.UserName);
        Assert.Equal([Roles.Monitor], me.Roles);
    }
}

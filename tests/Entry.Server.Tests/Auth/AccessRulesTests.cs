using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Auth;

/// <summary>Every /api endpoint names the roles allowed: anonymous callers get 401, the other roles 403.</summary>
public sealed class AccessRulesTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    /// <summary>The access table of the API; an endpoint missing here fails <see cref="Every_api_endpoint_is_in_the_access_table"/>.</summary>
    public static readonly TheoryData<string, string, string[]> Table = new()
    {
        { "GET", "/api/auth/me", Roles.All.ToArray() },
        { "POST", "/api/auth/logout", Roles.All.ToArray() },
        { "GET", "/api/units", Roles.All.ToArray() },
        { "GET", "/api/books", [Roles.Admin, Roles.Monitor, Roles.TeamLeader] },
        { "GET", "/api/books/export", [Roles.Admin, Roles.Monitor] },
        { "POST", "/api/books/import", [Roles.Admin] },
        { "GET", "/api/progress", [Roles.Admin, Roles.Monitor, Roles.TeamLeader] },
    };

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
    public async Task Anonymous_callers_get_401(string method, string path, string[] allowed)
    {
        _ = allowed;
        using var client = factory.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Roles_not_named_get_403_and_named_roles_get_in(string method, string path, string[] allowed)
    {
        foreach (var role in Roles.All)
        {
            var client = await factory.ClientAsAsync(role);
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (path == "/api/books/import")
            {
                request.Content = Csv.Raw(Csv.Header + "\n");
            }

            var response = await client.SendAsync(request);

            if (allowed.Contains(role))
            {
                Assert.True(response.IsSuccessStatusCode, $"{role} on {method} {path}: {(int)response.StatusCode}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }
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

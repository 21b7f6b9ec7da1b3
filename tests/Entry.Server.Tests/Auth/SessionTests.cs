using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entry.Server.Data;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Auth;

/// <summary>Sign-out ends the token or cookie of that sign-in; the scheme name of the Authorization header is case-insensitive.</summary>
public sealed class SessionTests(AddressedFactory factory) : IClassFixture<AddressedFactory>
{
    private async Task<string> NewClerkAsync(EntryFactory server)
    {
        var name = $"s-{Guid.NewGuid():N}"[..14];
        using var scope = server.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().EnsureUserAsync(name, name, EntryFactory.Password, Roles.Clerk, null);
        return name;
    }

    private static async Task<string> TokenAsync(HttpClient client, string name)
    {
        var login = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(name, EntryFactory.Password));
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task After_sign_out_the_same_bearer_token_answers_401()
    {
        var name = await NewClerkAsync(factory);
        using var client = factory.CreateClient();
        var token = await TokenAsync(client, name);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/claims/next", null)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_that_sign_in_only()
    {
        var name = await NewClerkAsync(factory);
        using var client = factory.CreateClient();
        var phone = await TokenAsync(client, name);
        var desk = await TokenAsync(client, name);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", phone);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client, $"Bearer {phone}"));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(client, $"Bearer {desk}"));
    }

    [Fact]
    public async Task A_copied_cookie_stops_working_after_sign_out()
    {
        var name = await NewClerkAsync(factory);
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest(name, EntryFactory.Password));
        login.EnsureSuccessStatusCode();
        var copied = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("entry.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var thief = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_signed_out_token_stays_dead_after_a_restart_and_a_live_one_keeps_working()
    {
        var directory = Path.Combine(Path.GetTempPath(), "entry-tests", Guid.NewGuid().ToString("N"));
        string ended, live;
        await using (var first = new RestartableFactory(directory))
        {
            var name = await NewClerkAsync(first);
            using var client = first.CreateClient();
            ended = await TokenAsync(client, name);
            live = await TokenAsync(client, name);
            using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
            logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ended);
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(logout)).StatusCode);
        }
        try
        {
            await using var second = new RestartableFactory(directory);
            using var client = second.CreateClient();
            Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client, $"Bearer {ended}"));
            Assert.Equal(HttpStatusCode.OK, await MeAsync(client, $"Bearer {live}"));
        }
        finally
        {
            TestDatabase.Delete(directory);
        }
    }

    [Theory]
    [InlineData("bearer {0}")]
    [InlineData("BEARER {0}")]
    [InlineData("bEaReR {0}")]
    [InlineData("Bearer  {0}")]
    public async Task The_bearer_scheme_is_case_insensitive(string header)
    {
        var name = await NewClerkAsync(factory);
        using var client = factory.CreateClient();
        var token = await TokenAsync(client, name);

        Assert.Equal(HttpStatusCode.OK, await MeAsync(client, string.Format(System.Globalization.CultureInfo.InvariantCulture, header, token)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client, string.Format(System.Globalization.CultureInfo.InvariantCulture, header, "forged")));
    }
}

using System.Net;
using System.Net.Http.Json;

namespace Entry.Browser.Tests;

/// <summary>A demo user signed in through the API with a cookie, in a session of its own beside the pages.</summary>
public static class ApiSession
{
    public const string DemoPassword = "Demo-2026";

    /// <summary>
    /// Signs <paramref name="userName"/> in; a refused sign-in fails the test with the server's answer (a 429 of the
    /// sign-in limit, a 401 of a locked account), not later with a missing figure.
    /// </summary>
    public static async Task<HttpClient> SignInAsync(Uri server, string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server };
        using var response = await client.PostAsJsonAsync("api/auth/login?useCookies=true", new { userName, password = DemoPassword });
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            client.Dispose();
            Assert.Fail($"signing in as {userName} through the API answered {(int)response.StatusCode} {response.StatusCode}: {body}");
        }

        return client;
    }
}

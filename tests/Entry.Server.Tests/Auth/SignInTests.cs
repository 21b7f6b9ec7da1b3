using System.Net;
using System.Net.Http.Json;
using Entry.Server.Data;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Auth;

public sealed class SignInTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    private async Task<string> NewClerkAsync()
    {
        var name = $"clerk-{Guid.NewGuid():N}"[..16];
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().EnsureUserAsync(name, name, EntryFactory.Password, Roles.Clerk, null);
        return name;
    }

    [Fact]
    public async Task Login_returns_a_bearer_token_that_opens_the_api()
    {
        var name = await NewClerkAsync();
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(name, EntryFactory.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        Assert.Equal("Bearer", token.TokenType);
        Assert.True(token.ExpiresIn > 0);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);
        Assert.Equal(name, (await client.GetFromJsonAsync<CurrentUser>("/api/auth/me"))!.UserName);
    }

    [Fact]
    public async Task The_browser_app_signs_in_with_a_cookie_and_out_again()
    {
        var name = await NewClerkAsync();
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest(name, EntryFactory.Password));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("entry.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_401_with_a_reason()
    {
        var name = await NewClerkAsync();
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(name, "wrong-password"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("Wrong user name or password.", problem.Detail);
        Assert.Equal("wrongCredentials", problem.Extensions["code"]?.ToString());
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password()
    {
        var name = await NewClerkAsync();
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(name, $"guess-{i}"));
        }

        var response = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(name, EntryFactory.Password));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Contains("locked", problem.Detail);
        Assert.Equal("lockedOut", problem.Extensions["code"]?.ToString());
    }

    [Fact]
    public async Task A_login_without_user_name_or_password_names_the_fields()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = "", password = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.Contains("userName", problem.Errors.Keys);
        Assert.Contains("password", problem.Errors.Keys);
    }

    [Fact]
    public async Task A_malformed_login_body_is_a_problem_not_a_500()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/auth/login", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Passwords_and_failed_user_names_stay_out_of_the_logs()
    {
        var name = await NewClerkAsync();
        using var client = factory.CreateClient();
        await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(name, "Secret-guess-42"));
        await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(name, EntryFactory.Password));

        Assert.DoesNotContain(factory.Logs, line => line.Contains("Secret-guess-42", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs, line => line.Contains(EntryFactory.Password, StringComparison.Ordinal));
    }
}

public sealed class SignInRateLimitTests(StrictLoginFactory factory) : IClassFixture<StrictLoginFactory>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_Retry_After()
    {
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest("nobody", "nothing-at-all"));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter is not null);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }
}

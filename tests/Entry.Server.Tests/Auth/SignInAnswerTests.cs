using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.Server.Data;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Auth;

/// <summary>
/// Sign-in answers tell nothing about which accounts exist, and a lockout holds per user name and client address:
/// a stranger's failures elsewhere never lock a clerk out, and an Admin lifts a lockout at once.
/// </summary>
public sealed class SignInAnswerTests(AddressedFactory factory) : IClassFixture<AddressedFactory>
{
    private static int nextAddress;

    /// <summary>A client address no other test of the class uses, so lockouts of one test never meet another's.</summary>
    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref nextAddress);
        return $"10.1.{n / 250}.{n % 250 + 1}";
    }

    private async Task<string> NewUserAsync(string role = Roles.Clerk)
    {
        var name = $"u-{Guid.NewGuid():N}"[..14];
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().EnsureUserAsync(name, name, EntryFactory.Password, role, null);
        return name;
    }

    private static async Task<(HttpStatusCode Status, string Body)> LoginAsync(HttpClient client, string name, string password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(name, password));
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await response.Content.ReadAsStringAsync()) ?? [];
        body.Remove("traceId");
        return (response.StatusCode, JsonSerializer.Serialize(body.OrderBy(p => p.Key).ToDictionary()));
    }

    [Fact]
    public async Task An_unknown_user_name_and_a_wrong_password_answer_alike()
    {
        var known = await NewUserAsync();
        using var client = factory.ClientFrom(NewAddress());

        var wrongPassword = await LoginAsync(client, known, "wrong-password-1");
        var unknownName = await LoginAsync(client, $"nobody-{Guid.NewGuid():N}"[..14], "wrong-password-1");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.Status);
        Assert.Equal(wrongPassword, unknownName);
        Assert.Contains("wrongCredentials", unknownName.Body);
    }

    [Fact]
    public async Task An_unknown_user_name_costs_a_password_check_like_a_wrong_password()
    {
        // The time an answer takes is the password hash's: an unknown name that skipped it would answer at once and tell
        // that the account does not exist. (How long each takes is the benchmark tool's business, not a test's.)
        var known = await NewUserAsync();
        using var client = factory.ClientFrom(NewAddress());

        var before = factory.Hashes.Checks;
        await LoginAsync(client, known, "wrong-password-2");
        var forKnown = factory.Hashes.Checks - before;
        before = factory.Hashes.Checks;
        await LoginAsync(client, $"nobody-{Guid.NewGuid():N}"[..14], "wrong-password-2");
        var forUnknown = factory.Hashes.Checks - before;

        Assert.Equal(1, forKnown);
        Assert.Equal(forKnown, forUnknown);
    }

    [Fact]
    public async Task An_unknown_user_name_locks_exactly_like_a_known_one()
    {
        var known = await NewUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}"[..14];
        using var client = factory.ClientFrom(NewAddress());
        var knownAnswers = new List<(HttpStatusCode, string)>();
        var unknownAnswers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 6; i++)
        {
            knownAnswers.Add(await LoginAsync(client, known, $"guess-{i}"));
            unknownAnswers.Add(await LoginAsync(client, unknown, $"guess-{i}"));
        }

        Assert.Equal(knownAnswers, unknownAnswers);
        Assert.Contains("lockedOut", knownAnswers[^1].Item2);
        // While locked, the right password gets the same answer as a wrong one: a guesser learns nothing from it.
        Assert.Equal(knownAnswers[^1], await LoginAsync(client, known, EntryFactory.Password));
    }

    [Fact]
    public async Task Failures_from_one_address_do_not_lock_the_account_at_another()
    {
        var clerk = await NewUserAsync();
        using var stranger = factory.ClientFrom(NewAddress());
        using var desk = factory.ClientFrom(NewAddress());
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(stranger, clerk, $"guess-{i}");
        }

        var strangersTry = await LoginAsync(stranger, clerk, EntryFactory.Password);
        var clerksTry = await LoginAsync(desk, clerk, EntryFactory.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, strangersTry.Status);
        Assert.Contains("lockedOut", strangersTry.Body);
        Assert.Equal(HttpStatusCode.OK, clerksTry.Status);
    }

    [Fact]
    public async Task Another_admin_unlocks_a_locked_admin_at_once()
    {
        var locked = await NewUserAsync(Roles.Admin);
        var address = NewAddress();
        using var client = factory.ClientFrom(address);
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(client, locked, $"guess-{i}");
        }
        Assert.Contains("lockedOut", (await LoginAsync(client, locked, EntryFactory.Password)).Body);
        var root = await factory.AdminAsync();

        var unlock = await root.PostAsync($"/api/users/{locked}/unlock", null);
        var unknown = await root.PostAsync("/api/users/nobody-at-all/unlock", null);

        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, locked, EntryFactory.Password)).Status);
    }
}

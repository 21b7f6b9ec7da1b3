using System.Diagnostics;
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
    public async Task An_unknown_user_name_takes_about_as_long_as_a_wrong_password()
    {
        var known = await NewUserAsync();
        // Warm both paths up (the first hash of the fixed password for unknown names is computed once).
        using (var warm = factory.ClientFrom(NewAddress()))
        {
            await LoginAsync(warm, known, "warm-up-1");
            await LoginAsync(warm, "warm-nobody", "warm-up-1");
        }
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            // A fresh address each time, so no attempt reaches a lockout.
            using var client = factory.ClientFrom(NewAddress());
            var watch = Stopwatch.StartNew();
            await LoginAsync(client, known, $"wrong-{i}");
            knownTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await LoginAsync(client, $"nobody-{i}-{Guid.NewGuid():N}"[..16], $"wrong-{i}");
            unknownTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        var (knownMedian, unknownMedian) = (Median(knownTimes), Median(unknownTimes));
        // Without the hasher for unknown names they answer in a small fraction of the time (no PBKDF2 at all).
        Assert.True(unknownMedian > knownMedian * 0.4, $"unknown names {unknownMedian:F1} ms, known names {knownMedian:F1} ms");
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

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}

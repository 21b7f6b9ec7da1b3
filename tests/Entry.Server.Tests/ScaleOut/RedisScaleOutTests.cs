using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entry.Server.Data;
using Entry.Server.Tests.Live;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Live;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.ScaleOut;

/// <summary>
/// Entry scaled out over Redis: what one instance does, the others see — live messages, sign-ins, sign-outs and the sign-in
/// limit — with each message delivered once.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class RedisScaleOutTests
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_case_logged_on_one_instance_reaches_a_dashboard_watching_on_the_other_once()
    {
        await using var two = await TwoInstances.StartAsync();
        await using var watcher = await LiveClient.ConnectAsync(two.B, await two.B.AdminAsync());
        var dashboards = new ConcurrentQueue<DashboardLive>();
        watcher.Connection.On<DashboardLive>(nameof(ISprintClient.DashboardChanged), dashboards.Enqueue);
        await watcher.SubscribeAsync(ScopeKey.Province.Name);
        var before = await watcher.Connection.InvokeAsync<DashboardLive>(SprintHub.WatchDashboard, ScopeKey.Province.Name);

        var clerk = await two.World.ClerkAsync("c1");
        var book = await LiveEventsTests.ClaimNextAsync(clerk);
        await LiveEventsTests.LogAsync(two.A, clerk, book, 1, 3);

        await Local.EventuallyAsync(() => Task.FromResult(watcher.AddedIn(ScopeKey.Province.Name) == 3), "the 3 cases logged on A, on B's connection");
        await Local.EventuallyAsync(() => Task.FromResult(dashboards.Any(d => d.Totals.Entered == before.Totals.Entered + 3)), "B's dashboard with the 3 cases");
        // A moment more: a second flusher or a second instance sending the same cases would show now.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, watcher.AddedIn(ScopeKey.Province.Name));
        Assert.Equal(3, watcher.LatestProgress(ScopeKey.Province.Name)!.Total.Entered);
    }

    [Fact]
    public async Task A_token_issued_by_one_instance_is_accepted_by_the_other()
    {
        await using var two = await TwoInstances.StartAsync();
        var onA = await two.World.ClerkAsync("c1");

        using var onB = WithTokenOf(two.B, onA);
        var me = await onB.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("c1", (await me.Content.ReadFromJsonAsync<CurrentUser>())!.UserName);
    }

    [Fact]
    public async Task Signing_out_on_one_instance_ends_the_sign_in_and_its_live_connection_on_the_other_at_once()
    {
        await using var two = await TwoInstances.StartAsync();
        var onA = await two.World.ClerkAsync("c1");
        using var onB = WithTokenOf(two.B, onA);
        // B has seen the sign-in: its cache holds it as active.
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/auth/me")).StatusCode);
        await using var live = await LiveClient.ConnectAsync(two.B, onB);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        Assert.Equal(HttpStatusCode.NoContent, (await onA.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(Promptly)));
        await Local.EventuallyAsync(async () => (await onB.GetAsync("/api/auth/me")).StatusCode == HttpStatusCode.Unauthorized,
            "the ended sign-in refused by B", seconds: 5);
    }

    [Fact]
    public async Task The_sign_in_limit_counts_the_attempts_made_on_every_instance()
    {
        var settings = await TwoInstances.SettingsAsync(new Dictionary<string, string> { ["Entry:Auth:LoginAttemptsPerMinute"] = "3" });
        await using var a = new EntryFactory();
        await using var b = new EntryFactory();
        foreach (var (key, value) in settings)
        {
            a.Settings[key] = value;
            b.Settings[key] = value;
        }
        foreach (var (key, value) in TestDatabase.SharedWith(a.DataDirectory))
        {
            b.Settings[key] = value;
        }
        using (var scope = a.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().EnsureUserAsync("limited", "limited", EntryFactory.Password, Roles.Clerk, null);
        }

        var answers = new List<HttpStatusCode>();
        foreach (var server in new[] { a, a, b, b, a })
        {
            using var client = server.CreateClient();
            answers.Add((await client.PostAsJsonAsync("/api/auth/login", new LoginRequest("limited", EntryFactory.Password))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }

    private static HttpClient WithTokenOf(EntryFactory server, HttpClient signedIn)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signedIn.DefaultRequestHeaders.Authorization!.Parameter);
        return client;
    }
}

using System.Net;
using Entry.Server.Data;
using Entry.Server.Features.Live;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Teams;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Live;
using Entry.Shared.Progress;
using Entry.Shared.Teams;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Live;

/// <summary>
/// Who may connect to the hub and join which scope. Team A works in Phường Thác Mơ (25216, district 688) led by
/// <c>lead-a</c> with the clerk <c>clerk-a</c>; team B in Phường Tân Phú (25195, district 689).
/// </summary>
public sealed class HubAccessTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    private static readonly SemaphoreSlim Setup = new(1, 1);

    [Fact]
    public async Task An_anonymous_connection_is_refused_with_401()
    {
        await using var connection = LiveClient.Build(factory, token: null);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/hubs/sprint/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_is_read_from_the_query_string_on_hub_requests_only()
    {
        var token = (await factory.ClientAsAsync(Roles.Clerk, "query-clerk")).DefaultRequestHeaders.Authorization!.Parameter;
        using var client = factory.CreateClient();

        var hub = await client.PostAsync($"/hubs/sprint/negotiate?negotiateVersion=1&access_token={token}", null);
        var api = await client.GetAsync($"/api/units?access_token={token}");
        var forged = await client.PostAsync("/hubs/sprint/negotiate?negotiateVersion=1&access_token=not-a-token", null);

        Assert.Equal(HttpStatusCode.OK, hub.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Theory]
    [InlineData("root", "province district:688 district:689 unit:25216 unit:25195 team:A team:B", "")]
    [InlineData("monitor", "province district:688 district:689 unit:25216 team:A team:B", "")]
    [InlineData("province-monitor", "province district:689 team:B", "")]
    [InlineData("monitor-688", "district:688 unit:25216 unit:25217 team:A", "province district:689 unit:25195 team:B")]
    [InlineData("lead-a", "team:A unit:25216 province", "district:688 district:689 unit:25217 unit:25195 team:B")]
    [InlineData("clerk-a", "team:A", "province district:688 unit:25216 team:B")]
    public async Task Each_role_joins_the_scopes_it_may_see_and_is_refused_the_others(string user, string allowed, string refused)
    {
        var teams = await WorldAsync();
        await using var live = await LiveClient.ConnectAsync(factory, await factory.SignedInClientAsync(user, EntryFactory.Password));

        foreach (var scope in Scopes(allowed, teams))
        {
            var snapshot = await live.SubscribeAsync(scope);
            Assert.Equal(scope, snapshot.Scope);
        }
        foreach (var scope in Scopes(refused, teams))
        {
            var error = await Assert.ThrowsAsync<HubException>(() => live.SubscribeAsync(scope));
            Assert.Contains("may not follow", error.Message);
        }
    }

    [Theory]
    [InlineData("", "Unknown scope")]
    [InlineData("planet", "Unknown scope")]
    [InlineData("team:abc", "Unknown scope")]
    [InlineData("unit:99999", "No such unit")]
    [InlineData("team:424242", "No such team")]
    [InlineData("district:25216", "No such district")]
    [InlineData("district:70", "No such district")]
    public async Task A_malformed_or_unknown_scope_is_a_clear_hub_error_even_for_an_admin(string scope, string message)
    {
        await WorldAsync();
        await using var live = await LiveClient.ConnectAsync(factory, await factory.AdminAsync());

        var error = await Assert.ThrowsAsync<HubException>(() => live.SubscribeAsync(scope));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_refused_scope_does_not_join_its_group()
    {
        var teams = await WorldAsync();
        await using var live = await LiveClient.ConnectAsync(factory, await factory.SignedInClientAsync("clerk-a", EntryFactory.Password));
        var own = ScopeKey.Team(teams.A).Name;
        await live.SubscribeAsync(own);
        await Assert.ThrowsAsync<HubException>(() => live.SubscribeAsync(ScopeKey.Province.Name));
        await Assert.ThrowsAsync<HubException>(() => live.SubscribeAsync(ScopeKey.Team(teams.B).Name));

        var events = factory.Services.GetRequiredService<ISprintEvents>();
        events.ProgressChanged(new SprintPlace(teams.B, "25195", "689"));
        events.ProgressChanged(new SprintPlace(teams.A, "25216", "688"));
        await Local.EventuallyAsync(() => Task.FromResult(live.Progress.Any(p => p.Scope == own)), "the own team's progress");
        // One flush later, so anything the first flush sent has arrived.
        events.ProgressChanged(new SprintPlace(teams.A, "25216", "688"));
        await Local.EventuallyAsync(() => Task.FromResult(live.Progress.Count(p => p.Scope == own) >= 2), "a later flush");

        Assert.All(live.Progress, p => Assert.Equal(own, p.Scope));
    }

    [Fact]
    public async Task A_shift_change_reaches_the_connected_views_but_one_caught_up_long_after_does_not()
    {
        await using var live = await LiveClient.ConnectAsync(factory, await factory.ClientAsAsync(Roles.Monitor));
        var now = DateTimeOffset.UtcNow;
        var day = ShiftCalendar.LocalDate(now);

        using (var scope = factory.Services.CreateScope())
        {
            var shifts = scope.ServiceProvider.GetRequiredService<ShiftEvents>();
            await shifts.PublishAsync(new ShiftChanged(day.AddDays(-1), 3, ShiftTransition.Closed, now.AddHours(-2), CaughtUp: true), CancellationToken.None);
            await shifts.PublishAsync(new ShiftChanged(day, 2, ShiftTransition.Opened, now, CaughtUp: false), CancellationToken.None);
        }

        var fresh = new ShiftChangedEvent(day, 2, ShiftChangeKind.Opened, now);
        await Local.EventuallyAsync(() => Task.FromResult(live.Shifts.Contains(fresh)), "the shift change");
        // Sent in order: had the stale change been sent, it would have arrived first.
        Assert.DoesNotContain(live.Shifts, s => s.Date == day.AddDays(-1) && s.Shift == 3);
    }

    private static IEnumerable<string> Scopes(string list, (int A, int B) teams) =>
        list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("team:A", ScopeKey.Team(teams.A).Name).Replace("team:B", ScopeKey.Team(teams.B).Name));

    /// <summary>The users and the two teams, made once for the class.</summary>
    private async Task<(int A, int B)> WorldAsync()
    {
        await Setup.WaitAsync();
        try
        {
            await factory.AdminAsync();
            using (var scope = factory.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
                await users.EnsureUserAsync("monitor", "Monitor", EntryFactory.Password, Roles.Monitor, null);
                await users.EnsureUserAsync("province-monitor", "Province monitor", EntryFactory.Password, Roles.Monitor, "70");
                await users.EnsureUserAsync("monitor-688", "Phước Long monitor", EntryFactory.Password, Roles.Monitor, "688");
                await users.EnsureUserAsync("lead-a", "Leader A", EntryFactory.Password, Roles.TeamLeader, null);
                await users.EnsureUserAsync("clerk-a", "Clerk A", EntryFactory.Password, Roles.Clerk, null);
            }
            return await factory.WithDbAsync(async db =>
            {
                if (await db.Teams.FirstOrDefaultAsync(t => t.Name == "Live A") is { } existing)
                {
                    return (existing.Id, await db.Teams.Where(t => t.Name == "Live B").Select(t => t.Id).SingleAsync());
                }
                var ids = await db.Users.Where(u => u.UserName == "lead-a" || u.UserName == "clerk-a").ToDictionaryAsync(u => u.UserName!, u => u.Id);
                var a = new Team { Name = "Live A", UnitCode = "25216", Computers = 6, LeaderId = ids["lead-a"] };
                var b = new Team { Name = "Live B", UnitCode = "25195", Computers = 6 };
                db.Teams.AddRange(a, b);
                await db.SaveChangesAsync();
                db.TeamMembers.Add(new TeamMember { TeamId = a.Id, UserId = ids["lead-a"], Category = MemberCategory.CivilRegistryOfficer });
                db.TeamMembers.Add(new TeamMember { TeamId = a.Id, UserId = ids["clerk-a"], Category = MemberCategory.Other });
                await db.SaveChangesAsync();
                return (a.Id, b.Id);
            });
        }
        finally
        {
            Setup.Release();
        }
    }
}

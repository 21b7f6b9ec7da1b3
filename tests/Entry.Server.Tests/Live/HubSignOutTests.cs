using System.Net;
using Entry.Server.Tests.Support;
using Entry.Server.Tests.Teams;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Entry.Server.Tests.Live;

/// <summary>
/// A hub connection is authenticated once, when it opens: signing out, or being taken off the team, closes it at once
/// rather than at the next long-poll or never (a WebSocket), and what it may join again follows the new state.
/// </summary>
public sealed class HubSignOutTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    // Well under the hub's 15 s keep-alive, which would end a long poll and expose a dead sign-in on its own.
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);

    private static TaskCompletionSource ClosedSignal(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed;
    }

    [Fact]
    public async Task Signing_out_closes_the_hub_connection_of_that_sign_in_and_its_token_cannot_reconnect()
    {
        var clerk = await factory.ClientAsAsync(Roles.Clerk, "hub-out-clerk");
        var token = clerk.DefaultRequestHeaders.Authorization!.Parameter;
        var other = await factory.SignedInClientAsync("hub-out-clerk", EntryFactory.Password);
        await using var live = await LiveClient.ConnectAsync(factory, clerk);
        await using var otherLive = await LiveClient.ConnectAsync(factory, other);
        var closed = ClosedSignal(live.Connection);

        var logout = await clerk.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(Promptly)));
        await using var again = LiveClient.Build(factory, token);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // The same person's other sign-in keeps its connection.
        Assert.Equal(HubConnectionState.Connected, otherLive.Connection.State);
    }

    [Fact]
    public async Task A_member_taken_off_the_team_is_disconnected_and_may_not_follow_the_team_again()
    {
        var team = await TeamSetup.CreateAsync(factory, "hubrm");
        var member = await factory.SignedInClientAsync(team.Other3, EntryFactory.Password);
        await using var live = await LiveClient.ConnectAsync(factory, member);
        await live.SubscribeAsync($"team:{team.Id}");
        var closed = ClosedSignal(live.Connection);

        var removed = await team.Leader.DeleteAsync($"/api/teams/{team.Id}/members/{team.Other3}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(Promptly)));
        await using var again = await LiveClient.ConnectAsync(factory, member);
        await Assert.ThrowsAsync<HubException>(() => again.SubscribeAsync($"team:{team.Id}"));
    }
}

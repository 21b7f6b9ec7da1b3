using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Live;
using Entry.Server.Features.Sprint;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Entries;
using Entry.Shared.Live;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Live;

/// <summary><c>nationalStatus</c> reaches the province group when the sync with the national database changes, and no other group.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class NationalStatusEventsTests
{
    [Fact]
    public async Task An_admin_following_the_province_receives_the_national_status_after_a_case_is_logged_and_a_team_follower_does_not()
    {
        var desk = new EntryDesk();
        desk.Factory.MoreServices.Add(services => services.Configure<LiveOptions>(o => o.NationalStatusMilliseconds = 300));
        await desk.InitializeAsync();
        try
        {
            var admin = await desk.Factory.AdminAsync();
            await using var province = await LiveClient.ConnectAsync(desk.Factory, admin);
            var provinceStatus = Listen(province);
            await province.SubscribeAsync(ScopeKey.Province.Name);
            await using var team = await LiveClient.ConnectAsync(desk.Factory, admin);
            var teamStatus = Listen(team);
            await team.SubscribeAsync(ScopeKey.Team(await desk.Factory.WithDbAsync(db => Task.FromResult(db.Teams.Single().Id))).Name);

            // Whoever joins is told where things stand, changed or not.
            await Local.EventuallyAsync(() => Task.FromResult(!provinceStatus.IsEmpty), "the status on joining");
            Assert.Equal((0, 0L, 0L, "closed"), Summary(provinceStatus.Last()));

            var answer = await desk.BirthClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(desk.NextNumber()));
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);

            // Waiting or already delivered (the embedded stub answers quickly): either way the case shows.
            await Local.EventuallyAsync(() => Task.FromResult(provinceStatus.Any(s => s.Backlog + s.Synced + s.Rejected >= 1)), "the logged case in the status");
            Assert.Empty(teamStatus);
        }
        finally
        {
            await desk.DisposeAsync();
        }
    }

    [Fact]
    public async Task Nothing_is_sent_again_while_nothing_changes()
    {
        var desk = new EntryDesk();
        desk.Factory.MoreServices.Add(services => services.Configure<LiveOptions>(o => o.NationalStatusMilliseconds = 250));
        await desk.InitializeAsync();
        try
        {
            await using var province = await LiveClient.ConnectAsync(desk.Factory, await desk.Factory.AdminAsync());
            var received = Listen(province);
            await province.SubscribeAsync(ScopeKey.Province.Name);
            await Local.EventuallyAsync(() => Task.FromResult(!received.IsEmpty), "the status on joining");

            // Something else for the province after it: once that arrives, several ticks have passed.
            for (var i = 0; i < 8; i++)
            {
                desk.Factory.Services.GetRequiredService<ISprintEvents>().ProgressChanged(new SprintPlace(999_999, "25216", "688"));
                await Local.EventuallyAsync(() => Task.FromResult(province.Progress.Count > i), "a progress message");
            }

            Assert.Single(received);
        }
        finally
        {
            await desk.DisposeAsync();
        }
    }

    private static ConcurrentQueue<NationalStatus> Listen(LiveClient client)
    {
        var received = new ConcurrentQueue<NationalStatus>();
        client.Connection.On<NationalStatus>(nameof(ISprintClient.NationalStatus), received.Enqueue);
        return received;
    }

    private static (int Backlog, long Synced, long Rejected, string Circuit) Summary(NationalStatus s) => (s.Backlog, s.Synced, s.Rejected, s.Circuit);
}

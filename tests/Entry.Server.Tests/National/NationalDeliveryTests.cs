using System.Net;
using System.Net.Http.Json;
using Entry.NationalDb.Contracts;
using Entry.Server.Features.National;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.National;

/// <summary>Every accepted case reaches the national database exactly once, whatever the national side goes through.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class NationalDeliveryTests
{
    [Fact]
    public async Task Cases_logged_during_an_outage_all_arrive_once_after_it()
    {
        const int clerks = 4, perClerk = 250, total = clerks * perClerk;
        await using var world = await NationalWorld.CreateAsync(clerks, casesPerBook: perClerk + 10);
        await world.Stub.SetFaultsAsync(new FaultSettings { OutageRetryAfterSeconds = 1 });
        await world.Stub.OutageAsync(600);

        await Task.WhenAll(Enumerable.Range(0, clerks).Select(async clerk =>
        {
            for (var number = 1; number <= perClerk; number++)
            {
                await world.LogAsync(clerk, world.Birth(clerk, number));
            }
        }));

        var during = await world.Stub.StatsAsync();
        Assert.Equal(0, during.Records);
        Assert.Equal(0, during.Created);
        Assert.Equal(total, (await world.StatusAsync()).Backlog);

        await world.Stub.OutageAsync(0);
        await world.AllSyncedAsync(total, seconds: 60);

        var after = await world.Stub.StatsAsync();
        Assert.Equal(total, after.Records);
        Assert.Equal(total, after.Created);
        foreach (var book in world.Books)
        {
            var held = await world.Stub.HoldingsAsync(book);
            Assert.Equal(perClerk, held.Count);
            Assert.Equal(perClerk, held.Records.Select(r => r.SourceId).Distinct().Count());
            Assert.Equal(Enumerable.Range(1, perClerk), held.Records.Select(r => r.EntryNumber).Order());
        }
        Assert.Equal(new Dictionary<NationalSyncState, int> { [NationalSyncState.Synced] = total }, await world.StatesAsync());
        var status = await world.StatusAsync();
        Assert.Equal(0, status.Rejected);
        Assert.Equal(0, status.Backlog);
        Assert.Equal(0, status.OldestPendingAgeSeconds);
    }

    [Fact]
    public async Task Answers_slower_than_the_attempt_timeout_are_retried_under_the_same_key_and_stored_once()
    {
        const int cases = 5;
        await using var world = await NationalWorld.CreateAsync();
        await world.Stub.SetFaultsAsync(new FaultSettings { SlowRate = 1, SlowMilliseconds = 3_000 });

        var logged = new List<CaseEntryRequest>();
        for (var number = 1; number <= cases; number++)
        {
            logged.Add(await world.LogAsync(0, world.Birth(0, number)));
        }
        // The stub stores each case but answers after Entry has given up on the attempt.
        await Local.EventuallyAsync(async () => (await world.Stub.StatsAsync()).Records == cases, "every case stored by the stub");
        Assert.Equal(cases, (await world.StatusAsync()).Backlog);
        await world.Stub.ClearFaultsAsync();
        await world.AllSyncedAsync(cases);

        var stats = await world.Stub.StatsAsync();
        Assert.Equal(cases, stats.Records);
        Assert.Equal(cases, stats.Created);
        Assert.True(stats.Replayed >= cases, $"{stats.Replayed} replays");
        foreach (var request in logged)
        {
            Assert.True((await world.Stub.AttemptsAsync(NationalWorld.KeyOf(request.Id, 1))).Count >= 2);
        }
        Assert.Equal(cases, (await world.Stub.HoldingsAsync(world.Books[0])).Count);
    }

    [Fact]
    public async Task A_case_and_its_message_are_stored_together_or_not_at_all()
    {
        await using var world = await NationalWorld.CreateAsync();
        var first = await world.LogAsync(0, world.Birth(0, 1));

        var taken = await world.Clerks[0].PostAsJsonAsync("/api/entries", world.Birth(0, 1));
        var replayed = await world.Clerks[0].PostAsJsonAsync("/api/entries", first);

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var messages = await world.Factory.WithDbAsync(db => db.NationalOutbox.Select(m => new { m.CaseId, m.IdempotencyKey }).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal(first.Id, message.CaseId);
        Assert.Equal(NationalWorld.KeyOf(first.Id, 1), message.IdempotencyKey);
        await world.AllSyncedAsync(1);
        Assert.Equal(1, (await world.Stub.StatsAsync()).Created);
        Assert.Equal(NationalMessageState.Delivered,
            await world.Factory.WithDbAsync(db => db.NationalOutbox.Select(m => m.State).SingleAsync()));
    }
}

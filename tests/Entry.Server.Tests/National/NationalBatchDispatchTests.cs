using Entry.NationalDb.Contracts;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Entries;

namespace Entry.Server.Tests.National;

/// <summary>The dispatcher sends the outbox in batch requests and takes each record's own answer from them.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class NationalBatchDispatchTests
{
    [Fact]
    public async Task A_backlog_goes_in_a_few_batch_requests_and_each_case_gets_its_own_answer()
    {
        const int cases = 60, invalid = 2;
        await using var world = await NationalWorld.CreateAsync(casesPerBook: cases);
        await world.Stub.SetFaultsAsync(new FaultSettings { OutageRetryAfterSeconds = 1 });
        await world.Stub.OutageAsync(600);
        for (var number = 1; number <= cases; number++)
        {
            var valid = world.Birth(0, number);
            // Entry takes a one-word name; the national side wants a family and a given name.
            await world.LogAsync(0, number <= invalid ? valid with { Birth = valid.Birth! with { ChildName = "Hoa" } } : valid);
        }
        Assert.Equal(cases, (await world.StatusAsync()).Backlog);

        await world.Stub.OutageAsync(0);
        await Local.EventuallyAsync(async () =>
        {
            var status = await world.StatusAsync();
            return status.Backlog == 0 && status.Synced == cases - invalid && status.Rejected == invalid;
        }, "every case answered", seconds: 30);

        var stats = await world.Stub.StatsAsync();
        Assert.Equal(0, stats.SingleRequests);
        Assert.InRange(stats.BatchRequests, 1, cases / 4);
        Assert.Equal(cases - invalid, stats.Records);
        Assert.Equal(cases - invalid, stats.Created);
        Assert.Equal(invalid, stats.Rejected);
        Assert.Equal(cases - invalid, (await world.Stub.HoldingsAsync(world.Books[0])).Count);
        Assert.Equal(new Dictionary<NationalSyncState, int> { [NationalSyncState.Synced] = cases - invalid, [NationalSyncState.Rejected] = invalid },
            await world.StatesAsync());
    }
}

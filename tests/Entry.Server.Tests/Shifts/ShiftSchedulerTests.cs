using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Support;

namespace Entry.Server.Tests.Shifts;

/// <summary>The shift clock driven by Quartz, with the clock moved by the test.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class ShiftSchedulerTests
{
    private static readonly DateOnly Today = new(2026, 3, 3);

    [Fact]
    public async Task Quartz_opens_shift_1_when_the_clock_passes_06_00()
    {
        await using var server = new ClockedFactory(Local.At(Today, 5, 59, 58));
        _ = server.Services;
        // The start-up run records the most recent boundary first: last night's close.
        await Local.EventuallyAsync(
            async () => (await server.RecordsAsync()).Any(r => r.Date == Today.AddDays(-1) && r is { Shift: 3, Transition: ShiftTransition.Closed }),
            "the start-up run recording yesterday's 22:00");

        server.Time.Advance(TimeSpan.FromSeconds(30));

        await Local.EventuallyAsync(
            async () => (await server.RecordsAsync()).Any(r => r.Date == Today && r is { Shift: 1, Transition: ShiftTransition.Opened }),
            "shift 1 opened at 06:00");
        var opened = Assert.Single(await server.RecordsAsync(), r => r.Date == Today);
        Assert.Equal(Local.At(Today, 6, 0), opened.DueAt);
        Assert.Equal(Local.At(Today, 6, 0, 28), opened.RecordedAt);
        await Local.EventuallyAsync(() => Task.FromResult(server.Changes.Received.Count == 2), "two changes published");
        Assert.Equal(new ShiftChanged(Today, 1, ShiftTransition.Opened, Local.At(Today, 6, 0), CaughtUp: false), server.Changes.Received.Last());
    }

    [Fact]
    public async Task After_a_restart_the_clock_catches_up_each_missed_boundary_once()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "entry-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using (var before = new ClockedFactory(Local.At(Today.AddDays(-1), 12, 30), dataDirectory))
            {
                _ = before.Services;
                await Local.EventuallyAsync(async () => (await before.RecordsAsync()).Count == 2, "the first run recording 12:00");
                // A first run records the latest boundary only: no invented history before it.
                Assert.Equal(
                    [(1, ShiftTransition.Closed), (2, ShiftTransition.Opened)],
                    (await before.RecordsAsync()).Select(r => (r.Shift, r.Transition)));
            }

            await using var after = new ClockedFactory(Local.At(Today, 7, 0), dataDirectory);
            _ = after.Services;
            await Local.EventuallyAsync(async () => (await after.RecordsAsync()).Count == 6, "the start-up run catching up");

            var caughtUp = (await after.RecordsAsync()).Skip(2).ToList();
            Assert.Equal(
                [(Today.AddDays(-1), 2, ShiftTransition.Closed, 17), (Today.AddDays(-1), 3, ShiftTransition.Opened, 17),
                 (Today.AddDays(-1), 3, ShiftTransition.Closed, 22), (Today, 1, ShiftTransition.Opened, 6)],
                caughtUp.Select(r => (r.Date, r.Shift, r.Transition, ShiftCalendar.ToLocal(r.DueAt).Hour)));
            Assert.All(caughtUp, r => Assert.Equal(Local.At(Today, 7, 0), r.RecordedAt));
            Assert.Equal(caughtUp.Select(r => (r.Date, r.Shift, r.Transition)), after.Changes.Received.Select(c => (c.Date, c.Shift, c.Transition)));
            Assert.All(after.Changes.Received, c => Assert.True(c.CaughtUp));

            Assert.Empty(await after.CatchUpAsync());
            Assert.Empty(await after.CatchUpAsync());
            Assert.Equal(6, (await after.RecordsAsync()).Count);
            Assert.Equal(4, after.Changes.Received.Count);
        }
        finally
        {
            TestDatabase.Delete(dataDirectory);
        }
    }
}

using Entry.Server.Features.Shifts;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Shifts;

/// <summary>The shift clock's catch-up, run by the test with the scheduler's clock job turned off.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class ShiftCatchUpTests
{
    private static readonly DateOnly Today = new(2026, 3, 3);

    [Fact]
    public async Task Concurrent_catch_ups_record_each_boundary_once()
    {
        await using var server = new ClockedFactory(Local.At(Today.AddDays(-1), 12, 30), clockEnabled: false);
        Assert.Equal(2, (await server.CatchUpAsync()).Count);
        server.Time.SetUtcNow(Local.At(Today, 7, 0));

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(server.CatchUpAsync)));

        Assert.Equal(4, runs.Sum(r => r.Count));
        var records = await server.RecordsAsync();
        Assert.Equal(6, records.Count);
        Assert.Equal(6, records.Select(r => (r.Date, r.Shift, r.Transition)).Distinct().Count());
        Assert.Equal(6, server.Changes.Received.Count);
    }

    [Fact]
    public async Task After_a_long_downtime_the_clock_goes_back_at_most_seven_days()
    {
        await using var server = new ClockedFactory(Local.At(Today.AddDays(-30), 12, 30), clockEnabled: false);
        await server.CatchUpAsync();
        server.Time.SetUtcNow(Local.At(Today, 7, 0));

        var caughtUp = await server.CatchUpAsync();

        // From 7 days before 07:00 today: 12:00, 17:00 and 22:00 of that day, six boundaries a day since, today's 06:00.
        Assert.Equal(5 + 6 * 6 + 1, caughtUp.Count);
        Assert.Equal(Today.AddDays(-7), caughtUp[0].Date);
        Assert.Equal((1, ShiftTransition.Closed), (caughtUp[0].Shift, caughtUp[0].Transition));
        Assert.Equal((Today, 1, ShiftTransition.Opened), (caughtUp[^1].Date, caughtUp[^1].Shift, caughtUp[^1].Transition));
        Assert.Contains(server.Logs, line => line.Contains("older than 7 days", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_boundary_recorded_on_time_is_not_marked_caught_up()
    {
        await using var server = new ClockedFactory(Local.At(Today, 11, 0), clockEnabled: false);
        await server.CatchUpAsync();
        server.Time.SetUtcNow(Local.At(Today, 12, 0, 5));

        var changes = await server.CatchUpAsync();

        Assert.Equal([(1, ShiftTransition.Closed, false), (2, ShiftTransition.Opened, false)], changes.Select(c => (c.Shift, c.Transition, c.CaughtUp)));
    }

    [Fact]
    public async Task A_closed_shift_reaches_the_closed_shift_handlers_before_the_others()
    {
        var calls = new List<string>();
        await using var server = new ClockedFactory(Local.At(Today, 12, 30), clockEnabled: false);
        server.MoreServices.Add(s => s.AddSingleton<IShiftClosedHandler>(new ClosedHandler(c => calls.Add($"release {c.Shift}"))));
        server.MoreServices.Add(s => s.AddSingleton<IShiftChangedHandler>(new ChangedHandler(c => calls.Add($"{c.Transition} {c.Shift}"))));

        await server.CatchUpAsync();

        Assert.Equal(["release 1", "Closed 1", "Opened 2"], calls);
    }

    [Fact]
    public async Task A_failing_handler_is_logged_without_its_message_and_the_clock_goes_on()
    {
        await using var server = new ClockedFactory(Local.At(Today, 12, 30), clockEnabled: false);
        server.MoreServices.Add(s => s.AddSingleton<IShiftClosedHandler>(new ClosedHandler(_ => throw new InvalidOperationException("Điểu K'Lung still holds KS-1"))));
        server.MoreServices.Add(s => s.AddSingleton<IShiftChangedHandler>(new ChangedHandler(_ => throw new InvalidOperationException("Điểu K'Lung"))));

        var changes = await server.CatchUpAsync();

        Assert.Equal(2, changes.Count);
        Assert.Equal(2, (await server.RecordsAsync()).Count);
        Assert.Equal(2, server.Changes.Received.Count);
        Assert.Equal(3, server.Logs.Count(l => l.Contains("failed on", StringComparison.Ordinal) && l.Contains("InvalidOperationException", StringComparison.Ordinal)));
        Assert.DoesNotContain(server.Logs, l => l.Contains("K'Lung", StringComparison.Ordinal));
    }

    private sealed class ClosedHandler(Action<ShiftChanged> action) : IShiftClosedHandler
    {
        public Task ShiftClosedAsync(ShiftChanged closed, CancellationToken ct)
        {
            action(closed);
            return Task.CompletedTask;
        }
    }

    private sealed class ChangedHandler(Action<ShiftChanged> action) : IShiftChangedHandler
    {
        public Task HandleAsync(ShiftChanged change, CancellationToken ct)
        {
            action(change);
            return Task.CompletedTask;
        }
    }
}

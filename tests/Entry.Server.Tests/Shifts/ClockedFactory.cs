using System.Collections.Concurrent;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Entry.Server.Tests.Shifts;

/// <summary>
/// Entry whose <see cref="TimeProvider"/> is a <see cref="FakeTimeProvider"/> started at <paramref name="start"/>, so a
/// test moves the clock (and Quartz with it). The scheduler looks for due triggers every second, so a jump is seen quickly.
/// </summary>
public sealed class ClockedFactory(DateTimeOffset start, string? dataDirectory = null, bool clockEnabled = true) : EntryFactory
{
    public FakeTimeProvider Time { get; } = new(start);

    /// <summary>Every shift change published, in order.</summary>
    public ShiftChangeRecorder Changes { get; } = new();

    /// <summary>More handlers to register before <see cref="Changes"/>.</summary>
    public List<Action<IServiceCollection>> MoreServices { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (dataDirectory is not null)
        {
            TestDatabase.Use(builder, dataDirectory);
        }
        builder.UseSetting("Entry:Shifts:Enabled", clockEnabled ? "true" : "false");
        builder.UseSetting("Entry:Shifts:SchedulerIdleWaitSeconds", "1");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            MoreServices.ForEach(add => add(services));
            services.AddSingleton<IShiftChangedHandler>(Changes);
        });
    }

    /// <summary>Runs the clock's catch-up in a scope of its own, as the job does.</summary>
    public async Task<IReadOnlyList<ShiftChanged>> CatchUpAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ShiftClock>().CatchUpAsync(CancellationToken.None);
    }

    /// <summary>The shift clock's records, in order.</summary>
    public Task<List<ShiftRecord>> RecordsAsync() => WithDbAsync(db => Task.FromResult(db.ShiftRecords
        .OrderBy(r => r.Date).ThenBy(r => r.Shift).ThenBy(r => r.Transition).ToList()));
}

public sealed class ShiftChangeRecorder : IShiftChangedHandler
{
    public ConcurrentQueue<ShiftChanged> Received { get; } = new();

    public Task HandleAsync(ShiftChanged change, CancellationToken ct)
    {
        Received.Enqueue(change);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Tests that move Quartz's clock: <c>Quartz.SystemTime</c> is process-wide, so they run alone, not beside other servers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MovedClockCollection
{
    public const string Name = "Moved clock";
}

public static class Local
{
    /// <summary>A local time (Asia/Ho_Chi_Minh) as an instant.</summary>
    public static DateTimeOffset At(DateOnly date, int hour, int minute, int second = 0) =>
        ShiftCalendar.At(date, new TimeOnly(hour, minute, second));

    /// <summary>Waits for an outcome, polling; fails after <paramref name="seconds"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> outcome, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await outcome())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not seen within {seconds} s: {what}");
            await Task.Delay(100);
        }
    }
}

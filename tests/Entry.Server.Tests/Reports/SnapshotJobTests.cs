using Entry.Server.Features.Reports;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Entry.Server.Tests.Reports;

/// <summary>The 22:00 snapshot job, driven by Quartz on a moved clock.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class SnapshotJobTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Fact]
    public async Task The_job_fires_at_22_00_local_and_stores_the_day_once_replacing_on_a_second_run()
    {
        await using var server = new ClockedFactory(Local.At(Day, 21, 59, 50), clockEnabled: false);
        var admin = await server.AdminAsync();
        (await admin.PostAsync("/api/books/import", Csv.Body("SJ-1,25216,birth,1,1990-01-01,2018-12-31,40,good"))).EnsureSuccessStatusCode();
        var scheduler = await server.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = await scheduler.GetTrigger(DailySnapshotJob.Nightly);

        Assert.NotNull(trigger);
        Assert.Equal(DailySnapshotJob.Key, trigger.JobKey);
        Assert.Equal(Local.At(Day, 22, 0), trigger.GetNextFireTimeUtc());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero), trigger.GetNextFireTimeUtc());
        // The start-up run found last night's 22:00 already followed by this morning's shifts: nothing to take.
        Assert.Empty(await DatesAsync(server));

        server.Time.Advance(TimeSpan.FromSeconds(20));
        await Local.EventuallyAsync(async () => (await DatesAsync(server)).Count > 0, "the snapshot of the day");
        var first = await RowsAsync(server);

        server.Time.Advance(TimeSpan.FromMinutes(5));
        await scheduler.TriggerJob(DailySnapshotJob.Key);
        await Local.EventuallyAsync(async () => (await RowsAsync(server)).All(r => r.TakenAt == Local.At(Day, 22, 5, 10)), "the second run");
        var second = await RowsAsync(server);

        Assert.Equal([Day], await DatesAsync(server));
        Assert.All(first, r => Assert.Equal(Local.At(Day, 22, 0, 10), r.TakenAt));
        Assert.Equal(first.Count, second.Count);
        Assert.Equal(first.Select(r => (r.Scope, r.Type)).Order(), second.Select(r => (r.Scope, r.Type)).Order());
        var units = await server.WithDbAsync(db => db.Units.CountAsync());
        var districts = await server.WithDbAsync(db => db.Units.CountAsync(u => u.ParentCode != null && u.DistrictCode == u.Code));
        Assert.Equal((1 + districts + units) * 4, second.Count);
        var commune = second.Single(r => r is { Scope: "unit:25216", Type: Entry.Shared.Books.BookType.Birth });
        var district = second.Single(r => r is { Scope: "district:688", Type: Entry.Shared.Books.BookType.Birth });
        var province = second.Single(r => r is { Scope: "province", Type: Entry.Shared.Books.BookType.Birth });
        Assert.Equal((40, 1), (commune.Target, commune.Books));
        Assert.Equal((40, 1), (district.Target, district.Books));
        Assert.Equal((40, 1), (province.Target, province.Books));
    }

    [Fact]
    public async Task A_server_that_was_down_at_22_00_takes_the_snapshot_at_start_up_before_the_next_shift()
    {
        await using var server = new ClockedFactory(Local.At(Day.AddDays(1), 1, 30), clockEnabled: false);
        _ = server.Services;

        await Local.EventuallyAsync(async () => (await DatesAsync(server)).Count > 0, "the start-up snapshot");

        Assert.Equal([Day], await DatesAsync(server));
        Assert.All(await RowsAsync(server), r => Assert.Equal(Local.At(Day.AddDays(1), 1, 30), r.TakenAt));
    }

    [Fact]
    public void The_day_is_the_one_whose_snapshot_time_was_last_passed()
    {
        var at = new TimeOnly(22, 0);

        Assert.Equal(Local.At(Day, 22, 0), DailySnapshotJob.LastDue(Local.At(Day, 22, 0), at));
        Assert.Equal(Local.At(Day, 22, 0), DailySnapshotJob.LastDue(Local.At(Day.AddDays(1), 5, 59), at));
        Assert.Equal(Local.At(Day.AddDays(-1), 22, 0), DailySnapshotJob.LastDue(Local.At(Day, 21, 59), at));
        Assert.Equal(Day, ShiftCalendar.LocalDate(DailySnapshotJob.LastDue(Local.At(Day.AddDays(1), 0, 30), at)));
    }

    private static Task<List<DateOnly>> DatesAsync(EntryFactory server) =>
        server.WithDbAsync(db => db.DailySnapshots.Select(s => s.Date).Distinct().ToListAsync());

    private static Task<List<DailySnapshot>> RowsAsync(EntryFactory server) =>
        server.WithDbAsync(db => db.DailySnapshots.AsNoTracking().ToListAsync());
}

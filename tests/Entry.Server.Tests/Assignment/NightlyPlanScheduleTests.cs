using Entry.Server.Features.Assignment;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Entry.Server.Tests.Assignment;

public sealed class NightlyPlanScheduleTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Fact]
    public async Task The_plan_is_recomputed_every_night_at_23_00_local_time()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/health/ready");
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = await scheduler.GetTrigger(new TriggerKey("nightly-plan", "assignment"));

        Assert.NotNull(trigger);
        Assert.Equal(NightlyPlanJob.Key, trigger.JobKey);
        var next = ShiftCalendar.ToLocal(trigger.GetNextFireTimeUtc()!.Value);
        Assert.Equal(new TimeOnly(23, 0), TimeOnly.FromDateTime(next.DateTime));
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(24));
        Assert.True(await scheduler.CheckExists(NightlyPlanJob.Key));
    }
}

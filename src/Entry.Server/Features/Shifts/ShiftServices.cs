using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;

namespace Entry.Server.Features.Shifts;

public static class ShiftServices
{
    /// <summary>The boundaries of the day the scheduler fires at, local time (Asia/Ho_Chi_Minh).</summary>
    public static readonly TimeOnly[] BoundaryTimes = [new(6, 0), new(12, 0), new(17, 0), new(22, 0)];

    /// <summary>The shift clock and its job on the scheduler (the scheduler itself: <c>AddJobs</c>).</summary>
    public static IServiceCollection AddShifts(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<ShiftOptions>().BindConfiguration(ShiftOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ShiftEvents>();
        services.AddScoped<ShiftClock>();

        services.AddOptions<QuartzOptions>().Configure<IOptions<ShiftOptions>>((quartz, shifts) =>
        {
            quartz["quartz.scheduler.idleWaitTime"] = (shifts.Value.SchedulerIdleWaitSeconds * 1000).ToString(CultureInfo.InvariantCulture);
            if (shifts.Value.Enabled)
            {
                AddShiftClock(quartz);
            }
        });
        return services;
    }

    private static void AddShiftClock(QuartzOptions quartz)
    {
        quartz.AddJob<ShiftClockJob>(job => job.WithIdentity(ShiftClockJob.Key).StoreDurably());
        foreach (var at in BoundaryTimes)
        {
            // A boundary missed while the scheduler ran late fires once, now; the clock then records what is due.
            quartz.AddTrigger(trigger => trigger
                .ForJob(ShiftClockJob.Key)
                .WithIdentity($"shift-clock-{at:HHmm}", "shifts")
                .WithCronSchedule($"0 {at.Minute} {at.Hour} * * ?", cron => cron
                    .InTimeZone(ShiftCalendar.Zone)
                    .WithMisfireHandlingInstructionFireAndProceed()));
        }
        // The scheduler keeps nothing across a restart (in-memory store): this run catches up what was missed meanwhile.
        quartz.AddTrigger(trigger => trigger
            .ForJob(ShiftClockJob.Key)
            .WithIdentity("shift-clock-start-up", "shifts")
            .StartNow()
            .WithSimpleSchedule(simple => simple.WithRepeatCount(0).WithMisfireHandlingInstructionFireNow()));
    }
}

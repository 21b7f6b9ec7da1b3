using Entry.Server.Features.Shifts;
using Microsoft.Extensions.Options;
using Quartz;

namespace Entry.Server.Features.Assignment;

public static class AssignmentServices
{
    public static IServiceCollection AddAssignment(this IServiceCollection services)
    {
        services.AddOptions<PlanningOptions>().BindConfiguration(PlanningOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MeasuredPaceSnapshot>();
        services.AddScoped<MeasuredPace>();
        services.AddScoped<TeamCapacity>();
        services.AddScoped<PlanInputReader>();
        services.AddScoped<ProposalService>();
        services.AddScoped<AssignmentService>();
        services.AddScoped<FinishProjection>();
        services.AddOptions<QuartzOptions>().Configure<IOptions<PlanningOptions>>((quartz, planning) =>
        {
            var at = TimeOnly.ParseExact(planning.Value.NightlyAt, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            quartz.AddJob<NightlyPlanJob>(job => job.WithIdentity(NightlyPlanJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(NightlyPlanJob.Key)
                .WithIdentity("nightly-plan", "assignment")
                .WithCronSchedule($"0 {at.Minute} {at.Hour} * * ?", cron => cron
                    .InTimeZone(ShiftCalendar.Zone)
                    .WithMisfireHandlingInstructionFireAndProceed()));
        });
        return services;
    }
}

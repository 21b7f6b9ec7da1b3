using Entry.Server.Features.Shifts;
using Microsoft.Extensions.Options;
using Quartz;

namespace Entry.Server.Features.National;

public static class ReconciliationServices
{
    /// <summary>The reconciliation with the national database: the run, one at a time, and its nightly job.</summary>
    public static IServiceCollection AddNationalReconciliation(this IServiceCollection services)
    {
        services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReconciliationService>();
        services.AddSingleton<ReconciliationRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ReconciliationRunner>());
        services.AddOptions<QuartzOptions>().Configure<IOptions<ReconciliationOptions>>((quartz, reconciliation) =>
        {
            if (!reconciliation.Value.Nightly)
            {
                return;
            }
            var at = TimeOnly.ParseExact(reconciliation.Value.NightlyAt, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            quartz.AddJob<ReconciliationJob>(job => job.WithIdentity(ReconciliationJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(ReconciliationJob.Key)
                .WithIdentity("nightly-reconciliation", "national")
                .WithCronSchedule($"0 {at.Minute} {at.Hour} * * ?", cron => cron
                    .InTimeZone(ShiftCalendar.Zone)
                    .WithMisfireHandlingInstructionDoNothing()));
        });
        return services;
    }
}

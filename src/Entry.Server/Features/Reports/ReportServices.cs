using Entry.Server.Features.Shifts;
using Microsoft.Extensions.Options;
using Quartz;

namespace Entry.Server.Features.Reports;

public static class ReportServices
{
    /// <summary>The daily snapshots (the writer and its 22:00 job) and the periodic report.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ScopeFigures>();
        services.AddScoped<SnapshotWriter>();
        services.AddScoped<ProgressReportBuilder>();
        services.AddOptions<QuartzOptions>().Configure<IOptions<ReportOptions>>((quartz, reports) =>
        {
            var at = reports.Value.SnapshotTime;
            quartz.AddJob<DailySnapshotJob>(job => job.WithIdentity(DailySnapshotJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(DailySnapshotJob.Key)
                .WithIdentity(DailySnapshotJob.Nightly)
                .WithCronSchedule($"0 {at.Minute} {at.Hour} * * ?", cron => cron
                    .InTimeZone(ShiftCalendar.Zone)
                    .WithMisfireHandlingInstructionFireAndProceed()));
            // The in-memory scheduler forgets a 22:00 that passed while the server was down: this run takes it if still possible.
            quartz.AddTrigger(trigger => trigger
                .ForJob(DailySnapshotJob.Key)
                .WithIdentity(DailySnapshotJob.StartUp)
                .StartNow()
                .WithSimpleSchedule(simple => simple.WithRepeatCount(0).WithMisfireHandlingInstructionFireNow()));
        });
        return services;
    }
}

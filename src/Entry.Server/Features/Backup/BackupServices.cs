using Entry.Server.Features.Shifts;
using Microsoft.Extensions.Options;
using Quartz;

namespace Entry.Server.Features.Backup;

public static class BackupServices
{
    /// <summary>The data directory's lock, the backups (taker, endpoint's options) and the nightly backup job.</summary>
    public static IServiceCollection AddBackup(this IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Disposed with the container, so a stopped server (or a test's server) lets go of the directory at once.
        services.AddSingleton(new DataDirectoryLock(dataDirectory));
        services.AddSingleton<BackupTaker>();
        services.AddOptions<QuartzOptions>().Configure<IOptions<BackupOptions>>((quartz, backup) =>
        {
            if (!backup.Value.Nightly)
            {
                return;
            }
            var at = backup.Value.Time;
            quartz.AddJob<NightlyBackupJob>(job => job.WithIdentity(NightlyBackupJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(NightlyBackupJob.Key)
                .WithIdentity(NightlyBackupJob.Nightly)
                .WithCronSchedule($"0 {at.Minute} {at.Hour} * * ?", cron => cron
                    .InTimeZone(ShiftCalendar.Zone)
                    .WithMisfireHandlingInstructionDoNothing()));
        });
        return services;
    }
}

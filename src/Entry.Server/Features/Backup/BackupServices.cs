using Entry.Server.Features.Shifts;
using Microsoft.Extensions.Options;
using Quartz;

namespace Entry.Server.Features.Backup;

public static class BackupServices
{
    /// <summary>The data directory's lock, the backups (taker, endpoint's options) and the nightly backup job.</summary>
    public static IServiceCollection AddBackup(this IServiceCollection services, string dataDirectory, bool nightly = true)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Made by the container (not given as an instance), so the container disposes it: a stopped server, a test's
        // server among them, lets go of the directory at once.
        services.AddSingleton(_ => new DataDirectoryLock(dataDirectory));
        services.AddSingleton<BackupTaker>();
        services.AddOptions<QuartzOptions>().Configure<IOptions<BackupOptions>>((quartz, backup) =>
        {
            if (!nightly || !backup.Value.Nightly)
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

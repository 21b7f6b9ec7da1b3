using Quartz;

namespace Entry.Server.Jobs;

public static class JobServices
{
    /// <summary>
    /// The scheduler the features' jobs run on (each feature adds its own jobs and triggers to <see cref="QuartzOptions"/>).
    /// Knows no feature: the features use Quartz, not this folder.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        // Before the Quartz hosted service: the scheduler reads the injected clock and logs through this server from the start.
        services.AddHostedService<QuartzHostBinding>();
        services.AddQuartz(quartz =>
        {
            // Quartz keeps its schedulers in a static repository by name: one name per server instance,
            // so several servers in one process (the integration tests) each get their own.
            quartz.SchedulerName = $"entry-{Guid.NewGuid():N}";
            quartz.UseInMemoryStore();
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}

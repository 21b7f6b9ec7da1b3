using Entry.Server.Data;
using Quartz;

namespace Entry.Server.Jobs;

public static class JobServices
{
    /// <summary>Names the scheduler all instances on one PostgreSQL database share: a trigger fires on one of them.</summary>
    public const string ClusteredNameKey = "Entry:Jobs:SchedulerName";

    /// <summary>
    /// The scheduler the features' jobs run on (each feature adds its own jobs and triggers to <see cref="QuartzOptions"/>).
    /// Knows no feature: the features use Quartz, not this folder. On SQLite (one box) its store is in memory; on PostgreSQL
    /// it is Quartz's ADO.NET store in the same database, clustered, so several instances run each firing once, and a
    /// firing missed while every instance was down is handled by the next to start.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        // Before the Quartz hosted service: the scheduler reads the injected clock and logs through this server from the start.
        services.AddHostedService<QuartzHostBinding>();
        var clustered = DataServices.ProviderOf(configuration) == DatabaseProvider.PostgreSql;
        var connectionString = configuration.GetConnectionString("Entry");
        services.AddQuartz(quartz =>
        {
            if (clustered)
            {
                quartz.SchedulerName = configuration[ClusteredNameKey] is { Length: > 0 } name ? name : "entry";
                quartz.SchedulerId = "AUTO";
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(postgres =>
                    {
                        postgres.ConnectionString = connectionString!;
                        postgres.TablePrefix = "qrtz_";
                    });
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(5);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(20);
                    });
                });
            }
            else
            {
                // Quartz keeps its schedulers in a static repository by name: one name per server instance,
                // so several servers in one process (the integration tests) each get their own.
                quartz.SchedulerName = $"entry-{Guid.NewGuid():N}";
                quartz.UseInMemoryStore();
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}

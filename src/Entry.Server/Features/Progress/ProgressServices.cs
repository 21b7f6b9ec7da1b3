namespace Entry.Server.Features.Progress;

public static class ProgressServices
{
    /// <summary>The running counters every change to a case updates, and their readers.</summary>
    public static IServiceCollection AddProgress(this IServiceCollection services)
    {
        services.AddScoped<ProgressCounters>();
        return services;
    }
}

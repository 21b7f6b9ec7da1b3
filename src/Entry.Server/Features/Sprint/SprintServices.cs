namespace Entry.Server.Features.Sprint;

public static class SprintServices
{
    /// <summary>The sprint's settings. <see cref="ISprintEvents"/> is implemented and registered by the live view (<c>AddLive</c>).</summary>
    public static IServiceCollection AddSprint(this IServiceCollection services)
    {
        services.AddScoped<SprintSettingsStore>();
        return services;
    }
}

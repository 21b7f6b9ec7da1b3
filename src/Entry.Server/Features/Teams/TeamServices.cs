namespace Entry.Server.Features.Teams;

public static class TeamServices
{
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddScoped<TeamAccess>();
        services.AddScoped<TeamDirectory>();
        return services;
    }
}

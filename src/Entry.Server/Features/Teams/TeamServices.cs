using Entry.Server.Features.Rosters;

namespace Entry.Server.Features.Teams;

public static class TeamServices
{
    /// <summary>The services of the Teams and Rosters features.</summary>
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddScoped<TeamAccess>();
        services.AddScoped<TeamDirectory>();
        services.AddScoped<RosterBook>();
        services.AddScoped<RosterPlanner>();
        return services;
    }
}

using Entry.Server.Features.Teams;

namespace Entry.Server.Features.Rosters;

public static class RosterServices
{
    public static IServiceCollection AddRosters(this IServiceCollection services)
    {
        services.AddScoped<RosterReader>();
        services.AddScoped<RosterPlanner>();
        // Teams takes a removed member off the open shifts through this, on the same scoped planner.
        services.AddScoped<ITeamRosters>(provider => provider.GetRequiredService<RosterPlanner>());
        return services;
    }
}

namespace Entry.Server.Features.Rosters;

public static class RosterServices
{
    public static IServiceCollection AddRosters(this IServiceCollection services)
    {
        services.AddScoped<RosterBook>();
        services.AddScoped<RosterPlanner>();
        return services;
    }
}

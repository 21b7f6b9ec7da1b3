using Entry.Server.Common.Cluster;
using Entry.Server.Features.Shifts;

namespace Entry.Server.Features.Dashboard;

public static class DashboardServices
{
    /// <summary>The dashboard's queries, the map, and the live dashboards' watchers (the live view sends their changes).</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddScoped<DashboardTableReader>();
        services.AddScoped<DashboardQuery>();
        services.AddScoped<DashboardLiveQuery>();
        services.AddScoped<TeamsBehindQuery>();
        services.AddScoped<DrillDownQuery>();
        services.AddScoped<DashboardWatch>();
        services.AddSingleton<DashboardWatchers>();
        services.AddClusterHandler<DashboardsChanged, DashboardsChangedHandler>();
        services.AddScoped<IShiftChangedHandler, DashboardsOnShiftChange>();
        services.AddSingleton<DistrictMap>();
        return services;
    }
}

using Entry.Server.Features.Shifts;
using Entry.Server.Features.Teams;

namespace Entry.Server.Features.Claims;

public static class ClaimServices
{
    public static IServiceCollection AddClaims(this IServiceCollection services)
    {
        services.AddScoped<ClaimService>();
        // Teams and Rosters end the claims of people they take off through this, on the same scoped service.
        services.AddScoped<IOffRosterClaims>(provider => provider.GetRequiredService<ClaimService>());
        services.AddScoped<IShiftClosedHandler, ReleaseClaimsAtShiftClose>();
        return services;
    }
}

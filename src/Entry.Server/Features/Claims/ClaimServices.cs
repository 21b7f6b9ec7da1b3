using Entry.Server.Features.Shifts;

namespace Entry.Server.Features.Claims;

public static class ClaimServices
{
    public static IServiceCollection AddClaims(this IServiceCollection services)
    {
        services.AddScoped<ClaimService>();
        services.AddScoped<IShiftClosedHandler, ReleaseClaimsAtShiftClose>();
        return services;
    }
}

using Entry.Server.Features.Cases;
using Entry.Server.Features.Shifts;

namespace Entry.Server.Features.Quality;

public static class QualityServices
{
    public static IServiceCollection AddQuality(this IServiceCollection services)
    {
        services.AddOptions<QualityOptions>().BindConfiguration(QualityOptions.Section);
        services.AddScoped<IBookFinishedHandler, QualityDrawer>();
        services.AddScoped<SecondKeying>();
        services.AddScoped<Arbitration>();
        services.AddScoped<QualityFigureBuilder>();
        services.AddScoped<IShiftClosedHandler, ReleaseQualityClaimsAtShiftClose>();
        return services;
    }
}

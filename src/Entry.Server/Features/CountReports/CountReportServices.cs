namespace Entry.Server.Features.CountReports;

public static class CountReportServices
{
    public static IServiceCollection AddCountReports(this IServiceCollection services) => services.AddScoped<CountReportService>();
}

namespace Entry.Server.Features.Cases;

public static class CaseServices
{
    public static IServiceCollection AddCases(this IServiceCollection services) => services.AddScoped<CaseRecorder>().AddScoped<SkipRecorder>().AddScoped<CaseReview>();
}

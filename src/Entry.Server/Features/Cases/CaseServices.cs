namespace Entry.Server.Features.Cases;

public static class CaseServices
{
    /// <summary>The case ledger (one per process: it gathers the changes of all requests) and the features' rules on it.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<CaseLedger>();
        services.AddOptions<LateArrivalOptions>().BindConfiguration(LateArrivalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<LateArrivals>();
        return services.AddScoped<CaseRecorder>().AddScoped<SkipRecorder>().AddScoped<CaseReview>();
    }
}

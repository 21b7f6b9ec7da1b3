namespace Entry.Server.Features.Cases;

public static class CaseServices
{
    /// <summary>The case ledger (one per process: it gathers the changes of all requests) and the features' rules on it.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<CaseLedger>();
        return services.AddScoped<CaseRecorder>().AddScoped<SkipRecorder>().AddScoped<CaseReview>();
    }
}

using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Quartz;
using Refit;

namespace Entry.Server.Features.National;

public static class NationalServices
{
    public const string PipelineName = "national-db";

    /// <summary>The national database: the stub (embedded by default), the Refit client with its resilience pipeline, the outbox and its dispatcher.</summary>
    public static IServiceCollection AddNationalDb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NationalDbOptions>().BindConfiguration(NationalDbOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NationalDbEndpoint>();
        services.AddSingleton<NationalCircuit>();
        services.AddSingleton<NationalSignal>();
        services.AddSingleton<NationalMetrics>();
        services.AddScoped<NationalOutbox>();
        services.AddScoped<Cases.ICaseMessages>(sp => sp.GetRequiredService<NationalOutbox>());
        services.AddScoped<NationalOutcomes>();
        services.AddScoped<NationalStatusReader>();
        // Before the dispatcher: the stub listens before anything calls it.
        services.AddHostedService<EmbeddedNationalDb>();
        if (Data.DataServices.ProviderOf(configuration) == Data.DatabaseProvider.PostgreSql)
        {
            // Any number of instances may dispatch: each sends only what it leased. Longer than a round takes (its calls
            // time out well before), short enough that a killed instance's messages go out soon after.
            services.AddSingleton(new OutboxLeases(TimeSpan.FromSeconds(60)));
        }
        services.AddSingleton<NationalDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NationalDispatcher>());
        services.AddNationalReconciliation();
        services.AddOptions<QuartzOptions>().Configure(quartz =>
        {
            quartz.AddJob<NationalDispatchJob>(job => job.WithIdentity(NationalDispatchJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(NationalDispatchJob.Key)
                .WithIdentity("national-dispatch-safety-net", "national")
                .WithSimpleSchedule(simple => simple.WithIntervalInSeconds(60).RepeatForever().WithMisfireHandlingInstructionNextWithRemainingCount()));
        });

        services.AddRefitGeneratedClient<INationalDbApi>()
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<NationalDbEndpoint>().BaseAddress;
                // The pipeline's timeouts rule; HttpClient's own 100 s would only get in their way.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler(PipelineName, (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<NationalDbOptions>>().Value.Resilience;
                var circuit = context.ServiceProvider.GetRequiredService<NationalCircuit>();
                var breakDuration = TimeSpan.FromSeconds(settings.CircuitBreakSeconds);
                var maxDelay = TimeSpan.FromMilliseconds(settings.MaxDelayMilliseconds);
                pipeline
                    .AddTimeout(TimeSpan.FromSeconds(settings.TotalTimeoutSeconds))
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(settings.BaseDelayMilliseconds),
                        MaxDelay = maxDelay,
                        // 429 and 503 carry Retry-After: the wait the national side asks for.
                        ShouldRetryAfterHeader = true,
                        // A longer wait than the pipeline's own is left to the outbox: the message is scheduled after
                        // it and the dispatcher's slot is not held for the whole wait.
                        ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)
                            && !(RetryAfter(args.Outcome.Result) > maxDelay)),
                    })
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = settings.CircuitFailureRatio,
                        MinimumThroughput = settings.CircuitMinimumThroughput,
                        SamplingDuration = TimeSpan.FromSeconds(settings.CircuitSamplingSeconds),
                        BreakDuration = breakDuration,
                        OnOpened = args => { circuit.Opened(args.BreakDuration); return default; },
                        OnHalfOpened = _ => { circuit.HalfOpened(); return default; },
                        OnClosed = _ => { circuit.Closed(); return default; },
                    })
                    .AddTimeout(TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds));
            });
        return services;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response) =>
        response?.Headers.RetryAfter is not { } header ? null
        : header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}

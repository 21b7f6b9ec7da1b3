using Entry.NationalDb.Contracts;
using Entry.NationalDb.Records;
using Microsoft.EntityFrameworkCore;

namespace Entry.NationalDb.Faults;

/// <summary>Tell the stub how to misbehave, and read what it has seen. The stub listens on 127.0.0.1 only by default.</summary>
public static class AdminEndpoints
{
    public static void MapAdmin(this WebApplication app)
    {
        var admin = app.MapGroup("/admin").ExcludeFromDescription();
        admin.MapGet("/faults", (FaultState faults) => faults.Current);
        admin.MapPut("/faults", (FaultSettings settings, FaultState faults) =>
        {
            if (Invalid(settings) is { } errors)
            {
                return Results.ValidationProblem(errors);
            }
            faults.Set(settings);
            return Results.Ok(settings);
        });
        admin.MapDelete("/faults", (FaultState faults) => { faults.Set(new FaultSettings()); return Results.NoContent(); });
        admin.MapPost("/outage", (OutageRequest outage, FaultState faults, TimeProvider time) =>
        {
            if (outage.Seconds is < 0 or > 86_400)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["seconds"] = ["An outage lasts 0 to 86,400 seconds."] });
            }
            var settings = faults.Current with { OutageUntil = outage.Seconds == 0 ? null : time.GetUtcNow().AddSeconds(outage.Seconds) };
            faults.Set(settings);
            return Results.Ok(settings);
        });
        admin.MapGet("/stats", async (StubDb db, StubCounters counters) => counters.Read(await db.Records.LongCountAsync()));
        admin.MapGet("/attempts", (AttemptLog attempts) => attempts.Summary());
        admin.MapGet("/attempts/{key}", (string key, AttemptLog attempts) => attempts.Of(key));
    }

    private static Dictionary<string, string[]>? Invalid(FaultSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, rate) in new[] { ("errorRate", settings.ErrorRate), ("rateLimitRate", settings.RateLimitRate), ("slowRate", settings.SlowRate) })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                errors[name] = ["A rate is between 0 and 1."];
            }
        }
        if (settings.ErrorRate + settings.RateLimitRate + settings.SlowRate > 1)
        {
            errors["errorRate"] = ["The rates add up to at most 1."];
        }
        if (settings.LatencyMilliseconds is < 0 or > 600_000)
        {
            errors["latencyMilliseconds"] = ["Latency is 0 to 600,000 ms."];
        }
        if (settings.SlowMilliseconds is < 0 or > 600_000)
        {
            errors["slowMilliseconds"] = ["Slow answers take 0 to 600,000 ms."];
        }
        if (settings.RetryAfterSeconds is < 1 or > 3_600)
        {
            errors["retryAfterSeconds"] = ["Retry-After is 1 to 3,600 seconds."];
        }
        if (settings.OutageRetryAfterSeconds is < 1 or > 3_600)
        {
            errors["outageRetryAfterSeconds"] = ["Retry-After is 1 to 3,600 seconds."];
        }
        return errors.Count > 0 ? errors : null;
    }
}

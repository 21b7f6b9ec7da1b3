using System.Globalization;
using Entry.NationalDb.Contracts;

namespace Entry.NationalDb.Faults;

/// <summary>
/// Makes the records API behave like an unreliable remote service: an outage answers 503 to everything; otherwise a
/// request may be delayed, refused with 429 and <c>Retry-After</c>, or fail with 500/503 before it is handled. A "slow"
/// request is handled (and stored) but answered only after the delay, so a client that times out retries a write the
/// national side already holds — which the idempotency key settles.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next, FaultState faults, StubCounters counters, AttemptLog attempts, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        if (!HttpMethods.IsGet(http.Request.Method) && http.Request.Headers[Records.RecordEndpoints.KeyHeader].ToString() is { Length: > 0 } key)
        {
            attempts.Arrived(key, time.GetUtcNow());
        }
        var settings = faults.Current;
        var aborted = http.RequestAborted;
        if (settings.OutageUntil is { } until && time.GetUtcNow() < until)
        {
            await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, "Outage", "The national database is down.",
                retryAfter: settings.OutageRetryAfterSeconds ?? (int)Math.Ceiling((until - time.GetUtcNow()).TotalSeconds));
            return;
        }
        if (settings.LatencyMilliseconds > 0)
        {
            await Task.Delay(settings.LatencyMilliseconds, aborted);
        }
        var roll = Random.Shared.NextDouble();
        if (roll < settings.RateLimitRate)
        {
            await RefuseAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests", "Slow down.", settings.RetryAfterSeconds);
            return;
        }
        roll -= settings.RateLimitRate;
        if (roll < settings.ErrorRate)
        {
            var status = roll < settings.ErrorRate / 2 ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
            await RefuseAsync(http, status, "Injected failure", "The national database failed to answer.", retryAfter: null);
            return;
        }
        roll -= settings.ErrorRate;
        if (roll < settings.SlowRate)
        {
            counters.Faulted();
            var delay = settings.SlowMilliseconds;
            http.Response.OnStarting(() => Task.Delay(delay, aborted));
        }
        await next(http);
    }

    private async Task RefuseAsync(HttpContext http, int status, string title, string detail, int? retryAfter)
    {
        counters.Faulted();
        http.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        }
        await Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(http);
    }
}

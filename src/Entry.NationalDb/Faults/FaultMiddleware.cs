using System.Globalization;
using System.Text.Json;
using Entry.NationalDb.Contracts;

namespace Entry.NationalDb.Faults;

/// <summary>
/// Makes the records API behave like an unreliable remote service: an outage answers 503 to everything; otherwise a
/// request may be delayed, refused with 429 and <c>Retry-After</c>, or fail with 500/503 before it is handled. A "slow"
/// request is handled (and stored) but answered only after the delay, so a client that times out retries a write the
/// national side already holds — which the idempotency key settles. A batch is one request: it is refused, delayed or
/// answered late as a whole, and each of its items counts as an attempt of its own key.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next, FaultState faults, StubCounters counters, AttemptLog attempts, TimeProvider time)
{
    private const string BatchPath = "/api/civil-records/batch";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            await LogAttemptsAsync(http);
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

    /// <summary>Every write of the request, by its key: the header of a single write, each item's key of a batch.</summary>
    private async Task LogAttemptsAsync(HttpContext http)
    {
        var at = time.GetUtcNow();
        if (http.Request.Headers[Records.RecordEndpoints.KeyHeader].ToString() is { Length: > 0 } key)
        {
            attempts.Arrived(key, at);
        }
        if (!http.Request.Path.Equals(BatchPath, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        // Read before any fault, then rewound for the endpoint; a body that is not JSON is the endpoint's to refuse.
        http.Request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("records", out var records)
                && records.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in records.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("idempotencyKey", out var itemKey)
                        && itemKey.ValueKind == JsonValueKind.String && itemKey.GetString() is { Length: > 0 } k)
                    {
                        attempts.Arrived(k, at);
                    }
                }
            }
        }
        catch (JsonException)
        {
        }
        http.Request.Body.Position = 0;
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

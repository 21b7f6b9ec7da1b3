using System.Net;
using System.Text.Json;
using Entry.NationalDb.Contracts;
using Entry.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Refit;

namespace Entry.Server.Features.National;

/// <summary>
/// Sends the outbox to the national database: woken by new work (and by the safety-net job), it takes the due
/// messages in batches — the oldest message of each case only, so a case's versions arrive in order — sends them with
/// bounded parallelism and records each outcome. While the national side is down it waits (the circuit's break, a
/// message's growing backoff); it never spins and holds at most one batch in memory.
/// </summary>
public sealed partial class NationalDispatcher(
    IServiceScopeFactory scopes, NationalSignal signal, NationalCircuit circuit, NationalMetrics metrics, IOptions<NationalDbOptions> options,
    TimeProvider time, ILogger<NationalDispatcher> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ShortPause = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatch = options.Value.Dispatch;
        if (!dispatch.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database hiccup: try again shortly. The exception type only — a message could carry personal data.
                LogRoundFailed(e.GetType().Name);
                wait = TimeSpan.FromSeconds(dispatch.RetryBaseSeconds);
            }
            if (wait > TimeSpan.Zero)
            {
                await signal.WaitAsync(wait, stoppingToken);
                // While the circuit is open a new case's wake does not shorten the break.
                var broken = circuit.WaitBeforeNextCall();
                if (broken > TimeSpan.Zero)
                {
                    await Task.Delay(broken, time, stoppingToken);
                }
            }
        }
    }

    /// <summary>Sends one batch; answers how long to wait before the next (zero: more is due now).</summary>
    public async Task<TimeSpan> RunOnceAsync(CancellationToken ct)
    {
        var dispatch = options.Value.Dispatch;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntryDb>();
        metrics.Observe(await BacklogAsync(db, ct));
        if (circuit.WaitBeforeNextCall() is var broken && broken > TimeSpan.Zero)
        {
            return broken;
        }
        var now = time.GetUtcNow();
        var due = await DueAsync(db, now, dispatch.BatchSize, ct);
        if (due.Count == 0)
        {
            var next = await db.Set<NationalMessage>().Where(m => m.State == NationalMessageState.Pending)
                .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
            var idle = TimeSpan.FromSeconds(dispatch.IdleSeconds);
            return next is { } at ? TimeSpan.FromTicks(Math.Clamp((at - now).Ticks, TimeSpan.FromMilliseconds(50).Ticks, idle.Ticks)) : idle;
        }

        var api = scope.ServiceProvider.GetRequiredService<INationalDbApi>();
        var outcomes = new Outcome[due.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, due.Count), new ParallelOptions { MaxDegreeOfParallelism = dispatch.Parallelism, CancellationToken = ct },
            async (i, token) => outcomes[i] = await SendAsync(api, due[i], token));

        var recorder = scope.ServiceProvider.GetRequiredService<NationalOutcomes>();
        await recorder.RecordAsync(outcomes, ct);
        metrics.Record(outcomes);
        // The national side asked everyone to wait (429/503 with Retry-After): the whole dispatcher waits, not just the
        // message — but no longer than the retry cap, so one answer cannot hold the outbox after the national side is
        // back; a national side still refusing opens the circuit, which then decides the wait.
        var asked = Capped(outcomes.Select(o => o.RetryAfter ?? TimeSpan.Zero).DefaultIfEmpty().Max(), dispatch);
        if (outcomes.Any(o => o.Kind == OutcomeKind.NotSent))
        {
            // The circuit refused them without a call: wait out its break (at least a moment while it is half-open),
            // or the loop would spin on messages that stay due.
            asked = new[] { asked, circuit.WaitBeforeNextCall(), ShortPause }.Max();
        }
        return asked > TimeSpan.Zero ? asked : outcomes.Any(o => o.Kind == OutcomeKind.Transient) ? ShortPause : TimeSpan.Zero;
    }

    /// <summary>What one Retry-After may make the dispatcher (or a message) wait: at most <c>Dispatch:RetryMaxSeconds</c>.</summary>
    public static TimeSpan Capped(TimeSpan retryAfter, NationalDispatchOptions dispatch) =>
        TimeSpan.FromTicks(Math.Min(retryAfter.Ticks, TimeSpan.FromSeconds(dispatch.RetryMaxSeconds).Ticks));

    /// <summary>
    /// The due messages, at most a batch, only the oldest pending message of each case (its versions go in order).
    /// Read in the order of the (State, NextAttemptAt) index and filtered in memory: a correlated "no earlier pending
    /// message" condition made each round cost the whole backlog (0.6 s at 88,000 pending).
    /// </summary>
    private static async Task<List<DueMessage>> DueAsync(EntryDb db, DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        var messages = db.Set<NationalMessage>().AsNoTracking();
        var candidates = await messages
            .Where(m => m.State == NationalMessageState.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(batchSize * 2)
            .Select(m => new { m.Id, m.CaseId, m.IdempotencyKey, m.Payload, m.Attempts })
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return [];
        }
        var caseIds = candidates.Select(c => c.CaseId).Distinct().ToList();
        var oldest = (await messages.Where(m => caseIds.Contains(m.CaseId) && m.State == NationalMessageState.Pending)
            .GroupBy(m => m.CaseId).Select(g => g.Min(m => m.Id)).ToListAsync(ct)).ToHashSet();
        var recordIds = await db.CaseEntries.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.NationalRecordId }).ToDictionaryAsync(c => c.Id, c => c.NationalRecordId, ct);
        return candidates.Where(c => oldest.Contains(c.Id)).OrderBy(c => c.Id).Take(batchSize)
            .Select(c => new DueMessage(c.Id, c.CaseId, c.IdempotencyKey, c.Payload, c.Attempts, recordIds.GetValueOrDefault(c.CaseId)))
            .ToList();
    }

    /// <summary>
    /// Messages waiting to be sent and when the oldest was stored, and those held until their case is verified; read in one
    /// query through the (State, …) index, never the delivered rows. <paramref name="messages"/>: all, or a district's.
    /// </summary>
    public static async Task<Backlog> BacklogAsync(EntryDb db, CancellationToken ct, IQueryable<NationalMessage>? messages = null)
    {
        var states = await (messages ?? db.Set<NationalMessage>().AsNoTracking())
            .Where(m => m.State == NationalMessageState.Pending || m.State == NationalMessageState.Held)
            .GroupBy(m => m.State)
            .Select(g => new { State = g.Key, Count = g.Count(), Oldest = g.Min(m => (DateTimeOffset?)m.CreatedAt) })
            .ToListAsync(ct);
        var pending = states.FirstOrDefault(s => s.State == NationalMessageState.Pending);
        return new Backlog(pending?.Count ?? 0, pending?.Oldest, states.FirstOrDefault(s => s.State == NationalMessageState.Held)?.Count ?? 0);
    }

    private async Task<Outcome> SendAsync(INationalDbApi api, DueMessage message, CancellationToken ct)
    {
        var record = JsonSerializer.Deserialize<CivilRecordRequest>(message.Payload, Json)!;
        try
        {
            var response = message.RecordId is { } recordId
                ? await api.UpdateAsync(recordId, message.IdempotencyKey, record, ct)
                : await api.CreateAsync(message.IdempotencyKey, record, ct);
            if (response.IsSuccessStatusCode && response.Content is { } accepted)
            {
                return new Outcome(message, OutcomeKind.Delivered, accepted.RecordId, null, null);
            }
            return Failed(message, response.StatusCode ?? 0, response.Error, RetryAfterOf(response.Headers?.RetryAfter));
        }
        catch (BrokenCircuitException)
        {
            // The circuit is open: nothing was sent. The message keeps its place; the dispatcher waits out the break.
            return new Outcome(message, OutcomeKind.NotSent, null, null, null);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException
                                    or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            return new Outcome(message, OutcomeKind.Transient, null, null, e.GetType().Name);
        }
    }

    private static Outcome Failed(DueMessage message, HttpStatusCode status, ApiExceptionBase? failure, TimeSpan? retryAfter)
    {
        var error = failure as ApiException;
        var body = error?.Content;
        switch (status)
        {
            case HttpStatusCode.UnprocessableEntity:
                return new Outcome(message, OutcomeKind.Rejected, null, ErrorsOf(body), "422 rejected");
            case HttpStatusCode.Conflict when RecordIdOf(body) is { } held:
                // Another key already delivered this case (e.g. an answer lost before a crash): adopt the national id.
                return new Outcome(message, OutcomeKind.Delivered, held, null, null);
            case HttpStatusCode.Conflict or HttpStatusCode.NotFound or HttpStatusCode.BadRequest:
                return new Outcome(message, OutcomeKind.Rejected, null, null, $"{(int)status} {error?.ReasonPhrase}");
            default:
                return new Outcome(message, OutcomeKind.Transient, null, null, $"{(int)status} {error?.ReasonPhrase}", retryAfter);
        }
    }

    private TimeSpan? RetryAfterOf(System.Net.Http.Headers.RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);

    private static string? RecordIdOf(string? problem)
    {
        if (string.IsNullOrEmpty(problem))
        {
            return null;
        }
        using var json = JsonDocument.Parse(problem);
        return json.RootElement.TryGetProperty("recordId", out var id) ? id.GetString() : null;
    }

    /// <summary>The field errors of a rejection (field names and the national side's reasons; it never quotes values).</summary>
    private static Dictionary<string, string[]>? ErrorsOf(string? problem)
    {
        if (string.IsNullOrEmpty(problem))
        {
            return null;
        }
        using var json = JsonDocument.Parse(problem);
        return json.RootElement.TryGetProperty("errors", out var errors)
            ? errors.Deserialize<Dictionary<string, string[]>>(Json)
            : null;
    }

    [LoggerMessage(EventId = 8100, Level = LogLevel.Warning, Message = "National dispatch round failed: {ExceptionType}")]
    private partial void LogRoundFailed(string exceptionType);
}

public sealed record DueMessage(long Id, Guid CaseId, string IdempotencyKey, string Payload, int Attempts, string? RecordId);

public enum OutcomeKind
{
    Delivered,
    Rejected,
    /// <summary>Failed in a way that may pass (5xx, 429, timeout, connection refused): try again later.</summary>
    Transient,
    /// <summary>Not sent at all (the circuit was open).</summary>
    NotSent,
}

public sealed record Outcome(DueMessage Message, OutcomeKind Kind, string? RecordId, Dictionary<string, string[]>? Errors, string? Error,
    TimeSpan? RetryAfter = null);

/// <param name="Held">Messages of flagged cases, waiting for the verification before they are sent.</param>
public sealed record Backlog(int Pending, DateTimeOffset? OldestPendingAt, int Held);

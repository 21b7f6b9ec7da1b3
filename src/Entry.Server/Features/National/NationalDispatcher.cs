using System.Diagnostics;
using System.Text.Json;
using Entry.NationalDb.Contracts;
using Entry.Server.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Refit;

namespace Entry.Server.Features.National;

/// <summary>
/// Sends the outbox to the national database: woken by new work (and by the safety-net job), it takes the due
/// messages of a round — the oldest message of each case only, so a case's versions arrive in order — spreads them over
/// at most <c>Dispatch:Parallelism</c> batch requests of at most <c>Dispatch:BatchSize</c> records each, sends those at
/// once and records each record's own answer — while the next rounds are sent. While the national side is down it waits
/// (the circuit's break, a message's growing backoff); it never spins and holds at most four rounds in memory.
/// </summary>
public sealed partial class NationalDispatcher(
    IServiceScopeFactory scopes, NationalSignal signal, NationalCircuit circuit, NationalMetrics metrics, IOptions<NationalDbOptions> options,
    TimeProvider time, ILogger<NationalDispatcher> logger, OutboxLeases? leases = null) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ShortPause = TimeSpan.FromMilliseconds(200);
    /// <summary>The backlog gauges are read at most this often: counting 100,000 pending rows every round would cost more than the round.</summary>
    private static readonly TimeSpan BacklogEvery = TimeSpan.FromSeconds(1);
    private long backlogReadAt;
    /// <summary>
    /// Rounds whose outcomes wait to be recorded (behind the cases' writes at the write gate) while the next is sent, with
    /// their messages, still pending until then. At most this many: a slow database slows the push, it does not pile up.
    /// </summary>
    private const int RoundsBeingRecorded = 3;
    private readonly Queue<(Task Task, long[] Ids)> recordings = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatch = options.Value.Dispatch;
        if (!dispatch.Enabled)
        {
            return;
        }
        try
        {
            await LoopAsync(dispatch, stoppingToken);
        }
        finally
        {
            // The last rounds' outcomes are recorded, or rolled back by the stop: never left running past the host.
            await RecordedAsync();
        }
    }

    private async Task LoopAsync(NationalDispatchOptions dispatch, CancellationToken stoppingToken)
    {
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

    /// <summary>
    /// Sends one round while earlier rounds' outcomes are recorded, then hands its own outcomes to be recorded; answers
    /// how long to wait before the next (zero: more is due now). The messages being recorded are left out of this round
    /// (they are pending until recorded), and so are their cases' newer versions (not the oldest yet).
    /// </summary>
    public async Task<TimeSpan> RunOnceAsync(CancellationToken ct)
    {
        var dispatch = options.Value.Dispatch;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntryDb>();
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref backlogReadAt)) >= BacklogEvery)
        {
            metrics.Observe(await BacklogAsync(db, ct));
            Interlocked.Exchange(ref backlogReadAt, Stopwatch.GetTimestamp());
        }
        if (circuit.WaitBeforeNextCall() is var broken && broken > TimeSpan.Zero)
        {
            await RecordedAsync();
            return broken;
        }
        while (recordings.TryPeek(out var oldest) && oldest.Task.IsCompleted)
        {
            recordings.Dequeue();
        }
        var now = time.GetUtcNow();
        var inFlight = recordings.SelectMany(r => r.Ids).ToList();
        var due = await DueAsync(db, now, dispatch.BatchSize * dispatch.Parallelism, inFlight, ct);
        if (due.Count == 0)
        {
            if (recordings.Count > 0)
            {
                // Only messages being recorded were due: look again once they are.
                await RecordedAsync();
                return TimeSpan.Zero;
            }
            var next = await db.Set<NationalMessage>().Where(m => m.State == NationalMessageState.Pending)
                .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
            var idle = TimeSpan.FromSeconds(dispatch.IdleSeconds);
            return next is { } at ? TimeSpan.FromTicks(Math.Clamp((at - now).Ticks, TimeSpan.FromMilliseconds(50).Ticks, idle.Ticks)) : idle;
        }

        var api = scope.ServiceProvider.GetRequiredService<INationalDbApi>();
        var answered = await Task.WhenAll(Batches(due, dispatch).Select(batch => SendAsync(api, batch, ct)));
        var outcomes = answered.SelectMany(batch => batch).ToList();

        // Recorded in the order sent (the write gate queues them in turn). A case is in one of these rounds at most:
        // its newer version becomes due only once its older one is recorded.
        if (recordings.Count >= RoundsBeingRecorded)
        {
            await recordings.Dequeue().Task;
        }
        recordings.Enqueue((RecordAsync(outcomes, ct), due.Select(m => m.Id).ToArray()));
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
        var wait = asked > TimeSpan.Zero ? asked : outcomes.Any(o => o.Kind == OutcomeKind.Transient) ? ShortPause : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            // Nothing more to send now: the outcomes are stored before the dispatcher sleeps.
            await RecordedAsync();
        }
        return wait;
    }

    private async Task RecordedAsync()
    {
        while (recordings.TryDequeue(out var round))
        {
            await round.Task;
        }
    }

    /// <summary>
    /// Stores a round's outcomes in a scope of its own. It never fails the loop: outcomes that could not be stored leave
    /// their messages pending, sent again later and replayed by their keys.
    /// </summary>
    private async Task RecordAsync(IReadOnlyList<Outcome> outcomes, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NationalOutcomes>().RecordAsync(outcomes, ct);
            metrics.Record(outcomes);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogRoundFailed(e.GetType().Name);
        }
    }

    /// <summary>
    /// A round's messages spread evenly over at most <c>Parallelism</c> requests of at most <c>BatchSize</c> records:
    /// a small round goes in several small requests at once (a quicker answer), a backlog in full ones.
    /// </summary>
    public static IEnumerable<IReadOnlyList<DueMessage>> Batches(IReadOnlyList<DueMessage> due, NationalDispatchOptions dispatch)
    {
        var requests = Math.Min(dispatch.Parallelism, due.Count);
        var size = Math.Max((int)Math.Ceiling(due.Count / (double)requests), 1);
        return due.Chunk(Math.Min(size, dispatch.BatchSize));
    }

    /// <summary>What one Retry-After may make the dispatcher (or a message) wait: at most <c>Dispatch:RetryMaxSeconds</c>.</summary>
    public static TimeSpan Capped(TimeSpan retryAfter, NationalDispatchOptions dispatch) =>
        TimeSpan.FromTicks(Math.Min(retryAfter.Ticks, TimeSpan.FromSeconds(dispatch.RetryMaxSeconds).Ticks));

    /// <summary>
    /// The due messages, at most a round, only the oldest pending message of each case (its versions go in order).
    /// Read in the order of the (State, NextAttemptAt) index and filtered in memory: a correlated "no earlier pending
    /// message" condition made each round cost the whole backlog (0.6 s at 88,000 pending).
    /// </summary>
    private async Task<List<DueMessage>> DueAsync(EntryDb db, DateTimeOffset now, int roundSize, IReadOnlyCollection<long> inFlight,
        CancellationToken ct)
    {
        var messages = db.Set<NationalMessage>().AsNoTracking();
        var due = messages.Where(m => m.State == NationalMessageState.Pending && m.NextAttemptAt <= now && !inFlight.Contains(m.Id));
        if (leases is not null)
        {
            // Several instances: only what this one leased now, nobody else's.
            var leased = await leases.TakeAsync(db, now, roundSize * 2, ct);
            due = messages.Where(m => leased.Contains(m.Id));
        }
        var candidates = await due
            .OrderBy(m => m.NextAttemptAt)
            .Take(roundSize * 2)
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
        var round = candidates.Where(c => oldest.Contains(c.Id)).OrderBy(c => c.Id).Take(roundSize)
            .Select(c => new DueMessage(c.Id, c.CaseId, c.IdempotencyKey, c.Payload, c.Attempts, recordIds.GetValueOrDefault(c.CaseId)))
            .ToList();
        if (leases is not null && round.Count < candidates.Count)
        {
            // Leased but not sent this round (a newer version of a case, or past the round): free for anyone at once.
            var sent = round.Select(m => m.Id).ToHashSet();
            await leases.ReleaseAsync(db, candidates.Select(c => c.Id).Where(id => !sent.Contains(id)).ToList(), ct);
        }
        return round;
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

    /// <summary>
    /// One batch request: each record's own answer becomes its outcome; a failure of the whole request (a timeout, a
    /// refused connection, 429/5xx with Retry-After, any answer that is not the batch's) is every record's, and the
    /// circuit refusing the call leaves them all unsent.
    /// </summary>
    private async Task<Outcome[]> SendAsync(INationalDbApi api, IReadOnlyList<DueMessage> batch, CancellationToken ct)
    {
        var request = new CivilRecordBatchRequest
        {
            Records = batch.Select(m => new CivilRecordBatchItem
            {
                IdempotencyKey = m.IdempotencyKey,
                RecordId = m.RecordId,
                Record = JsonSerializer.Deserialize<CivilRecordRequest>(m.Payload, Json)!,
            }).ToList(),
        };
        try
        {
            var response = await api.BatchAsync(request, ct);
            if (response.IsSuccessStatusCode && response.Content?.Results is { } results)
            {
                var byKey = results.Where(r => r.IdempotencyKey is not null).GroupBy(r => r.IdempotencyKey!, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                return batch.Select(m => byKey.TryGetValue(m.IdempotencyKey, out var result)
                    ? OutcomeOf(m, result)
                    : new Outcome(m, OutcomeKind.Transient, null, null, "no answer for the record")).ToArray();
            }
            var status = (int)(response.StatusCode ?? 0);
            var retryAfter = RetryAfterOf(response.Headers?.RetryAfter);
            var error = $"{status} {(response.Error as ApiException)?.ReasonPhrase ?? ReasonPhrases.GetReasonPhrase(status)}";
            return batch.Select(m => new Outcome(m, OutcomeKind.Transient, null, null, error, retryAfter)).ToArray();
        }
        catch (BrokenCircuitException)
        {
            // The circuit is open: nothing was sent. The messages keep their place; the dispatcher waits out the break.
            return batch.Select(m => new Outcome(m, OutcomeKind.NotSent, null, null, null)).ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException
                                    or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            return batch.Select(m => new Outcome(m, OutcomeKind.Transient, null, null, e.GetType().Name)).ToArray();
        }
    }

    /// <summary>One record's answer, mapped as the single-record endpoints' answers are.</summary>
    private static Outcome OutcomeOf(DueMessage message, CivilRecordBatchResult result)
    {
        var reason = $"{result.Status} {ReasonPhrases.GetReasonPhrase(result.Status)}";
        switch (result.Status)
        {
            case StatusCodes.Status200OK or StatusCodes.Status201Created when result.Accepted is { } accepted:
                return new Outcome(message, OutcomeKind.Delivered, accepted.RecordId, null, null);
            case StatusCodes.Status422UnprocessableEntity:
                // The field names and the national side's reasons; it never quotes values.
                return new Outcome(message, OutcomeKind.Rejected, null,
                    result.Problem?.Errors is { } errors ? new Dictionary<string, string[]>(errors) : null, "422 rejected");
            case StatusCodes.Status409Conflict when result.Problem?.RecordId is { } held:
                // Another key already delivered this case (e.g. an answer lost before a crash): adopt the national id.
                return new Outcome(message, OutcomeKind.Delivered, held, null, null);
            case StatusCodes.Status409Conflict or StatusCodes.Status404NotFound or StatusCodes.Status400BadRequest:
                return new Outcome(message, OutcomeKind.Rejected, null, null, reason);
            default:
                return new Outcome(message, OutcomeKind.Transient, null, null, reason);
        }
    }

    private TimeSpan? RetryAfterOf(System.Net.Http.Headers.RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);

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

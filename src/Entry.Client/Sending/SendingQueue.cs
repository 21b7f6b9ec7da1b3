using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Sending;

/// <summary>
/// The clerk's new cases and skipped numbers on their way to the server. Each is kept in the <see cref="ISendStore"/> from the
/// moment it is sent until the server answers for it, and sent again with its id meanwhile: first while the clerk waits
/// (<see cref="SendAsync"/>), then in the background. An answer — stored (2xx) or refused with a reason (4xx) — ends it;
/// a 5xx or an unreachable server does not. Pages read the state and follow <see cref="Changed"/>.
/// </summary>
public sealed partial class SendingQueue(EntryApi api, ISendStore store, SendingSchedule schedule) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<PendingSend> _waiting = [];
    private readonly HashSet<Guid> _inFlight = [];
    private readonly CancellationTokenSource _stopping = new();
    private Guid? _inFront;
    private bool _resumed;

    /// <summary>Something shown changed: what waits, an attempt, the last failure.</summary>
    public event Action? Changed;

    /// <summary>The server stored the item (it is gone from the queue).</summary>
    public event Action<PendingSend, CaseEntryResult>? Acknowledged;

    /// <summary>The server refused the item with a reason (it is gone from the queue; sending it again would not help).</summary>
    public event Action<PendingSend, ApiProblem>? Refused;

    /// <summary>Every item without an answer yet, the one the clerk waits for included, oldest first.</summary>
    public IReadOnlyList<PendingSend> Waiting
    {
        get
        {
            lock (_gate)
            {
                return [.. _waiting];
            }
        }
    }

    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>The item the clerk is waiting for, with its attempt count; null when every unanswered one is in the background.</summary>
    public PendingSend? InFront
    {
        get
        {
            lock (_gate)
            {
                return _waiting.FirstOrDefault(i => i.Id == _inFront);
            }
        }
    }

    /// <summary>The last send that got no answer; null again once the server answers one.</summary>
    public SendFailure? LastFailure { get; private set; }

    /// <summary>Takes up what the store kept from before (nothing, while it is in memory) and retries it in the background. Once.</summary>
    public async Task ResumeAsync()
    {
        lock (_gate)
        {
            if (_resumed)
            {
                return;
            }

            _resumed = true;
        }

        foreach (var item in await store.LoadAsync(_stopping.Token))
        {
            lock (_gate)
            {
                if (_waiting.Any(i => i.Id == item.Id))
                {
                    continue;
                }

                _waiting.Add(item);
            }

            _ = RetryInBackgroundAsync(item.Id);
        }

        Changed?.Invoke();
    }

    /// <summary>
    /// Queues <paramref name="item"/> and sends it while the caller waits, again after each wait of the schedule. Returns the
    /// server's answer, or null when there was none: the item then stays queued and is sent again in the background. When
    /// <paramref name="cancellationToken"/> fires (the page is left), the waiting ends, not the item.
    /// </summary>
    public async Task<ApiResult<CaseEntryResult>?> SendAsync(PendingSend item, CancellationToken cancellationToken = default)
    {
        await store.PutAsync(item, _stopping.Token);
        lock (_gate)
        {
            _waiting.Add(item);
            _inFront = item.Id;
        }

        var waits = schedule.WaitsFor(item);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            for (var i = 0; ; i++)
            {
                if (await TrySendAsync(item.Id) is { } answer)
                {
                    return answer;
                }

                if (i >= waits.Count)
                {
                    break;
                }

                await Task.Delay(waits[i], waiting.Token);
            }
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                _inFront = null;
            }

            Changed?.Invoke();
        }

        _ = RetryInBackgroundAsync(item.Id);
        return null;
    }

    /// <summary>The clerk's "send again" on an item waiting in the background: now rather than at its next round.</summary>
    public async Task ResendNowAsync(Guid id)
    {
        lock (_gate)
        {
            if (_inFront == id)
            {
                return;
            }
        }

        await TrySendAsync(id);
    }

    /// <summary>Stops the retries (the app is closing). The token source is not disposed: a send ending now still reads it.</summary>
    public void Dispose() => _stopping.Cancel();

    private bool IsWaiting(Guid id)
    {
        lock (_gate)
        {
            return _waiting.Any(i => i.Id == id);
        }
    }

    private async Task RetryInBackgroundAsync(Guid id)
    {
        try
        {
            while (IsWaiting(id))
            {
                await Task.Delay(schedule.BackgroundWait, _stopping.Token);
                await TrySendAsync(id);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }
}

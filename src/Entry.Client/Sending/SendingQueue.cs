using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Sending;

/// <summary>
/// The clerk's new cases, skipped numbers and corrections on their way to the server. Each is written to the
/// <see cref="ISendStore"/> before it is sent, and sent again with its id until the server answers: the form waits for the
/// first answer a few seconds at most (<see cref="SendingSchedule.ForegroundPatience"/>), then the queue goes on in the
/// background, oldest first, while the clerk types the next ones. An answer ends an item: stored (2xx), or refused with a
/// reason (4xx), which keeps it in the store until the clerk reopens or discards it. A 5xx, 401, 408, 429 or an unreachable
/// server does not. Pages read the state and follow <see cref="Changed"/>.
/// </summary>
public sealed partial class SendingQueue(EntryApi api, ISendStore store, SendingSchedule schedule) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<PendingSend> _waiting = [];
    private readonly List<PendingSend> _refused = [];
    private readonly HashSet<Guid> _inFlight = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _nudge = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Guid? _inFront;
    private bool _resumed;
    private bool _draining;

    /// <summary>Something shown changed: what waits, an attempt, the last failure, a refusal.</summary>
    public event Action? Changed;

    /// <summary>The server stored the new case or skip (it is gone from the queue).</summary>
    public event Action<PendingSend, CaseEntryResult>? Acknowledged;

    /// <summary>The server stored the correction (it is gone from the queue).</summary>
    public event Action<PendingSend, CaseEntryDetails>? Corrected;

    /// <summary>The server refused the item with a reason: it waits in <see cref="Refused"/> for the clerk.</summary>
    public event Action<PendingSend, ApiProblem>? RefusedItem;

    /// <summary>The user whose items this queue sends (others' items in the same browser stay in the store, untouched).</summary>
    public string? Owner { get; private set; }

    /// <summary>Every item without an answer yet, the one the form waits for included, oldest first.</summary>
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

    /// <summary>When the oldest item still waiting was saved; null when nothing waits.</summary>
    public DateTimeOffset? WaitingSince
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count == 0 ? null : _waiting.Min(i => i.QueuedAt);
            }
        }
    }

    /// <summary>Items the server refused, oldest first: the clerk reopens (and fixes) or discards each.</summary>
    public IReadOnlyList<PendingSend> Refused
    {
        get
        {
            lock (_gate)
            {
                return [.. _refused];
            }
        }
    }

    /// <summary>The item the form is waiting for, with its attempt count; null when every unanswered one is in the background.</summary>
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

    /// <summary>The server answered 401: the session ended. Items wait until the clerk signs in again.</summary>
    public bool NeedsSignIn { get; private set; }

    /// <summary>
    /// Takes up what the store kept from before for <paramref name="owner"/> (items saved before a reload, a closed tab, a
    /// restart) and sends what waits in the background. Once per owner.
    /// </summary>
    public async Task ResumeAsync(string? owner = null)
    {
        lock (_gate)
        {
            if (_resumed && Owner == owner)
            {
                return;
            }

            _resumed = true;
            Owner = owner;
            _waiting.Clear();
            _refused.Clear();
        }

        foreach (var item in await store.LoadAsync(_stopping.Token))
        {
            if (item.Owner is { } itemOwner && itemOwner != owner)
            {
                continue;
            }

            lock (_gate)
            {
                if (_waiting.Any(i => i.Id == item.Id) || _refused.Any(i => i.Id == item.Id))
                {
                    continue;
                }

                (item.Refusal is null ? _waiting : _refused).Add(item);
            }
        }

        Changed?.Invoke();
        Kick();
    }

    /// <summary>
    /// Writes <paramref name="item"/> to the store, then sends it while the caller waits — unless earlier items still wait,
    /// which are sent first — for at most <see cref="SendingSchedule.ForegroundPatience"/>. Returns the server's answer, or
    /// null when there was none in time: the item then goes on in the background, and its answer comes as an event. A
    /// refusal answered in time is handed to the caller and not kept (the form shows it with what was typed).
    /// </summary>
    public async Task<SendAnswer?> SendAsync(PendingSend item, CancellationToken cancellationToken = default)
    {
        item = item.Queued(DateTimeOffset.UtcNow, Owner);
        await store.PutAsync(item, _stopping.Token);
        bool behindOthers;
        lock (_gate)
        {
            behindOthers = _waiting.Count > 0;
            _waiting.Add(item);
            if (!behindOthers)
            {
                _inFront = item.Id;
            }
        }

        Changed?.Invoke();
        if (behindOthers)
        {
            Kick();
            return null;
        }

        var send = TrySendAsync(item.Id);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            await Task.WhenAny(send, Task.Delay(schedule.ForegroundPatience, waiting.Token));
        }
        finally
        {
            lock (_gate)
            {
                _inFront = null;
            }
        }

        var answer = send.IsCompletedSuccessfully ? send.Result : null;
        if (answer is { Problem: not null } && !waiting.IsCancellationRequested)
        {
            await ForgetRefusedAsync(item.Id);
        }

        Changed?.Invoke();
        if (answer is null)
        {
            Kick();
        }

        return answer;
    }

    /// <summary>The clerk's "send again", or the link is back: send now rather than at the next round.</summary>
    public void SendNow()
    {
        lock (_gate)
        {
            _nudge.TrySetResult();
        }

        Kick();
    }

    /// <summary>The clerk takes a refused item back into the form, or throws it away: it leaves the queue and the store.</summary>
    public async Task ForgetRefusedAsync(Guid id)
    {
        lock (_gate)
        {
            _refused.RemoveAll(i => i.Id == id);
        }

        await store.RemoveAsync(id, _stopping.Token);
        Changed?.Invoke();
    }

    /// <summary>Stops the sending (the app is closing). The token source is not disposed: a send ending now still reads it.</summary>
    public void Dispose() => _stopping.Cancel();

    /// <summary>Starts the background sending unless it runs already.</summary>
    private void Kick()
    {
        lock (_gate)
        {
            if (_draining || _waiting.Count == 0 || _stopping.IsCancellationRequested)
            {
                return;
            }

            _draining = true;
        }

        _ = DrainAsync();
    }

    /// <summary>Sends what waits, oldest first, one at a time; after a send without an answer, waits longer each time (or until nudged).</summary>
    private async Task DrainAsync()
    {
        var failures = 0;
        try
        {
            while (true)
            {
                PendingSend? next;
                lock (_gate)
                {
                    if (_waiting.Count == 0 || _stopping.IsCancellationRequested)
                    {
                        _draining = false;
                        return;
                    }

                    next = _waiting.FirstOrDefault(i => !_inFlight.Contains(i.Id));
                }

                if (next is not null && await TrySendAsync(next.Id) is not null)
                {
                    failures = 0;
                    continue;
                }

                // No answer, or only the form's own send under way: wait, then try the oldest again.
                failures++;
                await WaitAsync(schedule.RetryWait(failures));
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            lock (_gate)
            {
                _draining = false;
            }
        }
    }

    private async Task WaitAsync(TimeSpan wait)
    {
        Task nudged;
        lock (_gate)
        {
            nudged = _nudge.Task;
        }

        if (!nudged.IsCompleted)
        {
            await Task.WhenAny(nudged, Task.Delay(wait, _stopping.Token));
        }

        _stopping.Token.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_nudge.Task.IsCompleted)
            {
                _nudge = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}

using Microsoft.JSInterop;

namespace Entry.Client.Sending;

/// <summary>The browser's "online" event: when the link comes back the queue sends at once rather than at its next round.</summary>
public sealed class LinkWatch(IJSRuntime js, SendingQueue queue) : IAsyncDisposable
{
    private DotNetObjectReference<LinkWatch>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _subscription;

    public async Task StartAsync()
    {
        if (_self is not null)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        try
        {
            _module = await js.InvokeAsync<IJSObjectReference>("import", "./js/send-store.js");
            _subscription = await _module.InvokeAsync<IJSObjectReference>("watchOnline", _self);
        }
        catch (JSException)
        {
            // Without the event the queue still retries on its own schedule.
        }
    }

    [JSInvokable]
    public void LinkBack() => queue.SendNow();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_subscription is not null)
            {
                await _subscription.InvokeVoidAsync("dispose");
                await _subscription.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
        }

        _self?.Dispose();
    }
}

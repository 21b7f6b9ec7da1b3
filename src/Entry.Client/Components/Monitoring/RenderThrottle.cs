namespace Entry.Client.Components.Monitoring;

/// <summary>
/// Renders at most once per <paramref name="interval"/>: requests inside the interval fold into one render at its end, so a
/// burst of live messages costs a slow machine one render, not one each.
/// </summary>
public sealed class RenderThrottle(Func<Task> render, TimeSpan interval) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private bool _pending;

    public void Request()
    {
        if (_pending || _stopping.IsCancellationRequested)
        {
            return;
        }
        _pending = true;
        _ = RenderLaterAsync();
    }

    private async Task RenderLaterAsync()
    {
        try
        {
            var wait = _last + interval - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _stopping.Token);
            }
            _pending = false;
            _last = DateTimeOffset.UtcNow;
            await render();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    // Cancelled, not disposed: a render already waiting still reads its token.
    public void Dispose() => _stopping.Cancel();
}

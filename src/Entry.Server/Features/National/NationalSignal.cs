namespace Entry.Server.Features.National;

/// <summary>Wakes the dispatcher when new work is committed; many wakes while it is busy count as one.</summary>
public sealed class NationalSignal
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>True when woken, false when the wait ran out.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => wake.WaitAsync(timeout, ct);
}

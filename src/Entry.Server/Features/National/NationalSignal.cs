namespace Entry.Server.Features.National;

/// <summary>Wakes the dispatcher when new work is committed; many wakes while it is busy count as one.</summary>
public sealed class NationalSignal
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Wake()
    {
        // Already woken: nothing to add (and no exception thrown and caught per case under load).
        if (wake.CurrentCount > 0)
        {
            return;
        }
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Woken by another thread between the check and the release.
        }
    }

    /// <summary>True when woken, false when the wait ran out.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => wake.WaitAsync(timeout, ct);
}

namespace Entry.Server.Features.National;

/// <summary>What the resilience pipeline's circuit breaker is doing, for the dispatcher (wait, don't knock) and the status page.</summary>
public sealed class NationalCircuit(TimeProvider time)
{
    private readonly Lock gate = new();
    private DateTimeOffset? openUntil;

    public string State { get; private set; } = "closed";
    public int TimesOpened { get; private set; }
    public DateTimeOffset? LastOpenedAt { get; private set; }
    public DateTimeOffset? LastClosedAt { get; private set; }

    public void Opened(TimeSpan breakDuration)
    {
        lock (gate)
        {
            State = "open";
            TimesOpened++;
            LastOpenedAt = time.GetUtcNow();
            openUntil = LastOpenedAt + breakDuration;
        }
    }

    public void HalfOpened()
    {
        lock (gate)
        {
            State = "half-open";
        }
    }

    public void Closed()
    {
        lock (gate)
        {
            State = "closed";
            LastClosedAt = time.GetUtcNow();
            openUntil = null;
        }
    }

    /// <summary>How long a caller should wait before knocking again; zero when the circuit lets calls through.</summary>
    public TimeSpan WaitBeforeNextCall()
    {
        lock (gate)
        {
            return openUntil is { } until && until > time.GetUtcNow() ? until - time.GetUtcNow() : TimeSpan.Zero;
        }
    }
}

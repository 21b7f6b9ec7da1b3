namespace Entry.Client.Sending;

/// <summary>
/// How long the form waits for the first answer to a save (<see cref="ForegroundPatience"/>; the clerk goes on typing after
/// that, and at once when earlier items still wait), and when the queue sends again in the background: after
/// <see cref="FirstRetry"/>, doubling up to <see cref="BackgroundWait"/>, until the server answers. One send that has no
/// answer after <see cref="AttemptTimeout"/> counts as unanswered: on a rural link a request can hang without the connection
/// ever failing, and it would otherwise hold the queue until the HTTP client's own 100 s.
/// </summary>
public sealed record SendingSchedule
{
    public TimeSpan ForegroundPatience { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan BackgroundWait { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after the <paramref name="failures"/>-th send in a row without an answer.</summary>
    public TimeSpan RetryWait(int failures)
    {
        var wait = FirstRetry * Math.Pow(2, Math.Clamp(failures - 1, 0, 16));
        return wait < BackgroundWait ? wait : BackgroundWait;
    }
}

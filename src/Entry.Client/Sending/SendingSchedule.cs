namespace Entry.Client.Sending;

/// <summary>
/// When the queue sends again. While the clerk waits, after each wait of the list in turn (a case about a minute, a skipped
/// number a few seconds); then in the background, every <see cref="BackgroundWait"/> until the server answers.
/// </summary>
public sealed record SendingSchedule
{
    public IReadOnlyList<TimeSpan> CaseWaits { get; init; } = Seconds(1, 2, 4, 8, 15, 15, 15);
    public IReadOnlyList<TimeSpan> SkipWaits { get; init; } = Seconds(1, 2, 4);
    public TimeSpan BackgroundWait { get; init; } = TimeSpan.FromSeconds(15);

    public IReadOnlyList<TimeSpan> WaitsFor(PendingSend item) => item.Case is not null ? CaseWaits : SkipWaits;

    private static TimeSpan[] Seconds(params int[] seconds) => [.. seconds.Select(s => TimeSpan.FromSeconds(s))];
}

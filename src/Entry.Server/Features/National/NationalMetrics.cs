using System.Diagnostics.Metrics;

namespace Entry.Server.Features.National;

/// <summary>
/// The sync's figures as .NET metrics (meter <c>Entry.National</c>: watch with <c>dotnet-counters monitor -n Entry.Server
/// --counters Entry.National</c>) and for the status endpoint: delivered, rejected and failed sends, the backlog and
/// the age of its oldest message, the sync lag.
/// </summary>
public sealed class NationalMetrics
{
    public const string MeterName = "Entry.National";

    private readonly TimeProvider time;
    private readonly Counter<long> delivered;
    private readonly Counter<long> rejected;
    private readonly Counter<long> failed;
    private Backlog backlog = new(0, null, 0);

    public NationalMetrics(IMeterFactory meters, TimeProvider time)
    {
        this.time = time;
        var meter = meters.Create(MeterName);
        delivered = meter.CreateCounter<long>("entry.national.delivered", description: "Cases accepted by the national database");
        rejected = meter.CreateCounter<long>("entry.national.rejected", description: "Cases the national database rejected");
        failed = meter.CreateCounter<long>("entry.national.failed", description: "Sends that failed and will be retried");
        meter.CreateObservableGauge("entry.national.backlog", () => backlog.Pending, description: "Messages waiting to be sent");
        meter.CreateObservableGauge("entry.national.held", () => backlog.Held, description: "Messages of flagged cases held until they are verified");
        meter.CreateObservableGauge("entry.national.oldest_pending_age", () => OldestPendingAge.TotalSeconds, unit: "s",
            description: "Age of the oldest message waiting");
    }

    public Backlog Backlog => backlog;
    public DateTimeOffset? LastDeliveredAt { get; private set; }
    /// <summary>The last failure, until a later batch delivers without a transient failure (then null again).</summary>
    public string? LastError { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }

    public TimeSpan OldestPendingAge => backlog.OldestPendingAt is { } at ? time.GetUtcNow() - at : TimeSpan.Zero;

    public void Observe(Backlog current) => backlog = current;

    public void Record(IReadOnlyCollection<Outcome> outcomes)
    {
        var sent = outcomes.Count(o => o.Kind == OutcomeKind.Delivered);
        delivered.Add(sent);
        rejected.Add(outcomes.Count(o => o.Kind == OutcomeKind.Rejected));
        failed.Add(outcomes.Count(o => o.Kind == OutcomeKind.Transient));
        var now = time.GetUtcNow();
        if (sent > 0)
        {
            LastDeliveredAt = now;
        }
        // A transient failure says the sync is still troubled; otherwise a delivery says it works again, and an error
        // seen before it is past (a rejection in the same batch is the case's answer, shown in the rejected count).
        var failure = outcomes.LastOrDefault(o => o.Kind == OutcomeKind.Transient && o.Error is not null)
            ?? (sent > 0 ? null : outcomes.LastOrDefault(o => o.Error is not null));
        if (failure is not null)
        {
            LastError = failure.Error;
            LastErrorAt = now;
        }
        else if (sent > 0)
        {
            LastError = null;
            LastErrorAt = null;
        }
    }
}

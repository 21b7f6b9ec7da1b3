using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Entry.Server.Features.Cases;

/// <summary>
/// How the ledger batches (meter <c>Entry.Ledger</c>: batch sizes, commit times), and a summary line logged every ten
/// seconds while changes flow: the figures that say whether group commit is doing its job.
/// </summary>
public sealed partial class LedgerMetrics
{
    public const string MeterName = "Entry.Ledger";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> commitTime;
    private readonly ILogger<LedgerMetrics> logger;
    private readonly object gate = new();
    private long since = Stopwatch.GetTimestamp();
    private int batches;
    private int changes;
    private int largest;
    private double busyMilliseconds;

    public LedgerMetrics(IMeterFactory meters, ILogger<LedgerMetrics> logger)
    {
        this.logger = logger;
        var meter = meters.Create(MeterName);
        batchSize = meter.CreateHistogram<int>("entry.ledger.batch_size", description: "Case changes committed per transaction");
        commitTime = meter.CreateHistogram<double>("entry.ledger.batch_duration", unit: "ms",
            description: "From a batch's first query to its commit");
    }

    public void Batch(int size, TimeSpan took)
    {
        batchSize.Record(size);
        commitTime.Record(took.TotalMilliseconds);
        lock (gate)
        {
            batches++;
            changes += size;
            largest = Math.Max(largest, size);
            busyMilliseconds += took.TotalMilliseconds;
            var elapsed = Stopwatch.GetElapsedTime(since);
            if (elapsed < Every)
            {
                return;
            }
            LogSummary(logger, changes, batches, (double)changes / batches, largest, busyMilliseconds / batches,
                100 * busyMilliseconds / elapsed.TotalMilliseconds, changes / elapsed.TotalSeconds);
            since = Stopwatch.GetTimestamp();
            batches = changes = largest = 0;
            busyMilliseconds = 0;
        }
    }

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information,
        Message = "Ledger: {Changes} case changes in {Batches} batches (mean {Mean:0.0}, largest {Largest}), {BatchMs:0.0} ms a batch, busy {BusyPercent:0}% of the time, {Rate:0} changes/s")]
    private static partial void LogSummary(ILogger logger, int changes, int batches, double mean, int largest, double batchMs, double busyPercent, double rate);
}

using Entry.NationalDb.Contracts;

namespace Entry.NationalDb.Faults;

/// <summary>What the stub has answered since it started, for tests and demonstrations (<c>GET /admin/stats</c>).</summary>
public sealed class StubCounters
{
    private long created, updated, replayed, conflicts, rejected, faults, singleRequests, batchRequests;

    public void Created() => Interlocked.Increment(ref created);
    public void Updated() => Interlocked.Increment(ref updated);
    public void Replayed() => Interlocked.Increment(ref replayed);
    public void Conflict() => Interlocked.Increment(ref conflicts);
    public void Rejected() => Interlocked.Increment(ref rejected);
    public void Faulted() => Interlocked.Increment(ref faults);
    /// <summary>A write request that reached its endpoint (not refused by a fault): one record, or a batch.</summary>
    public void Request(bool batch)
    {
        if (batch)
        {
            Interlocked.Increment(ref batchRequests);
        }
        else
        {
            Interlocked.Increment(ref singleRequests);
        }
    }

    public StubStats Read(long records) => new(records, Interlocked.Read(ref created), Interlocked.Read(ref updated), Interlocked.Read(ref replayed),
        Interlocked.Read(ref conflicts), Interlocked.Read(ref rejected), Interlocked.Read(ref faults),
        Interlocked.Read(ref singleRequests), Interlocked.Read(ref batchRequests));
}

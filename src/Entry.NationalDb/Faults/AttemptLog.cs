using System.Collections.Concurrent;
using Entry.NationalDb.Contracts;

namespace Entry.NationalDb.Faults;

/// <summary>
/// When each write arrived, per idempotency key, before any fault is applied: proof for tests of how often and how far
/// apart a client tries (<c>GET /admin/attempts</c>, <c>GET /admin/attempts/{key}</c>). Kept in memory since start.
/// </summary>
public sealed class AttemptLog
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> byKey = new(StringComparer.Ordinal);
    private long writes;

    public void Arrived(string key, DateTimeOffset at)
    {
        Interlocked.Increment(ref writes);
        byKey.GetOrAdd(key, _ => new ConcurrentQueue<DateTimeOffset>()).Enqueue(at);
    }

    public AttemptSummary Summary() => new(Interlocked.Read(ref writes), byKey.Count);

    public IReadOnlyList<DateTimeOffset> Of(string key) => byKey.TryGetValue(key, out var times) ? times.Order().ToList() : [];
}

using Entry.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Entry.Server.Features.National;

/// <summary>
/// Several instances on one PostgreSQL database each run a dispatcher: each takes the due messages it sends with a lease
/// (<c>FOR UPDATE SKIP LOCKED</c>, so two never wait on or take the same rows), and nobody else sends a leased message
/// until its lease runs out. On SQLite (one box, one dispatcher) there are no leases.
/// </summary>
public sealed class OutboxLeases(TimeSpan leaseFor)
{
    private static readonly DateTimeOffsetToBinaryConverter Stored = new();

    /// <summary>Leases at most <paramref name="count"/> due messages, the longest waiting first; answers their ids.</summary>
    public async Task<List<long>> TakeAsync(EntryDb db, DateTimeOffset now, int count, CancellationToken ct)
    {
        var nowKey = (long)Stored.ConvertToProvider(now)!;
        var untilKey = (long)Stored.ConvertToProvider(now + leaseFor)!;
        var taken = await db.Database.SqlQuery<long>($"""
            UPDATE "NationalOutbox" SET "LeasedUntil" = {untilKey}
            WHERE "Id" IN (
                SELECT "Id" FROM "NationalOutbox"
                WHERE "State" = {(int)NationalMessageState.Pending} AND "NextAttemptAt" <= {nowKey}
                  AND ("LeasedUntil" IS NULL OR "LeasedUntil" <= {nowKey})
                ORDER BY "NextAttemptAt"
                LIMIT {count}
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
        return taken;
    }

    public Task ReleaseAsync(EntryDb db, IReadOnlyCollection<long> ids, CancellationToken ct) => ids.Count == 0
        ? Task.CompletedTask
        : db.Set<NationalMessage>().Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.LeasedUntil, (DateTimeOffset?)null), ct);
}

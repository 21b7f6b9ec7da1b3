using Entry.Server.Data;
using Entry.Server.Features.Progress;
using Entry.Shared.Entries;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.National;

/// <summary>
/// The sync with the national database at a glance, read as <c>GET /api/national/status</c> answers it: for the province, or
/// for a district Monitor the outbox and counters of that district's cases only. The link itself (circuit, last failure) is
/// shared by the whole province and shown as it is; the time of the last delivery, which may be of another district's case,
/// is left out of a district's.
/// </summary>
public sealed class NationalStatusReader(EntryDb db, NationalMetrics metrics, NationalCircuit circuit, TimeProvider time)
{
    public async Task<NationalStatus> ReadAsync(CancellationToken ct, string? district = null)
    {
        var messages = district is null ? null
            : from message in db.Set<NationalMessage>().AsNoTracking()
              join entry in db.CaseEntries.AsNoTracking() on message.CaseId equals entry.Id
              where entry.Book!.Unit!.DistrictCode == district
              select message;
        var (backlog, oldest, held) = await NationalDispatcher.BacklogAsync(db, ct, messages);
        var scope = district is null ? ScopeKey.Province.Name : ScopeKey.District(district).Name;
        var province = await db.ProgressCounters.AsNoTracking().Where(c => c.Scope == scope)
            .GroupBy(c => 1).Select(g => new { Synced = g.Sum(c => c.Synced), Rejected = g.Sum(c => c.Rejected) }).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        return new NationalStatus
        {
            Backlog = backlog,
            WaitingForVerification = held,
            OldestPendingAt = oldest,
            OldestPendingAgeSeconds = oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0,
            Synced = province?.Synced ?? 0,
            Rejected = province?.Rejected ?? 0,
            Circuit = circuit.State,
            CircuitOpenedTimes = circuit.TimesOpened,
            LastDeliveredAt = district is null ? metrics.LastDeliveredAt : null,
            LastError = metrics.LastError,
            LastErrorAt = metrics.LastErrorAt,
            At = now,
        };
    }

    /// <summary>Whether two readings say the same thing: the time of reading and the age it implies do not count.</summary>
    public static bool Same(NationalStatus? a, NationalStatus b) =>
        a is not null && a with { At = default, OldestPendingAgeSeconds = 0 } == b with { At = default, OldestPendingAgeSeconds = 0 };
}

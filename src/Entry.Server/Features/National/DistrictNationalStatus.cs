using Entry.Server.Data;
using Entry.Server.Features.Progress;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.National;

/// <summary>
/// The sync status as a district Monitor reads it: the outbox and the counters of their district's cases only. The link
/// itself (circuit, last failure) is shared by the whole province and shown as it is; the time of the last delivery, which
/// may be of another district's case, is left out.
/// </summary>
public static class DistrictNationalStatus
{
    public static async Task<NationalStatus> ReadAsync(NationalStatusReader reader, EntryDb db, string district, CancellationToken ct)
    {
        var province = await reader.ReadAsync(ct);
        var ofDistrict = from message in db.Set<NationalMessage>().AsNoTracking()
                         join entry in db.CaseEntries.AsNoTracking() on message.CaseId equals entry.Id
                         where entry.Book!.Unit!.DistrictCode == district
                         select message;
        var pending = ofDistrict.Where(m => m.State == NationalMessageState.Pending);
        var backlog = await pending.CountAsync(ct);
        var held = await ofDistrict.CountAsync(m => m.State == NationalMessageState.Held, ct);
        var oldest = await pending.MinAsync(m => (DateTimeOffset?)m.CreatedAt, ct);
        var scope = ProgressCounters.District(district);
        var counters = await db.ProgressCounters.AsNoTracking().Where(c => c.Scope == scope)
            .GroupBy(c => 1).Select(g => new { Synced = g.Sum(c => c.Synced), Rejected = g.Sum(c => c.Rejected) }).FirstOrDefaultAsync(ct);
        return province with
        {
            Backlog = backlog,
            WaitingForVerification = held,
            OldestPendingAt = oldest,
            OldestPendingAgeSeconds = oldest is { } at ? Math.Max(0, (province.At - at).TotalSeconds) : 0,
            Synced = counters?.Synced ?? 0,
            Rejected = counters?.Rejected ?? 0,
            LastDeliveredAt = null,
        };
    }
}

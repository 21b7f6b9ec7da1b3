using Entry.Server.Data;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Quality;

/// <summary>A team's books whose quality pass is open (waiting to be keyed, or in arbitration), oldest draw first.</summary>
public static class QualityQueue
{
    public static async Task<List<QualityQueueItem>> ReadAsync(EntryDb db, int teamId, CancellationToken ct)
    {
        var rows = await db.QualityPasses.AsNoTracking()
            .Where(p => p.TeamId == teamId && (p.State == QualityPassState.Keying || p.State == QualityPassState.Arbitration))
            .Select(p => new
            {
                p.Id, p.Book!.Code, p.Book.Type, p.Book.Volume, p.Book.Quality, p.Round, p.Full, p.DrawnAt,
                Sampled = db.QualityItems.Count(i => i.PassId == p.Id),
                Keyed = db.QualityItems.Count(i => i.PassId == p.Id && i.State != QualityItemState.Waiting),
                Differing = db.QualityItems.Count(i => i.PassId == p.Id && i.State == QualityItemState.Differs),
                Holder = db.QualityClaims.Where(c => c.PassId == p.Id).Select(c => new { c.UserId }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var holderIds = rows.Where(r => r.Holder != null).Select(r => r.Holder!.UserId).ToList();
        var holders = await db.Users.AsNoTracking().Where(u => holderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.UserName, u.DisplayName), ct);
        return rows.OrderBy(r => r.DrawnAt).ThenBy(r => r.Code)
            .Select(r =>
            {
                var holder = r.Holder is null ? ((string?, string?)?)null : holders.GetValueOrDefault(r.Holder.UserId);
                return new QualityQueueItem(r.Code, r.Type, r.Volume, r.Quality, r.Round, r.Full, r.Sampled, r.Keyed, r.Differing, holder?.Item1, holder?.Item2);
            })
            .ToList();
    }
}

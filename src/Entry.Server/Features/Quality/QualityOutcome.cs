using Entry.Server.Data;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Quality;

/// <summary>
/// Where a pass stands once its items moved: differences waiting → arbitration; every item settled → the share of
/// wrong fields decides: at most the Admin's threshold, the book is accepted; above it, the pass fails and the book is
/// re-keyed in full (a new pass of every logged entry), its state saying so until a pass passes.
/// </summary>
public static class QualityOutcome
{
    /// <summary>In the caller's transaction, after the items were saved; the caller saves what this adds.</summary>
    public static async Task<BookQuality?> SettleAsync(EntryDb db, long passId, DateTimeOffset now, CancellationToken ct)
    {
        var pass = await db.QualityPasses.SingleAsync(p => p.Id == passId, ct);
        var items = await db.QualityItems.AsNoTracking().Where(i => i.PassId == passId)
            .Select(i => new { i.State, i.FieldsCompared, i.FieldsWrong }).ToListAsync(ct);
        if (items.Any(i => i.State == QualityItemState.Waiting))
        {
            return null;
        }
        if (items.Any(i => i.State == QualityItemState.Differs))
        {
            pass.State = QualityPassState.Arbitration;
            var waiting = pass.Full ? BookQuality.FailedRekeying : BookQuality.Arbitration;
            await SetBookAsync(db, pass.BookId, waiting, ct);
            return waiting;
        }
        pass.FieldsCompared = items.Sum(i => i.FieldsCompared);
        pass.FieldsWrong = items.Sum(i => i.FieldsWrong);
        pass.EndedAt = now;
        var settings = await QualitySettingsStore.ReadAsync(db, ct);
        var share = pass.FieldsCompared == 0 ? 0 : (double)pass.FieldsWrong / pass.FieldsCompared;
        if (share > settings.AcceptanceErrorRate)
        {
            pass.State = QualityPassState.Failed;
            await db.SaveChangesAsync(ct);
            await QualityDrawer.DrawAsync(db, pass.BookId, pass.Round + 1, full: true, settings, now, ct);
            return BookQuality.FailedRekeying;
        }
        pass.State = QualityPassState.Passed;
        await SetBookAsync(db, pass.BookId, BookQuality.Accepted, ct);
        return BookQuality.Accepted;
    }

    private static Task<int> SetBookAsync(EntryDb db, int bookId, BookQuality quality, CancellationToken ct) =>
        db.Books.Where(b => b.Id == bookId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Quality, quality), ct);
}

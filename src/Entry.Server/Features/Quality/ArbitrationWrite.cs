using Entry.Server.Common;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Sprint;
using Entry.Shared.Entries;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Quality;

/// <summary>
/// The arbiter's decision, through the case ledger: the decided value becomes the case (a revision of kind
/// <see cref="RevisionKind.Arbitrated"/>, its message to the national database following like any correction: an update,
/// once, when the national side has the case), and the item is decided in the same transaction — the first decision
/// wins, a second is refused; then the pass is settled.
/// </summary>
public sealed class ArbitrationWrite : CaseChangeWrite
{
    private readonly long itemId;
    private readonly Guid entryId;
    private readonly int readVersion;
    private readonly string userId;
    private readonly bool changesCase;
    private readonly ArbitrationChoice choice;
    private readonly int fieldsWrong;
    private readonly int secondWrong;
    private readonly Func<int, Refusal> versionMismatch;
    private SprintPlace? place;

    public ArbitrationWrite(long itemId, Guid entryId, int readVersion, CaseEntryRequest decided, CaseStatus status, string userId,
        List<FieldChange> changes, ArbitrationChoice choice, int fieldsWrong, int secondWrong, Func<int, Refusal> versionMismatch, Refusal numberTaken)
        : base(entryId, readVersion, decided, status, RevisionKind.Arbitrated, userId, changes, versionMismatch, numberTaken)
    {
        this.itemId = itemId;
        this.entryId = entryId;
        this.readVersion = readVersion;
        this.userId = userId;
        changesCase = changes.Count > 0;
        this.choice = choice;
        this.fieldsWrong = fieldsWrong;
        this.secondWrong = secondWrong;
        this.versionMismatch = versionMismatch;
    }

    public BookQuality? Outcome { get; private set; }

    protected internal override async Task ApplyAsync(CaseBatch batch, CancellationToken ct)
    {
        var db = batch.Db;
        Outcome = null;
        var item = await db.QualityItems.SingleAsync(i => i.Id == itemId, ct);
        if (item.State != QualityItemState.Differs)
        {
            Refuse(Refusal.Conflict(Phrase.Of("title.alreadyDecided"), Phrase.Of("quality.alreadyDecided")));
            return;
        }
        if (changesCase)
        {
            await base.ApplyAsync(batch, ct);
            if (Refusal is not null)
            {
                return;
            }
        }
        else if (await db.CaseEntries.Where(e => e.Id == entryId).Select(e => e.Version).SingleAsync(ct) is var version && version != readVersion)
        {
            Refuse(versionMismatch(version));
            return;
        }
        item.State = QualityItemState.Decided;
        item.Choice = choice;
        item.DecidedById = userId;
        item.DecidedAt = batch.Now;
        item.FieldsWrong = fieldsWrong;
        item.SecondFieldsWrong = secondWrong;
        await db.SaveChangesAsync(ct);
        Outcome = await QualityOutcome.SettleAsync(db, item.PassId, batch.Now, ct);
        place = await db.Books.AsNoTracking().Where(b => b.Id == item.BookId)
            .Select(b => new SprintPlace(b.TeamId ?? item.FirstTeamId, b.UnitCode, b.Unit!.DistrictCode)).SingleAsync(ct);
    }

    protected internal override void Committed(CaseBatch batch, ISprintEvents live)
    {
        if (place is not null)
        {
            live.ProgressChanged(place);
        }
    }
}

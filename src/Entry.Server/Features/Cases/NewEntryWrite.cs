using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

/// <summary>
/// A new entry number of a held book: a logged case (with its message to the national database) or a skip. Stored once
/// per id; the unique (book, entry number) and the claim still being held decide races, checked for a whole batch at once.
/// </summary>
public sealed class NewEntryWrite(CaseEntry entry, Book book, long? claimId, Refusal numberTaken) : CaseWrite
{
    public CaseEntry Entry => entry;

    /// <summary>The held claim checked at commit; null for a late entry taken through a claim that already ended.</summary>
    private long? ClaimId => claimId;

    /// <summary>The id or the entry number was already stored: the caller answers a replay, or <c>numberTaken</c>.</summary>
    public bool Taken { get; private set; }

    /// <summary>After the commit: the book's logged and skipped entries with this one.</summary>
    public (int Logged, int Skipped) Fill { get; private set; }

    /// <summary>
    /// Stores the entry through the ledger and answers its clerk: stored now, the first result of a twin submission
    /// that got in first (<paramref name="what"/> names it in a refusal: "case", "skip"), or the refusal.
    /// </summary>
    public async Task<(CaseStored? Stored, Refusal? Refusal)> StoreAsync(CaseLedger ledger, EntryDb db, string what, CancellationToken ct)
    {
        await ledger.WriteAsync(this);
        if (Refusal is { } refused)
        {
            return Taken && await BookFill.ReplayAsync(db, entry.Id, entry.RequestHash, entry.ClerkId, what, ct) is { } again ? again : (null, refused);
        }
        return (new CaseStored(CaseRecorder.Result(entry, book, Fill.Logged, Fill.Skipped), IsReplay: false), null);
    }

    protected internal override Task ApplyAsync(CaseBatch batch, CancellationToken ct)
    {
        batch.Db.CaseEntries.Add(entry);
        if (!entry.IsSkipped)
        {
            // Its message to the national database is stored with it, or neither is.
            batch.Messages.Add(entry, book);
            WakeOutbox();
        }
        Count(BookFill.Scopes(entry, book), ProgressCounters.Change(null, entry.Status));
        Refill(book, entry.TeamId, entry.ClerkId);
        return Task.CompletedTask;
    }

    protected internal override void Conflicted()
    {
        Taken = true;
        Refuse(numberTaken);
    }

    protected internal override void Committed(CaseBatch batch, ISprintEvents live)
    {
        Fill = batch.FillOf(book.Id);
        var place = new SprintPlace(entry.TeamId, book.UnitCode, book.Unit!.DistrictCode);
        if (entry.IsSkipped)
        {
            live.ProgressChanged(place);
        }
        else
        {
            live.CaseLogged(new CaseLoggedNotice(place, book.Code, book.Type, entry.ClerkId, Fill.Logged, book.CaseCount, entry.NeedsVerification,
                entry.StoredAt, Late: ClaimId is null));
        }
    }

    /// <summary>
    /// In the batch's transaction, before any of them is added: an id or a (book, entry number) already stored or taken
    /// by an earlier entry of the batch is a conflict; a claim that ended meanwhile (a removal from the team or the
    /// roster commits in its own transaction) refuses its entries (a late entry has no held claim to check). Three queries for
    /// the whole batch.
    /// </summary>
    internal static async Task CheckAsync(EntryDb db, List<NewEntryWrite> writes, CancellationToken ct)
    {
        if (writes.Count == 0)
        {
            return;
        }
        var ids = writes.Select(w => w.Entry.Id).ToList();
        var bookIds = writes.Select(w => w.Entry.BookId).Distinct().ToList();
        var numbers = writes.Select(w => w.Entry.EntryNumber).Distinct().ToList();
        var claimIds = writes.Where(w => w.ClaimId is not null).Select(w => w.ClaimId!.Value).Distinct().ToList();
        var storedIds = (await db.CaseEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        var taken = (await db.CaseEntries.AsNoTracking().Where(e => bookIds.Contains(e.BookId) && numbers.Contains(e.EntryNumber))
            .Select(e => new { e.BookId, e.EntryNumber }).ToListAsync(ct)).Select(e => (e.BookId, e.EntryNumber)).ToHashSet();
        var held = (await db.Claims.AsNoTracking().Where(c => claimIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        foreach (var write in writes)
        {
            var number = (write.Entry.BookId, write.Entry.EntryNumber);
            if (storedIds.Contains(write.Entry.Id) || taken.Contains(number))
            {
                write.Conflicted();
            }
            else if (write.ClaimId is { } claim && !held.Contains(claim))
            {
                write.Refuse(BookFill.ClaimEnded());
            }
            else
            {
                storedIds.Add(write.Entry.Id);
                taken.Add(number);
            }
        }
    }
}

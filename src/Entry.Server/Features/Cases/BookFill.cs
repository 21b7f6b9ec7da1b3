using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Server.Features.Claims;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Shifts;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

/// <summary>A logged or skipped entry as answered to its clerk: <see cref="IsReplay"/> when a retry met the stored one.</summary>
public sealed record CaseStored(CaseEntryResult Result, bool IsReplay);

/// <summary>How far a book is filled (logged cases and skipped entry numbers), and the rules that follow from it.</summary>
public static class BookFill
{
    public static async Task<(int Logged, int Skipped)> CountAsync(EntryDb db, int bookId, CancellationToken ct)
    {
        var byKind = await db.CaseEntries.AsNoTracking().Where(e => e.BookId == bookId)
            .GroupBy(e => e.Status == CaseStatus.Skipped)
            .Select(g => new { Skipped = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return (byKind.Where(k => !k.Skipped).Sum(k => k.Count), byKind.Where(k => k.Skipped).Sum(k => k.Count));
    }

    /// <summary>
    /// In the batch's transaction, for every book its changes refilled: the first entry puts the book in progress; when
    /// logged + skipped reach the case count the book is finished and its claim ends (SPEC §3 "Claims"); a finished book
    /// whose count grew is back in progress. Answers the books this batch finished.
    /// </summary>
    internal static async Task<List<Finished>> RefillAsync(EntryDb db, CaseBatch batch, IEnumerable<BookRefill> refills, CancellationToken ct)
    {
        var byBook = refills.GroupBy(r => r.Book.Id).ToDictionary(g => g.Key, g => g.Last());
        if (byBook.Count == 0)
        {
            return [];
        }
        var ids = byBook.Keys.ToList();
        var counts = await db.CaseEntries.AsNoTracking().Where(e => ids.Contains(e.BookId))
            .GroupBy(e => new { e.BookId, Skipped = e.Status == CaseStatus.Skipped })
            .Select(g => new { g.Key.BookId, g.Key.Skipped, Count = g.Count() })
            .ToListAsync(ct);
        var books = await db.Books.AsNoTracking().Where(b => ids.Contains(b.Id)).Select(b => new { b.Id, b.CaseCount, b.Status }).ToListAsync(ct);
        var finished = new List<Finished>();
        foreach (var book in books)
        {
            var logged = counts.Where(c => c.BookId == book.Id && !c.Skipped).Sum(c => c.Count);
            var skipped = counts.Where(c => c.BookId == book.Id && c.Skipped).Sum(c => c.Count);
            batch.SetFill(book.Id, logged, skipped);
            var filled = logged + skipped;
            var status = filled >= book.CaseCount ? BookStatus.Finished
                : book.Status == BookStatus.Finished ? (filled > 0 ? BookStatus.InProgress : BookStatus.NotStarted)
                : book.Status == BookStatus.NotStarted && filled > 0 ? BookStatus.InProgress
                : book.Status;
            if (status != book.Status)
            {
                await db.Books.Where(b => b.Id == book.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, status), ct);
            }
            if (status == BookStatus.Finished)
            {
                await db.Claims.Where(c => c.BookId == book.Id).ExecuteDeleteAsync(ct);
                var endedAt = batch.Now;
                await db.ClaimSpans.Where(s => s.BookId == book.Id && s.EndedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, endedAt), ct);
                var refill = byBook[book.Id];
                if (book.Status != BookStatus.Finished)
                {
                    batch.NewlyFinished.Add(book.Id);
                }
                if (book.Status != BookStatus.Finished && refill.TeamId is { } teamId)
                {
                    var place = new SprintPlace(teamId, refill.Book.UnitCode, refill.Book.Unit?.DistrictCode);
                    finished.Add(new Finished(place, refill.Book.Code, refill.Book.Type, refill.UserId, logged, book.CaseCount));
                }
            }
        }
        return finished;
    }

    /// <summary>
    /// The answer to a retry: null when the id is new; the first result when the same user sent the same body; a 409
    /// naming <c>id</c> otherwise. <paramref name="what"/> names the kind of entry in the message ("case", "skip").
    /// </summary>
    public static async Task<(CaseStored? Stored, Refusal? Refusal)?> ReplayAsync(EntryDb db, Guid id, string hash, string userId, string what, CancellationToken ct)
    {
        var stored = await CaseById(db, id, ct);
        if (stored is null)
        {
            return null;
        }
        if (stored.RequestHash != hash || stored.ClerkId != userId)
        {
            var isCase = what == "case";
            return (null, Refusal.Conflict(Phrase.Of("title.idUsed"), Phrase.Of(isCase ? "case.id.usedCase.detail" : "case.id.usedSkip.detail"))
                .WithErrors("id", Phrase.Of(isCase ? "case.id.usedCase" : "case.id.usedSkip")));
        }
        var book = await db.Books.AsNoTracking().SingleAsync(b => b.Id == stored.BookId, ct);
        var (logged, skipped) = await CountAsync(db, stored.BookId, ct);
        return (new CaseStored(CaseRecorder.Result(stored, book, logged, skipped), IsReplay: true), null);
    }

    /// <summary>
    /// The claim through which the user may write to the book now, or why not: the user holds the book, on the shift that
    /// is open, and — checked at this request, not only when the book was claimed — is still a member of the claim's team and
    /// rostered on that shift. One query (the claim with two indexed existence checks) on the hot path of logging a case.
    /// </summary>
    public static async Task<(Claim? Claim, Refusal? Refusal)> HolderClaimAsync(EntryDb db, Book book, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var found = await HeldBy(db, book.Id, ct);
        if (found is null)
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.noClaim"), Phrase.Of("case.noClaim")));
        }
        var claim = found.Claim;
        if (claim.UserId != userId)
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.heldByAnother"), Phrase.Of("case.heldByAnother")));
        }
        if (ShiftCalendar.OpenAt(now) is not { } open || open.Date != claim.ShiftDate || open.Shift != claim.Shift)
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.shiftClosed"), Phrase.Of("case.shiftClosed")));
        }
        if (!found.Member)
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.notMember"), Phrase.Of("case.notMember")));
        }
        if (!found.Rostered)
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.notOnShift"), Phrase.Of("case.notOnShift")));
        }
        return (claim, null);
    }

    // Compiled once: both run for every case logged, and EF Core would otherwise parameterise and look up their plans each time.
    private static readonly Func<EntryDb, Guid, CancellationToken, Task<CaseEntry?>> CaseById = EF.CompileAsyncQuery(
        (EntryDb db, Guid id, CancellationToken ct) => db.CaseEntries.AsNoTracking().FirstOrDefault(e => e.Id == id));

    private static readonly Func<EntryDb, int, CancellationToken, Task<HeldClaim?>> HeldBy = EF.CompileAsyncQuery(
        (EntryDb db, int bookId, CancellationToken ct) => db.Claims.AsNoTracking().Where(c => c.BookId == bookId)
            .Select(c => new HeldClaim
            {
                Claim = c,
                Member = db.TeamMembers.Any(m => m.TeamId == c.TeamId && m.UserId == c.UserId),
                Rostered = db.RosterEntries.Any(r => r.TeamId == c.TeamId && r.UserId == c.UserId && r.Date == c.ShiftDate && r.Shift == c.Shift),
            })
            .FirstOrDefault());

    private sealed class HeldClaim
    {
        public required Claim Claim { get; init; }
        public bool Member { get; init; }
        public bool Rostered { get; init; }
    }

    public static Refusal ClaimEnded() => Refusal.Forbidden(Phrase.Of("title.claimEnded"), Phrase.Of("case.claimEnded"));

    public static Progress.ProgressCounters.CaseScopes Scopes(CaseEntry entry, Book book) =>
        new(book.Id, book.UnitCode, book.Unit!.DistrictCode, book.Type, entry.TeamId, entry.ShiftDate, entry.Shift);
}

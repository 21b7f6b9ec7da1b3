using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Server.Features.Claims;
using Entry.Server.Features.Shifts;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

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
    /// In the transaction of the change: the first entry puts the book in progress; when logged + skipped reach the case
    /// count the book is finished and its claim ends (SPEC §3 "Claims"); a finished book whose count grew is back in progress.
    /// </summary>
    public static async Task<bool> UpdateBookAsync(EntryDb db, int bookId, int caseCount, int filled, CancellationToken ct)
    {
        var finished = filled >= caseCount;
        if (finished)
        {
            await db.Books.Where(b => b.Id == bookId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookStatus.Finished), ct);
            await db.Claims.Where(c => c.BookId == bookId).ExecuteDeleteAsync(ct);
        }
        else
        {
            var status = filled > 0 ? BookStatus.InProgress : BookStatus.NotStarted;
            await db.Books.Where(b => b.Id == bookId && b.Status == BookStatus.Finished)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, status), ct);
            await db.Books.Where(b => b.Id == bookId && b.Status == BookStatus.NotStarted && filled > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookStatus.InProgress), ct);
        }
        return finished;
    }

    /// <summary>
    /// The answer to a retry: null when the id is new; the first result when the same user sent the same body; a 409
    /// naming <c>id</c> otherwise. <paramref name="what"/> names the kind of entry in the message ("case", "skip").
    /// </summary>
    public static async Task<EntryAnswer?> ReplayAsync(EntryDb db, Guid id, string hash, string userId, string what, CancellationToken ct)
    {
        var stored = await db.CaseEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (stored is null)
        {
            return null;
        }
        if (stored.RequestHash != hash || stored.ClerkId != userId)
        {
            var entry = what == "case" ? "case" : "entry";
            return new EntryAnswer(EntryOutcome.Conflict, Title: "Id already used",
                Detail: $"A different {entry} was already stored with this id; a retry must send the same {what}, a new {what} a new id.",
                Errors: new() { ["id"] = [$"This id is already used by a different {entry}."] });
        }
        var book = await db.Books.AsNoTracking().SingleAsync(b => b.Id == stored.BookId, ct);
        var (logged, skipped) = await CountAsync(db, stored.BookId, ct);
        return new EntryAnswer(EntryOutcome.Replayed, CaseRecorder.Result(stored, book, logged, skipped));
    }

    /// <summary>
    /// The claim through which the user may write to the book now, or why not: the user holds the book, on the shift that
    /// is open, and — checked at this request, not only when the book was claimed — is still a member of the claim's team and
    /// rostered on that shift. One query (the claim with two indexed existence checks) on the hot path of logging a case.
    /// </summary>
    public static async Task<(Claim? Claim, EntryAnswer? Refusal)> HolderClaimAsync(EntryDb db, Book book, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var found = await db.Claims.AsNoTracking().Where(c => c.BookId == book.Id)
            .Select(c => new
            {
                Claim = c,
                Member = db.TeamMembers.Any(m => m.TeamId == c.TeamId && m.UserId == c.UserId),
                Rostered = db.RosterEntries.Any(r => r.TeamId == c.TeamId && r.UserId == c.UserId && r.Date == c.ShiftDate && r.Shift == c.Shift),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return (null, Forbidden("No claim on the book", "You do not hold this book: claim it before logging its cases."));
        }
        var claim = found.Claim;
        if (claim.UserId != userId)
        {
            return (null, Forbidden("Book held by another clerk", "Another clerk holds this book; only the clerk holding a book logs its cases."));
        }
        if (ShiftCalendar.OpenAt(now) is not { } open || open.Date != claim.ShiftDate || open.Shift != claim.Shift)
        {
            return (null, Forbidden("Shift closed", "Your claim belongs to a shift that is not open now; claim the book again on your current shift."));
        }
        if (!found.Member)
        {
            return (null, Forbidden("Not a member of the team", "You are no longer a member of the team that holds this book."));
        }
        if (!found.Rostered)
        {
            return (null, Forbidden("Not on shift", "You are not rostered on the shift that is open now."));
        }
        return (claim, null);
    }

    /// <summary>
    /// Inside the write's transaction, after its insert: the claim checked before still exists. A removal from the team or the
    /// roster ends the claim in its own transaction; one that committed between the check and this write wins.
    /// </summary>
    public static Task<bool> StillHeldAsync(EntryDb db, long claimId, CancellationToken ct) =>
        db.Claims.AsNoTracking().AnyAsync(c => c.Id == claimId, ct);

    public static EntryAnswer ClaimEnded() => Forbidden("Claim ended",
        "Your claim on this book ended (you were taken off the team or the shift's roster) before the entry could be stored.");

    public static Progress.ProgressCounters.CaseScopes Scopes(CaseEntry entry, Book book) =>
        new(book.Id, book.UnitCode, book.Unit!.DistrictCode, book.Type, entry.TeamId, entry.ShiftDate, entry.Shift);

    private static EntryAnswer Forbidden(string title, string detail) => new(EntryOutcome.Forbidden, Title: title, Detail: detail);
}

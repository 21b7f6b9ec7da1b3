using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Teams;
using Entry.Shared.Live;
using Entry.Shared.Books;
using Entry.Shared.Claims;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Claims;

/// <summary>
/// The claim rules (SPEC §3 "Claims"): a clerk rostered on the open shift holds one book of their team's queue at a
/// time; no two clerks hold the same book (unique indexes decide races); a claim ends when the book is finished,
/// when the clerk releases it, or when the shift closes. A refused claim answers its <see cref="Refusal"/>, with a reason a
/// clerk can act on.
/// </summary>
public sealed partial class ClaimService(EntryDb db, WriteGate writes, ISprintEvents live, TimeProvider time, ILogger<ClaimService> logger)
    : IOffRosterClaims
{
    private const int RaceRetries = 5;

    /// <summary>The team and shift the clerk works right now, or why they may not claim.</summary>
    public async Task<(int TeamId, ShiftSlotRef Shift)?> OnShiftAsync(string userId, CancellationToken ct)
    {
        if (ShiftCalendar.OpenAt(time.GetUtcNow()) is not { } open)
        {
            return null;
        }
        var teamId = await db.RosterEntries.AsNoTracking()
            .Where(e => e.UserId == userId && e.Date == open.Date && e.Shift == open.Shift
                && db.TeamMembers.Any(m => m.TeamId == e.TeamId && m.UserId == userId))
            .Select(e => (int?)e.TeamId)
            .FirstOrDefaultAsync(ct);
        return teamId is null ? null : (teamId.Value, new ShiftSlotRef(open.Date, open.Shift, open.Ends));
    }

    public async Task<(ClaimedBook? Book, Refusal? Refusal)> ClaimNextAsync(string userId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < RaceRetries; attempt++)
        {
            var (shift, refusal) = await CheckAsync(userId, ct);
            if (refusal is not null)
            {
                return (null, refusal);
            }
            var teamId = shift!.Value.TeamId;
            // Picked inside the write scope: on SQLite the write gate makes pick-and-claim one step, so racing clerks
            // get different books at once; on PostgreSQL the pick skips books another clerk's claim has locked.
            var (claimed, queueEmpty, offShift) = await TryStoreAsync(token => PickNextAsync(teamId, token), userId, shift.Value, ct);
            if (offShift)
            {
                return (null, NotOnShift);
            }
            if (queueEmpty)
            {
                return (null, Refusal.NotFound(Phrase.Of("title.queueEmpty"), Phrase.Of("claim.queueEmpty")));
            }
            if (claimed is not null)
            {
                return (claimed, null);
            }
            // Another clerk took that book a moment ago: try the next one.
        }
        return (null, Refusal.Conflict(Phrase.Of("title.busyQueue"), Phrase.Of("claim.busyQueue")));
    }

    /// <summary>
    /// The first unfinished, unclaimed book of the team's queue. On PostgreSQL the book row is locked and rows another
    /// claim holds locked are skipped (<c>FOR UPDATE SKIP LOCKED</c>), so racing clerks pick different books instead of
    /// all losing to one; when every candidate is locked, the first is answered and its unique index decides.
    /// </summary>
    private async Task<int?> PickNextAsync(int teamId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var unlocked = await db.Database.SqlQuery<int>($"""
                SELECT b."Id" AS "Value" FROM "Books" b
                WHERE b."TeamId" = {teamId} AND b."Status" <> {(int)BookStatus.Finished}
                  AND NOT EXISTS (SELECT 1 FROM "Claims" c WHERE c."BookId" = b."Id")
                ORDER BY b."QueuePosition"
                LIMIT 1
                FOR UPDATE OF b SKIP LOCKED
                """).ToListAsync(ct);
            if (unlocked.Count > 0)
            {
                return unlocked[0];
            }
        }
        return await db.Books.AsNoTracking()
            .Where(b => b.TeamId == teamId && b.Status != BookStatus.Finished && !db.Claims.Any(c => c.BookId == b.Id))
            .OrderBy(b => b.QueuePosition)
            .Select(b => (int?)b.Id)
            .FirstOrDefaultAsync(ct);
    }

    public async Task<(ClaimedBook? Book, Refusal? Refusal)> ClaimAsync(string userId, string bookCode, CancellationToken ct)
    {
        var book = await db.Books.AsNoTracking().Where(b => b.Code == bookCode).Select(b => new { b.Id, b.TeamId, b.Status }).FirstOrDefaultAsync(ct);
        if (book is null)
        {
            var noSuchBook = Phrase.Of("book.noSuchBook", bookCode);
            return (null, Refusal.NotFound(Phrase.Of("title.noSuchBook"), noSuchBook).WithErrors("bookCode", noSuchBook));
        }
        var held = await db.Claims.AsNoTracking().Where(c => c.BookId == book.Id).Select(c => c.UserId).FirstOrDefaultAsync(ct);
        if (held == userId)
        {
            return (await DescribeAsync(userId, ct), null);
        }
        var (shift, refusal) = await CheckAsync(userId, ct);
        if (refusal is not null)
        {
            return (null, refusal);
        }
        if (book.TeamId != shift!.Value.TeamId)
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.notTeamBook"), Phrase.Of("claim.notTeamBook", bookCode)));
        }
        if (book.Status == BookStatus.Finished)
        {
            return (null, Refusal.Conflict(Phrase.Of("title.bookFinished"), Phrase.Of("claim.bookFinished", bookCode)));
        }
        if (held is not null)
        {
            return (null, HeldByAnother(bookCode));
        }
        var bookId = book.Id;
        var stored = await TryStoreAsync(_ => Task.FromResult<int?>(bookId), userId, shift.Value, ct);
        return stored.Claimed is { } claimed ? (claimed, null) : (null, stored.OffShift ? NotOnShift : HeldByAnother(bookCode));
    }

    public async Task<Refusal?> ReleaseAsync(string userId, string bookCode, CancellationToken ct)
    {
        var claim = await db.Claims.Include(c => c.Book).FirstOrDefaultAsync(c => c.UserId == userId && c.Book!.Code == bookCode, ct);
        if (claim is null)
        {
            return Refusal.NotFound(Phrase.Of("title.notHeld"), Phrase.Of("claim.notHeld", bookCode));
        }
        await EndAsync([claim], ct);
        LogReleased(claim.BookId);
        await PublishAsync(BookChangeKind.Released, claim.BookId, claim.TeamId, userId, ct);
        return null;
    }

    /// <summary>The book the clerk holds, if any.</summary>
    public async Task<ClaimedBook?> DescribeAsync(string userId, CancellationToken ct)
    {
        var claim = await db.Claims.AsNoTracking().Include(c => c.Book).ThenInclude(b => b!.Unit).FirstOrDefaultAsync(c => c.UserId == userId, ct);
        if (claim is null)
        {
            return null;
        }
        var book = claim.Book!;
        return new ClaimedBook
        {
            Code = book.Code,
            Type = book.Type,
            UnitCode = book.UnitCode,
            UnitName = book.Unit!.Name,
            Volume = book.Volume,
            RegisteredFrom = book.RegisteredFrom,
            RegisteredTo = book.RegisteredTo,
            CaseCount = book.CaseCount,
            Condition = book.Condition,
            CasesLogged = await db.CaseEntries.CountAsync(e => e.BookId == book.Id && e.Status != CaseStatus.Skipped, ct),
            CasesSkipped = await db.CaseEntries.CountAsync(e => e.BookId == book.Id && e.Status == CaseStatus.Skipped, ct),
            ClaimedAt = claim.ClaimedAt,
            ClaimEndsAt = ShiftCalendar.End(claim.ShiftDate, claim.Shift),
        };
    }

    /// <summary>Ends every claim of that shift or of an earlier one (leftovers of a close the server missed).</summary>
    public async Task<int> ReleaseShiftAsync(DateOnly date, int shift, CancellationToken ct)
    {
        var claims = await db.Claims.Include(c => c.Book)
            .Where(c => c.ShiftDate < date || (c.ShiftDate == date && c.Shift <= shift))
            .ToListAsync(ct);
        await EndAsync(claims, ct);
        foreach (var claim in claims)
        {
            await PublishAsync(BookChangeKind.Released, claim.BookId, claim.TeamId, claim.UserId, ct);
        }
        return claims.Count;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EndedClaim>> EndOffRosterAsync(int teamId, CancellationToken ct)
    {
        var claims = await db.Claims.Include(c => c.Book)
            .Where(c => c.TeamId == teamId
                && (!db.TeamMembers.Any(m => m.TeamId == teamId && m.UserId == c.UserId)
                    || !db.RosterEntries.Any(r => r.TeamId == teamId && r.UserId == c.UserId && r.Date == c.ShiftDate && r.Shift == c.Shift)))
            .ToListAsync(ct);
        if (claims.Count > 0)
        {
            await EndAsync(claims, ct);
        }
        return claims.Select(c => new EndedClaim(c.BookId, c.TeamId, c.UserId)).ToList();
    }

    /// <inheritdoc />
    public async Task PublishReleasedAsync(IReadOnlyList<EndedClaim> ended, CancellationToken ct)
    {
        foreach (var claim in ended)
        {
            LogReleased(claim.BookId);
            await PublishAsync(BookChangeKind.Released, claim.BookId, claim.TeamId, claim.UserId, ct);
        }
    }

    private async Task EndAsync(IReadOnlyList<Claim> claims, CancellationToken ct)
    {
        foreach (var claim in claims)
        {
            // A book nobody has logged a case from goes back to "not started".
            if (claim.Book is { Status: BookStatus.InProgress } book && !await db.CaseEntries.AnyAsync(e => e.BookId == book.Id, ct))
            {
                book.Status = BookStatus.NotStarted;
            }
        }
        db.Claims.RemoveRange(claims);
        // Their history says when they ended, in the same save (a late case typed before is judged against it).
        var bookIds = claims.Select(c => c.BookId).ToList();
        var endedAt = time.GetUtcNow();
        foreach (var span in await db.ClaimSpans.Where(s => bookIds.Contains(s.BookId) && s.EndedAt == null).ToListAsync(ct))
        {
            span.EndedAt = endedAt;
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<((int TeamId, ShiftSlotRef Shift)? Shift, Refusal? Refusal)> CheckAsync(string userId, CancellationToken ct)
    {
        if (ShiftCalendar.OpenAt(time.GetUtcNow()) is null)
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.noShiftOpen"), Phrase.Of("claim.noShiftOpen")));
        }
        if (await OnShiftAsync(userId, ct) is not { } shift)
        {
            return (null, NotOnShift);
        }
        // One book at a time, counting a book's quality pass (re-keyed blind) as holding it.
        var holding = await db.Claims.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.Book!.Code).FirstOrDefaultAsync(ct)
            ?? await db.QualityClaims.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.Book!.Code).FirstOrDefaultAsync(ct);
        if (holding is not null)
        {
            return (null, Refusal.Conflict(Phrase.Of("title.alreadyHolding"), Phrase.Of("claim.alreadyHolding", holding)));
        }
        return (shift, null);
    }

    /// <summary>
    /// Stores the claim of the picked book; no book when another clerk won the race for it (or this clerk claimed twice
    /// at once), QueueEmpty when there was nothing to pick, OffShift when the clerk was taken off the team or the roster
    /// since the check (removals take the same write gate).
    /// </summary>
    private async Task<(ClaimedBook? Claimed, bool QueueEmpty, bool OffShift)> TryStoreAsync(Func<CancellationToken, Task<int?>> pick, string userId,
        (int TeamId, ShiftSlotRef Shift) on, CancellationToken ct)
    {
        await using var tx = await writes.BeginAsync(db, ct);
        if (!await db.RosterEntries.AnyAsync(e => e.UserId == userId && e.TeamId == on.TeamId && e.Date == on.Shift.Date && e.Shift == on.Shift.Number
                && db.TeamMembers.Any(m => m.TeamId == on.TeamId && m.UserId == userId), ct))
        {
            return (null, false, true);
        }
        if (await pick(ct) is not { } bookId)
        {
            return (null, true, false);
        }
        var claimedAt = time.GetUtcNow();
        db.Claims.Add(new Claim { BookId = bookId, UserId = userId, TeamId = on.TeamId, ShiftDate = on.Shift.Date, Shift = on.Shift.Number, ClaimedAt = claimedAt });
        db.ClaimSpans.Add(new ClaimSpan { BookId = bookId, UserId = userId, TeamId = on.TeamId, ShiftDate = on.Shift.Date, Shift = on.Shift.Number, ClaimedAt = claimedAt });
        await db.Books.Where(b => b.Id == bookId && b.Status == BookStatus.NotStarted)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookStatus.InProgress), ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return (null, false, false);
        }
        await tx.DisposeAsync();
        LogClaimed(bookId, on.TeamId);
        var claimed = await DescribeAsync(userId, ct);
        if (claimed is not null)
        {
            await PublishAsync(BookChangeKind.Claimed, bookId, on.TeamId, userId, ct);
        }
        return (claimed, false, false);
    }

    private async Task PublishAsync(BookChangeKind kind, int bookId, int teamId, string userId, CancellationToken ct)
    {
        var book = await db.Books.AsNoTracking().Where(b => b.Id == bookId)
            .Select(b => new { b.Code, b.Type, b.UnitCode, b.Unit!.DistrictCode, b.CaseCount, Logged = db.CaseEntries.Count(e => e.BookId == b.Id && e.Status != CaseStatus.Skipped) })
            .SingleAsync(ct);
        live.BookChanged(new BookChangedNotice(kind, new SprintPlace(teamId, book.UnitCode, book.DistrictCode), book.Code, book.Type, userId,
            book.Logged, book.CaseCount, time.GetUtcNow()));
    }

    private static readonly Refusal NotOnShift = Refusal.Forbidden(Phrase.Of("title.notOnShift"), Phrase.Of("claim.notOnShift"));

    private static Refusal HeldByAnother(string bookCode) => Refusal.Conflict(Phrase.Of("title.bookHeld"), Phrase.Of("claim.heldByAnother", bookCode));

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Book {BookId} claimed for team {TeamId}")]
    private partial void LogClaimed(int bookId, int teamId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Book {BookId} released")]
    private partial void LogReleased(int bookId);
}

/// <summary>The shift a claim belongs to.</summary>
public readonly record struct ShiftSlotRef(DateOnly Date, int Number, DateTimeOffset Ends);

using System.Text.Json;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Claims;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Teams;
using Entry.Shared.Entries;
using Entry.Shared.Quality;
using Entry.Shared.Teams;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Quality;

/// <summary>
/// The quality pass of a finished book, keyed blind: a clerk of the book's team, on the open shift, who keyed none of
/// the drawn entries and is not one of the team's arbiters (its leader and civil-registry officers, who may read its
/// cases), claims the pass (one holder per book, one book per clerk, ended at the shift's close) and keys the drawn
/// entry numbers on the entry form. No answer of this service carries a value of the first keying.
/// </summary>
public sealed partial class SecondKeying(EntryDb db, WriteGate gate, ClaimService claims, ISprintEvents live, TimeProvider time, ILogger<SecondKeying> logger)
{
    public async Task<(HeldQualityPass? Pass, Refusal? Refusal)> ClaimAsync(string userId, string bookCode, CancellationToken ct)
    {
        var book = await db.Books.AsNoTracking().Where(b => b.Code == bookCode).Select(b => new { b.Id, b.TeamId, b.Quality }).FirstOrDefaultAsync(ct);
        if (book is null)
        {
            var noSuchBook = Phrase.Of("book.noSuchBook", bookCode);
            return (null, Refusal.NotFound(Phrase.Of("title.noSuchBook"), noSuchBook).WithErrors("bookCode", noSuchBook));
        }
        var mine = await db.QualityClaims.AsNoTracking().Where(c => c.UserId == userId).Select(c => new { c.BookId }).FirstOrDefaultAsync(ct);
        if (mine is not null && mine.BookId == book.Id)
        {
            return (await HeldAsync(userId, ct), null);
        }
        if (ShiftCalendar.OpenAt(time.GetUtcNow()) is null)
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.noShiftOpen"), Phrase.Of("claim.noShiftOpen")));
        }
        if (await claims.OnShiftAsync(userId, ct) is not { } on)
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.notOnShift"), Phrase.Of("claim.notOnShift")));
        }
        if (book.TeamId != on.TeamId)
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.notTeamBook"), Phrase.Of("claim.notTeamBook", bookCode)));
        }
        var pass = await OpenPassAsync(book.Id, ct);
        if (pass is null)
        {
            return (null, NoPassWaiting(bookCode, book.Quality));
        }
        if (await IsArbiterAsync(userId, on.TeamId, ct))
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.notAllowed"), Phrase.Of("quality.arbiterMayNotRekey")));
        }
        if (await db.QualityItems.AnyAsync(i => i.PassId == pass.Id && i.FirstClerkId == userId, ct))
        {
            return (null, Refusal.Forbidden(Phrase.Of("title.notAllowed"), Phrase.Of("quality.ownEntries", bookCode)));
        }
        var holding = await db.Claims.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.Book!.Code).FirstOrDefaultAsync(ct)
            ?? (mine is null ? null : await db.Books.AsNoTracking().Where(b => b.Id == mine.BookId).Select(b => b.Code).FirstAsync(ct));
        if (holding is not null)
        {
            return (null, Refusal.Conflict(Phrase.Of("title.alreadyHolding"), Phrase.Of("claim.alreadyHolding", holding)));
        }
        await using (var tx = await gate.BeginAsync(db, ct))
        {
            db.QualityClaims.Add(new QualityClaim
            {
                BookId = book.Id, PassId = pass.Id, UserId = userId, TeamId = on.TeamId, ShiftDate = on.Shift.Date, Shift = on.Shift.Number,
                ClaimedAt = time.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return (null, Refusal.Conflict(Phrase.Of("title.bookHeld"), Phrase.Of("claim.heldByAnother", bookCode)));
            }
        }
        LogClaimed(book.Id, on.TeamId);
        await AnnounceAsync(book.Id, ct);
        return (await HeldAsync(userId, ct), null);
    }

    public async Task<Refusal?> ReleaseAsync(string userId, string bookCode, CancellationToken ct)
    {
        var claim = await db.QualityClaims.FirstOrDefaultAsync(c => c.UserId == userId && c.Book!.Code == bookCode, ct);
        if (claim is null)
        {
            return Refusal.NotFound(Phrase.Of("title.notHeld"), Phrase.Of("claim.notHeld", bookCode));
        }
        db.QualityClaims.Remove(claim);
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(claim.BookId, ct);
        return null;
    }

    /// <summary>Ends every quality claim of that shift or an earlier one.</summary>
    public Task<int> ReleaseShiftAsync(DateOnly date, int shift, CancellationToken ct) =>
        db.QualityClaims.Where(c => c.ShiftDate < date || (c.ShiftDate == date && c.Shift <= shift)).ExecuteDeleteAsync(ct);

    /// <summary>The pass the clerk holds: the entry numbers to key and those keyed. No value of the first keying, not even its page.</summary>
    public async Task<HeldQualityPass?> HeldAsync(string userId, CancellationToken ct)
    {
        var claim = await db.QualityClaims.AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new { c.PassId, c.ShiftDate, c.Shift, c.Book!.Code, c.Book.Type, c.Book.Volume, UnitName = c.Book.Unit!.Name })
            .FirstOrDefaultAsync(ct);
        if (claim is null)
        {
            return null;
        }
        var pass = await db.QualityPasses.AsNoTracking().Where(p => p.Id == claim.PassId).Select(p => new { p.Round, p.Full }).SingleAsync(ct);
        var items = await db.QualityItems.AsNoTracking().Where(i => i.PassId == claim.PassId)
            .Select(i => new { i.EntryNumber, Keyed = i.State != QualityItemState.Waiting }).ToListAsync(ct);
        return new HeldQualityPass(claim.Code, claim.Type, claim.Volume, claim.UnitName, pass.Round, pass.Full,
            items.Select(i => i.EntryNumber).Order().ToList(), items.Where(i => i.Keyed).Select(i => i.EntryNumber).Order().ToList(),
            ShiftCalendar.End(claim.ShiftDate, claim.Shift));
    }

    /// <summary>
    /// Stores a second keying of a drawn entry, blind, then compares it with the case as stored. Once every drawn entry
    /// is keyed the claim ends: the pass passes, or its differences wait for the arbiter.
    /// </summary>
    public async Task<(SecondKeyingResult? Result, bool Replay, Refusal? Refusal)> KeyAsync(CaseEntryRequest request, string userId, CancellationToken ct)
    {
        var code = request.BookCode?.Trim();
        var book = string.IsNullOrEmpty(code) ? null : await CaseRecorder.BookByCode(db, code, ct);
        var (normalized, errors) = CaseValidation.Validate(request, book);
        if (errors.Count > 0)
        {
            return (null, false, Refusal.Invalid(errors));
        }
        var hash = CaseRecorder.Hash(normalized);
        var pass = await OpenPassAsync(book!.Id, ct);
        var item = pass is null ? null
            : await db.QualityItems.AsNoTracking().FirstOrDefaultAsync(i => i.PassId == pass.Id && i.EntryNumber == normalized.EntryNumber, ct);
        if (item is { SecondId: { } keyedId } && keyedId == normalized.Id)
        {
            // A retry of a stored keying: the same answer, even after the claim ended; another body under its id is a conflict.
            return item.SecondHash == hash && item.SecondKeyerId == userId
                ? (await ResultAsync(item, book.Code, ct), true, null)
                : (null, false, Refusal.Conflict(Phrase.Of("title.idUsed"), Phrase.Of("quality.idUsed")).WithErrors("id", Phrase.Of("quality.idUsed")));
        }
        if (pass is null)
        {
            var replayed = await db.QualityItems.AsNoTracking().FirstOrDefaultAsync(i => i.SecondId == normalized.Id && i.BookId == book.Id, ct);
            if (replayed is not null && replayed.SecondHash == hash && replayed.SecondKeyerId == userId)
            {
                return (await ResultAsync(replayed, book.Code, ct), true, null);
            }
            return (null, false, NoPassWaiting(book.Code, book.Quality));
        }
        if (await HolderRefusalAsync(book.Id, userId, ct) is { } notHolder)
        {
            return (null, false, notHolder);
        }
        if (item is null)
        {
            return (null, false, new Refusal(StatusCodes.Status422UnprocessableEntity, Phrase.Of("title.notInSample"), Phrase.Of("quality.notInSample", normalized.EntryNumber))
                .WithErrors("entryNumber", Phrase.Of("quality.notInSample", normalized.EntryNumber)));
        }
        if (item.State != QualityItemState.Waiting)
        {
            return (null, false, Refusal.Conflict(Phrase.Of("title.alreadyKeyed"), Phrase.Of("quality.alreadyKeyed", normalized.EntryNumber))
                .WithErrors("entryNumber", Phrase.Of("quality.alreadyKeyed", normalized.EntryNumber)));
        }

        var now = time.GetUtcNow();
        var done = false;
        await using (var tx = await gate.BeginAsync(db, ct))
        {
            var tracked = await db.QualityItems.SingleAsync(i => i.Id == item.Id, ct);
            if (tracked.State != QualityItemState.Waiting)
            {
                return (null, false, Refusal.Conflict(Phrase.Of("title.alreadyKeyed"), Phrase.Of("quality.alreadyKeyed", normalized.EntryNumber)));
            }
            var entry = await db.CaseEntries.AsNoTracking().Include(e => e.Book).SingleAsync(e => e.Id == tracked.EntryId, ct);
            var first = KeyingComparison.Fields(CaseReview.Stored(entry));
            var second = KeyingComparison.Fields(normalized);
            var compared = KeyingComparison.Compare(first, second);
            var differing = compared.Where(f => f.Differs).Select(f => f.Field).ToList();
            tracked.SecondId = normalized.Id;
            tracked.SecondKeyerId = userId;
            tracked.Second = JsonSerializer.Serialize(normalized, CaseRecorder.Json);
            tracked.SecondHash = hash;
            tracked.SecondKeyedAt = now;
            tracked.FirstAtComparison = JsonSerializer.Serialize(first, CaseRecorder.Json);
            tracked.ComparedVersion = entry.Version;
            tracked.Differing = JsonSerializer.Serialize(differing);
            tracked.FieldsCompared = compared.Count;
            tracked.State = differing.Count == 0 ? QualityItemState.Matched : QualityItemState.Differs;
            await db.SaveChangesAsync(ct);
            if (!await db.QualityItems.AnyAsync(i => i.PassId == pass.Id && i.State == QualityItemState.Waiting, ct))
            {
                done = true;
                await db.QualityClaims.Where(c => c.BookId == book.Id).ExecuteDeleteAsync(ct);
                await QualityOutcome.SettleAsync(db, pass.Id, now, ct);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        LogKeyed(book.Id, normalized.EntryNumber, done);
        db.ChangeTracker.Clear();
        await AnnounceAsync(book.Id, ct);
        var stored = await db.QualityItems.AsNoTracking().SingleAsync(i => i.Id == item.Id, ct);
        return (await ResultAsync(stored, book.Code, ct), false, null);
    }

    private async Task<SecondKeyingResult> ResultAsync(QualityItem item, string bookCode, CancellationToken ct)
    {
        var keyed = await db.QualityItems.CountAsync(i => i.PassId == item.PassId && i.State != QualityItemState.Waiting, ct);
        var sampled = await db.QualityItems.CountAsync(i => i.PassId == item.PassId, ct);
        return new SecondKeyingResult(item.SecondId!.Value, bookCode, item.EntryNumber, keyed, sampled);
    }

    /// <summary>Null when the user may key into the book's pass now: they hold its claim, on the open shift, still a member rostered on it.</summary>
    private async Task<Refusal?> HolderRefusalAsync(int bookId, string userId, CancellationToken ct)
    {
        var claim = await db.QualityClaims.AsNoTracking().FirstOrDefaultAsync(c => c.BookId == bookId, ct);
        if (claim is null)
        {
            return Refusal.Forbidden(Phrase.Of("title.noClaim"), Phrase.Of("quality.noClaim"));
        }
        if (claim.UserId != userId)
        {
            return Refusal.Forbidden(Phrase.Of("title.heldByAnother"), Phrase.Of("case.heldByAnother"));
        }
        if (ShiftCalendar.OpenAt(time.GetUtcNow()) is not { } open || open.Date != claim.ShiftDate || open.Shift != claim.Shift)
        {
            return Refusal.Forbidden(Phrase.Of("title.shiftClosed"), Phrase.Of("case.shiftClosed"));
        }
        var rostered = await db.RosterEntries.AnyAsync(r => r.TeamId == claim.TeamId && r.UserId == userId && r.Date == claim.ShiftDate && r.Shift == claim.Shift
            && db.TeamMembers.Any(m => m.TeamId == claim.TeamId && m.UserId == userId), ct);
        return rostered ? null : Refusal.Forbidden(Phrase.Of("title.notOnShift"), Phrase.Of("case.notOnShift"));
    }

    private Task<QualityPass?> OpenPassAsync(int bookId, CancellationToken ct) =>
        db.QualityPasses.AsNoTracking().Where(p => p.BookId == bookId && p.State == QualityPassState.Keying).OrderByDescending(p => p.Round).FirstOrDefaultAsync(ct);

    /// <summary>The team's leader and civil-registry officers arbitrate and may read its cases: they do not re-key.</summary>
    private async Task<bool> IsArbiterAsync(string userId, int teamId, CancellationToken ct) =>
        await db.Teams.AnyAsync(t => t.Id == teamId && t.LeaderId == userId, ct)
        || await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId && m.Category == MemberCategory.CivilRegistryOfficer, ct);

    internal static Refusal NoPassWaiting(string bookCode, BookQuality quality) => quality switch
    {
        BookQuality.Accepted => Refusal.Conflict(Phrase.Of("title.bookAccepted"), Phrase.Of("quality.bookAccepted", bookCode)),
        BookQuality.Arbitration => Refusal.Conflict(Phrase.Of("title.inArbitration"), Phrase.Of("quality.inArbitration", bookCode)),
        _ => Refusal.Conflict(Phrase.Of("title.noQualityPass"), Phrase.Of("quality.noPass", bookCode)),
    };

    private async Task AnnounceAsync(int bookId, CancellationToken ct)
    {
        var place = await db.Books.AsNoTracking().Where(b => b.Id == bookId)
            .Select(b => new { b.TeamId, b.UnitCode, b.Unit!.DistrictCode }).SingleAsync(ct);
        if (place.TeamId is { } teamId)
        {
            live.ProgressChanged(new SprintPlace(teamId, place.UnitCode, place.DistrictCode));
        }
    }

    [LoggerMessage(EventId = 9100, Level = LogLevel.Information, Message = "Quality pass of book {BookId} claimed for team {TeamId}")]
    private partial void LogClaimed(int bookId, int teamId);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Second keying of entry {EntryNumber} of book {BookId} stored; pass keyed: {Done}")]
    private partial void LogKeyed(int bookId, int entryNumber, bool done);
}

/// <summary>When a shift closes, the quality passes its clerks still hold are released.</summary>
public sealed class ReleaseQualityClaimsAtShiftClose(SecondKeying keying) : IShiftClosedHandler
{
    public Task ShiftClosedAsync(ShiftChanged closed, CancellationToken ct) => keying.ReleaseShiftAsync(closed.Date, closed.Shift, ct);
}

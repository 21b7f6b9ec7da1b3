using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Server.Features.Claims;
using Entry.Server.Features.Shifts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Cases;

/// <summary>
/// Through which claim a new case or skip is written. The present rule first: the clerk holds the book on the open shift.
/// When it refuses and the request says when it was typed (<c>typedAt</c>), the late-arrivals rule decides: the entry is
/// taken, on that claim's team and shift, when the typing time lies inside a claim the same clerk held on the same book
/// (from its start to its end, at the latest its shift's close; <see cref="LateArrivalOptions.ClockSkewMinutes"/> either
/// side), at most <see cref="LateArrivalOptions.GraceDays"/> ago and not in the future, and the clerk is still a member of
/// that claim's team. The entry number must still be free, as for any entry (the ledger decides). A late entry refused is
/// recorded (<see cref="RefusedSubmission"/>) for the clerk and their leader to see. The typing time never narrows the
/// present rule: a forged one gains nothing the clerk does not already hold.
/// </summary>
public sealed partial class LateArrivals(EntryDb db, WriteGate writes, IOptions<LateArrivalOptions> options, ILogger<LateArrivals> logger)
{
    /// <summary>Stable codes of the late-arrival refusals (the <c>code</c> member of the problem, the recorded reason).</summary>
    public static class Codes
    {
        public const string TypedInFuture = "typed_in_future";
        public const string TypedTooLongAgo = "typed_too_long_ago";
        public const string TypedOutsideClaim = "typed_outside_claim";
        public const string TypedWithoutClaim = "typed_without_claim";
        public const string NotTeamMember = "typed_claim_team_left";
        public const string NumberTaken = "entry_number_taken";
    }

    /// <summary>The claim a new entry goes through, or why it may not be written.</summary>
    public async Task<(EntryPermit? Permit, Refusal? Refusal)> PermitAsync(NewEntry entry, Book book, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var (claim, refusal) = await BookFill.HolderClaimAsync(db, book, userId, now, ct);
        if (refusal is null)
        {
            return (new EntryPermit(claim!.Id, claim.TeamId, claim.ShiftDate, claim.Shift, Late: false), null);
        }
        if (entry.TypedAt is not { } typedAt)
        {
            return (null, refusal);
        }
        var (span, late) = await JudgeAsync(book, userId, typedAt, now, ct);
        if (late is not null)
        {
            await RecordAsync(entry, book, userId, late.Code, span?.TeamId ?? book.TeamId, now, ct);
            return (null, late.Refusal);
        }
        LogLate(logger, entry.Id, book.Id, entry.EntryNumber, span!.Id);
        return (new EntryPermit(null, span.TeamId, span.ShiftDate, span.Shift, Late: true), null);
    }

    /// <summary>A late entry the ledger refused (its number was taken meanwhile): recorded like the rule's refusals.</summary>
    public Task RefusedByLedgerAsync(NewEntry entry, Book book, string userId, EntryPermit permit, DateTimeOffset now, CancellationToken ct) =>
        permit.Late ? RecordAsync(entry, book, userId, Codes.NumberTaken, permit.TeamId, now, ct) : Task.CompletedTask;

    private sealed record LateRefusal(string Code, Refusal Refusal);

    private async Task<(ClaimSpan? Span, LateRefusal? Refusal)> JudgeAsync(Book book, string userId, DateTimeOffset typedAt, DateTimeOffset now, CancellationToken ct)
    {
        var settings = options.Value;
        var skew = TimeSpan.FromMinutes(settings.ClockSkewMinutes);
        if (typedAt > now + skew)
        {
            return (null, Refuse(Codes.TypedInFuture, StatusCodes.Status422UnprocessableEntity, "typedInFuture", [typedAt, now],
                new() { ["typedAt"] = typedAt, ["serverTime"] = now }));
        }
        if (typedAt < now - TimeSpan.FromDays(settings.GraceDays))
        {
            return (null, Refuse(Codes.TypedTooLongAgo, StatusCodes.Status409Conflict, "typedTooLongAgo", [typedAt, settings.GraceDays, book.Code],
                new() { ["typedAt"] = typedAt, ["graceDays"] = settings.GraceDays }));
        }
        // Compared here, not in SQL: SQLite keeps these instants as text. A clerk has few claims on one book.
        var spans = await db.ClaimSpans.AsNoTracking().Where(s => s.BookId == book.Id && s.UserId == userId).ToListAsync(ct);
        var inside = spans.Where(s => typedAt >= s.ClaimedAt - skew && typedAt <= s.Ends + skew).MaxBy(s => s.ClaimedAt);
        if (inside is null)
        {
            if (spans.MinBy(s => Distance(s, typedAt)) is not { } nearest)
            {
                return (null, Refuse(Codes.TypedWithoutClaim, StatusCodes.Status409Conflict, "typedWithoutClaim", [typedAt, book.Code],
                    new() { ["typedAt"] = typedAt, ["bookCode"] = book.Code }));
            }
            return (nearest, Refuse(Codes.TypedOutsideClaim, StatusCodes.Status409Conflict, "typedOutsideClaim",
                [typedAt, book.Code, nearest.ClaimedAt, nearest.Ends],
                new() { ["typedAt"] = typedAt, ["bookCode"] = book.Code, ["claimedAt"] = nearest.ClaimedAt, ["claimEndedAt"] = nearest.Ends }));
        }
        if (!await db.TeamMembers.AnyAsync(m => m.TeamId == inside.TeamId && m.UserId == userId, ct))
        {
            return (inside, Refuse(Codes.NotTeamMember, StatusCodes.Status409Conflict, "typedClaimTeamLeft", [typedAt, book.Code],
                new() { ["typedAt"] = typedAt, ["bookCode"] = book.Code }));
        }
        return (inside, null);
    }

    private static TimeSpan Distance(ClaimSpan span, DateTimeOffset at) =>
        at < span.ClaimedAt ? span.ClaimedAt - at : at > span.Ends ? at - span.Ends : TimeSpan.Zero;

    /// <summary>
    /// A late-arrival refusal worded from <c>title.{phrase}</c> and <c>late.{phrase}</c> in the request's language (times
    /// dd/MM/yyyy HH:mm in the province's zone); its <c>code</c> and named <c>args</c> stay the stable ones clients read.
    /// </summary>
    private static LateRefusal Refuse(string code, int status, string phrase, object?[] words, Dictionary<string, object?> args)
    {
        var detail = Phrase.Of("late." + phrase, words);
        return new(code, new Refusal(status, Phrase.Of("title." + phrase), detail).WithErrors("typedAt", detail).With("code", code).With("args", args));
    }

    /// <summary>Once per id: a retry refused again counts one more attempt and keeps its latest reason.</summary>
    private async Task RecordAsync(NewEntry entry, Book book, string userId, string reason, int? teamId, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await writes.BeginAsync(db, ct);
        var row = await db.RefusedSubmissions.FirstOrDefaultAsync(r => r.Id == entry.Id, ct);
        if (row is null)
        {
            db.RefusedSubmissions.Add(new RefusedSubmission
            {
                Id = entry.Id, Kind = entry.Kind, ClerkId = userId, TeamId = teamId, BookCode = book.Code, EntryNumber = entry.EntryNumber,
                TypedAt = entry.TypedAt!.Value, Reason = reason, FirstRefusedAt = now, LastRefusedAt = now,
            });
        }
        else if (row.ClerkId == userId)
        {
            (row.Reason, row.TeamId, row.LastRefusedAt, row.Attempts) = (reason, teamId, now, row.Attempts + 1);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // A twin refusal recorded it a moment ago (outside SQLite's gate): one row is what matters.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        LogRefused(logger, entry.Id, book.Id, entry.EntryNumber, reason);
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Late entry {EntryId} of book {BookId} number {EntryNumber} taken through past claim {SpanId}")]
    private static partial void LogLate(ILogger logger, Guid entryId, int bookId, int entryNumber, long spanId);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Late entry {EntryId} of book {BookId} number {EntryNumber} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid entryId, int bookId, int entryNumber, string reason);
}

/// <summary>What of a new case or skip the late-arrivals rule reads: its id, kind (<c>case</c>, <c>skip</c>), number and typing time.</summary>
public sealed record NewEntry(Guid Id, string Kind, int EntryNumber, DateTimeOffset? TypedAt);

/// <summary>
/// The claim a new entry is written through: its team and shift go on the entry; <see cref="ClaimId"/> is the held claim
/// the ledger checks is still held at commit, null for a late entry taken through a claim that already ended.
/// </summary>
public sealed record EntryPermit(long? ClaimId, int TeamId, DateOnly ShiftDate, int Shift, bool Late);

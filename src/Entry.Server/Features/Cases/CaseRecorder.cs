using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Server.Features.Live;
using Entry.Server.Features.National;
using Entry.Server.Features.Progress;
using Entry.Server.Features.Shifts;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Entry.Shared.Live;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

/// <summary>What became of one submission.</summary>
public enum EntryOutcome
{
    Created,
    Replayed,
    Invalid,
    Forbidden,
    Conflict,
}

public sealed record EntryAnswer(EntryOutcome Outcome, CaseEntryResult? Result = null, Dictionary<string, string[]>? Errors = null,
    string? Title = null, string? Detail = null);

/// <summary>
/// Logs one case: validates it, lets in only the clerk holding the book on the claim's open shift, and stores it once
/// per id. The primary key (the client's id) and the unique (book, entry number) settle races; the loser is answered,
/// never a 500.
/// </summary>
public sealed partial class CaseRecorder(EntryDb db, WriteGate writes, ProgressCounters counters, NationalOutbox outbox, ISprintEvents live, TimeProvider time, ILogger<CaseRecorder> logger)
{
    // Names stay readable in the stored JSON (NFC, not \u escapes); the JSON is never written into HTML.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public async Task<EntryAnswer> RecordAsync(CaseEntryRequest request, string userId, CancellationToken ct)
    {
        var code = request.BookCode?.Trim();
        var book = string.IsNullOrEmpty(code) ? null : await db.Books.AsNoTracking().Include(b => b.Unit).FirstOrDefaultAsync(b => b.Code == code, ct);
        var (normalized, errors) = CaseValidation.Validate(request, book);
        if (errors.Count > 0)
        {
            return new EntryAnswer(EntryOutcome.Invalid, Errors: errors);
        }
        var hash = Hash(normalized);

        // A retry of a stored case is answered with its first result, even after the shift has closed.
        if (await ReplayAsync(normalized.Id, hash, userId, ct) is { } replay)
        {
            return replay;
        }
        var now = time.GetUtcNow();
        var (claim, refusal) = await BookFill.HolderClaimAsync(db, book!, userId, now, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await db.CaseEntries.AnyAsync(e => e.BookId == book!.Id && e.EntryNumber == normalized.EntryNumber, ct))
        {
            // Taken by this very case if a twin submission got in since the replay check above.
            return await ReplayAsync(normalized.Id, hash, userId, ct) ?? await NumberTakenAsync(book!, normalized.EntryNumber, ct);
        }

        var entry = new CaseEntry
        {
            Id = normalized.Id,
            BookId = book!.Id,
            Type = book.Type,
            EntryNumber = normalized.EntryNumber,
            RegistrationDate = normalized.RegistrationDate!.Value,
            Page = normalized.Page,
            NeedsVerification = normalized.NeedsVerification,
            VerificationReason = normalized.VerificationReason,
            Status = normalized.NeedsVerification ? CaseStatus.Flagged : CaseStatus.Entered,
            Details = Details(normalized, book.Type),
            RequestHash = hash,
            ClerkId = userId,
            TeamId = claim!.TeamId,
            ShiftDate = claim.ShiftDate,
            Shift = claim.Shift,
            StoredAt = now,
        };
        db.CaseEntries.Add(entry);
        // Its message to the national database is stored with it, or neither is.
        outbox.Add(entry, book);
        int logged, skipped;
        bool finished;
        await using (var tx = await writes.BeginAsync(db, ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Lost a race: the same id stored by a twin submission, or the entry number taken by another id.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await ReplayAsync(normalized.Id, hash, userId, ct) ?? await NumberTakenAsync(book, normalized.EntryNumber, ct);
            }
            if (!await BookFill.StillHeldAsync(db, claim.Id, ct))
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return BookFill.ClaimEnded();
            }
            (logged, skipped) = await BookFill.CountAsync(db, book.Id, ct);
            finished = await BookFill.UpdateBookAsync(db, book.Id, book.CaseCount, logged + skipped, ct);
            await counters.ApplyAsync(BookFill.Scopes(entry, book), ProgressCounters.Change(null, entry.Status), ct);
            await tx.CommitAsync(ct);
        }
        outbox.Wake();
        LogStored(logger, entry.Id, book.Id, entry.EntryNumber, logged, book.CaseCount);
        var place = new SprintPlace(claim.TeamId, book.UnitCode, book.Unit!.DistrictCode);
        live.CaseLogged(new CaseLoggedNotice(place, book.Code, book.Type, userId, logged, book.CaseCount, entry.NeedsVerification, now));
        if (finished)
        {
            live.BookChanged(new BookChangedNotice(BookChangeKind.Finished, place, book.Code, book.Type, userId, logged, book.CaseCount, now));
        }
        return new EntryAnswer(EntryOutcome.Created, Result(entry, book, logged, skipped));
    }

    private Task<EntryAnswer?> ReplayAsync(Guid id, string hash, string userId, CancellationToken ct) =>
        BookFill.ReplayAsync(db, id, hash, userId, "case", ct);

    private async Task<EntryAnswer> NumberTakenAsync(Book book, int entryNumber, CancellationToken ct)
    {
        var taken = await db.CaseEntries.AnyAsync(e => e.BookId == book.Id && e.EntryNumber == entryNumber, ct);
        return new EntryAnswer(EntryOutcome.Conflict, Title: "Entry number already logged",
            Detail: taken
                ? "This entry number of the book is already logged under another id."
                : "The case could not be stored because of a conflicting write; retry it.",
            Errors: new() { ["entryNumber"] = ["This entry number of the book is already logged."] });
    }

    internal static CaseEntryResult Result(CaseEntry entry, Book book, int logged, int skipped) => new()
    {
        Id = entry.Id,
        BookCode = book.Code,
        EntryNumber = entry.EntryNumber,
        NeedsVerification = entry.NeedsVerification,
        CasesLogged = logged,
        CasesSkipped = skipped,
        CaseCount = book.CaseCount,
        StoredAt = entry.StoredAt,
    };

    /// <summary>SHA-256 (hex) of the normalised request serialised with fixed options: property order is the records' order.</summary>
    public static string Hash(CaseEntryRequest normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(normalized, Json))));

    internal static string Details(CaseEntryRequest request, BookType type) => type switch
    {
        BookType.Birth => JsonSerializer.Serialize(request.Birth, Json),
        BookType.Marriage => JsonSerializer.Serialize(request.Marriage, Json),
        BookType.Death => JsonSerializer.Serialize(request.Death, Json),
        _ => JsonSerializer.Serialize(request.Adoption, Json),
    };

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information,
        Message = "Case {EntryId} stored in book {BookId} as entry {EntryNumber}: {Logged} of {CaseCount} cases logged")]
    private static partial void LogStored(ILogger logger, Guid entryId, int bookId, int entryNumber, int logged, int caseCount);
}

using Entry.Server.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

/// <summary>
/// Skips an entry number of the held book with a reason (a missing page, a blank or cancelled entry, a number never
/// used). The same rules as logging a case: the holder on the claim's open shift, a free number, once per id.
/// </summary>
public sealed partial class SkipRecorder(EntryDb db, CaseLedger ledger, LateArrivals late, TimeProvider time, ILogger<SkipRecorder> logger)
{
    public const int MaxNote = 500;

    public async Task<(CaseStored? Stored, Refusal? Refusal)> SkipAsync(SkipEntryRequest request, string userId, CancellationToken ct)
    {
        var code = request.BookCode?.Trim();
        var book = BookCodes.IsValid(code) ? await CaseRecorder.BookByCode(db, code!, ct) : null;
        var errors = Validate(request, book);
        if (errors.Count > 0)
        {
            return (null, Refusal.Invalid(errors));
        }
        var normalized = request with { BookCode = code, Note = TextField.Clean(request.Note, TextKind.Note, MaxNote).Text };
        var hash = Hash(normalized);
        if (await ReplayAsync(normalized.Id, hash, userId, ct) is { } replay)
        {
            return replay;
        }
        var now = time.GetUtcNow();
        var arrival = new NewEntry(normalized.Id, "skip", normalized.EntryNumber, normalized.TypedAt);
        var (claim, refusal) = await late.PermitAsync(arrival, book!, userId, now, ct);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var skip = new CaseEntry
        {
            Id = normalized.Id,
            BookId = book!.Id,
            Type = book.Type,
            EntryNumber = normalized.EntryNumber,
            RegistrationDate = DateOnly.MinValue,
            Page = 0,
            NeedsVerification = false,
            Status = CaseStatus.Skipped,
            NationalState = NationalSyncState.None,
            SkipReason = normalized.Reason,
            SkipNote = normalized.Note,
            Details = "{}",
            RequestHash = hash,
            ClerkId = userId,
            TeamId = claim!.TeamId,
            ShiftDate = claim.ShiftDate,
            Shift = claim.Shift,
            StoredAt = now,
        };
        var answer = await new NewEntryWrite(skip, book, claim.ClaimId, NumberTaken).StoreAsync(ledger, db, "skip", ct);
        if (answer.Refusal is not null)
        {
            await late.RefusedByLedgerAsync(arrival, book, userId, claim, now, ct);
        }
        if (answer.Stored is { IsReplay: false } stored)
        {
            LogSkipped(logger, skip.Id, book.Id, skip.EntryNumber, stored.Result.CasesLogged, stored.Result.CasesSkipped, book.CaseCount);
        }
        return answer;
    }

    private static Dictionary<string, Phrase[]> Validate(SkipEntryRequest request, Book? book)
    {
        var errors = new Dictionary<string, Phrase[]>();
        if (request.Id == Guid.Empty)
        {
            errors["id"] = [Phrase.Of("case.id.empty")];
        }
        if (string.IsNullOrWhiteSpace(request.BookCode))
        {
            errors["bookCode"] = [Phrase.Of("case.bookCode.required")];
        }
        else if (book is null)
        {
            errors["bookCode"] = [Phrase.Of("case.bookCode.unknown")];
        }
        if (request.EntryNumber < 1)
        {
            errors["entryNumber"] = [Phrase.Of("case.entryNumber.min")];
        }
        else if (book is not null && request.EntryNumber > book.CaseCount)
        {
            errors["entryNumber"] = [Phrase.Of("case.entryNumber.max", book.CaseCount)];
        }
        if (request.Reason is not { } reason || !Enum.IsDefined(reason))
        {
            errors["reason"] = [Phrase.Of("skip.reason.unknown")];
        }
        if (TextField.Clean(request.Note, TextKind.Note, MaxNote).Problem is { } noteProblem)
        {
            errors["note"] = [noteProblem];
        }
        return errors;
    }

    private Task<(CaseStored? Stored, Refusal? Refusal)?> ReplayAsync(Guid id, string hash, string userId, CancellationToken ct) =>
        BookFill.ReplayAsync(db, id, hash, userId, "skip", ct);

    private static readonly Refusal NumberTaken = Refusal.Conflict(Phrase.Of("title.entryNumberUsed"), Phrase.Of("case.entryNumber.loggedOrSkipped"))
        .WithErrors("entryNumber", Phrase.Of("case.entryNumber.loggedOrSkipped"));

    private static string Hash(SkipEntryRequest normalized) =>
        "skip:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(normalized, CaseRecorder.HashJson))))[..59];

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Entry {EntryId} of book {BookId} skipped as number {EntryNumber}: {Logged} logged and {Skipped} skipped of {CaseCount}")]
    private static partial void LogSkipped(ILogger logger, Guid entryId, int bookId, int entryNumber, int logged, int skipped, int caseCount);
}

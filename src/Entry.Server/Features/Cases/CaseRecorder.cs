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
/// Logs one case: validates it, lets in only the clerk holding the book on the claim's open shift, and stores it once
/// per id through the <see cref="CaseLedger"/>. The primary key (the client's id) and the unique (book, entry number)
/// settle races; the loser is answered, never a 500.
/// </summary>
public sealed partial class CaseRecorder(EntryDb db, CaseLedger ledger, LateArrivals late, TimeProvider time, ILogger<CaseRecorder> logger)
{
    // Names stay readable in the stored JSON (NFC, not \u escapes); the JSON is never written into HTML.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public async Task<(CaseStored? Stored, Refusal? Refusal)> RecordAsync(CaseEntryRequest request, string userId, CancellationToken ct)
    {
        var code = request.BookCode?.Trim();
        var book = BookCodes.IsValid(code) ? await BookByCode(db, code!, ct) : null;
        var (normalized, errors) = CaseValidation.Validate(request, book);
        if (errors.Count > 0)
        {
            return (null, Refusal.Invalid(errors));
        }
        var hash = Hash(normalized);

        // A retry of a stored case is answered with its first result, even after the shift has closed.
        if (await ReplayAsync(normalized.Id, hash, userId, ct) is { } replay)
        {
            return replay;
        }
        var now = time.GetUtcNow();
        var arrival = new NewEntry(normalized.Id, "case", normalized.EntryNumber, normalized.TypedAt);
        var (claim, refusal) = await late.PermitAsync(arrival, book!, userId, now, ct);
        if (refusal is not null)
        {
            return (null, refusal);
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
        var answer = await new NewEntryWrite(entry, book, claim.ClaimId, NumberTaken).StoreAsync(ledger, db, "case", ct);
        if (answer.Refusal is not null)
        {
            await late.RefusedByLedgerAsync(arrival, book, userId, claim, now, ct);
        }
        if (answer.Stored is { IsReplay: false } stored)
        {
            LogStored(logger, entry.Id, book.Id, entry.EntryNumber, stored.Result.CasesLogged, book.CaseCount);
        }
        return answer;
    }

    // Only a well-formed code is looked up: PostgreSQL's case-insensitive collation also ignores characters such as
    // U+200B and full-width forms, which SQLite's NOCASE does not, and no stored code holds them.
    // Compiled once: on the hot path EF Core would otherwise parameterise and look up the query's plan per request.
    internal static readonly Func<EntryDb, string, CancellationToken, Task<Book?>> BookByCode = EF.CompileAsyncQuery(
        (EntryDb db, string code, CancellationToken ct) => db.Books.AsNoTracking().Include(b => b.Unit).FirstOrDefault(b => b.Code == code));

    private static readonly Refusal NumberTaken = Refusal.Conflict(Phrase.Of("title.entryNumberLogged"), Phrase.Of("case.entryNumber.loggedUnderOtherId"))
        .WithErrors("entryNumber", Phrase.Of("case.entryNumber.logged"));

    private Task<(CaseStored? Stored, Refusal? Refusal)?> ReplayAsync(Guid id, string hash, string userId, CancellationToken ct) =>
        BookFill.ReplayAsync(db, id, hash, userId, "case", ct);

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
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(normalized, HashJson))));

    /// <summary>
    /// <see cref="Json"/> without the requests' <c>typedAt</c>: when it was typed is not what was typed, so the hashes of
    /// entries stored before clients sent it still match their retries.
    /// </summary>
    internal static readonly JsonSerializerOptions HashJson = new(Json)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (info.Type == typeof(CaseEntryRequest) || info.Type == typeof(SkipEntryRequest))
                    {
                        var typedAt = info.Properties.Single(p => p.Name == "typedAt");
                        info.Properties.Remove(typedAt);
                    }
                },
            },
        },
    };

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

using Entry.Server.Common;
using System.Security.Claims;
using System.Text.Json;
using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

/// <summary>
/// Reads a stored case with its history, corrects it, and verifies a flagged one. Every change that alters a field
/// stores a revision (who, when, each field before and after) and bumps the version; counters follow the status.
/// </summary>
public sealed partial class CaseReview(EntryDb db, CaseLedger ledger, TimeProvider time, ILogger<CaseReview> logger)
{
    public async Task<(CaseEntryDetails? Details, Refusal? Refusal)> GetAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var entry = await LoadAsync(id, ct);
        if (entry is null)
        {
            return (null, NotFound(id));
        }
        var reviewer = await CaseReviewer.ForAsync(db, user, entry.TeamId, ct);
        if (!(reviewer.IsAdmin || reviewer.IsLeader || reviewer.IsOfficer || entry.ClerkId == reviewer.UserId))
        {
            return (null, Forbidden(Phrase.Of("review.read.forbidden")));
        }
        return (await DetailsAsync(entry, ct), null);
    }

    /// <summary>A correction by the clerk who logged the case (while holding the book on its open shift) or by a civil-registry officer of the team.</summary>
    public async Task<(CaseEntryDetails? Details, Refusal? Refusal)> CorrectAsync(Guid id, CaseEntryRequest request, int? ifMatch, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var entry = await LoadAsync(id, ct);
        if (entry is null)
        {
            return (null, NotFound(id));
        }
        var reviewer = await CaseReviewer.ForAsync(db, user, entry.TeamId, ct);
        if (!reviewer.IsOfficer)
        {
            if (entry.ClerkId != reviewer.UserId)
            {
                return (null, Forbidden(Phrase.Of("review.correct.forbidden")));
            }
            var (_, refusal) = await BookFill.HolderClaimAsync(db, entry.Book!, reviewer.UserId, time.GetUtcNow(), ct);
            if (refusal is not null)
            {
                return (null, refusal with { Detail = Phrase.Of("review.correct.afterClaim", refusal.Detail) });
            }
        }
        return await ChangeAsync(entry, request, ifMatch, reviewer.UserId, RevisionKind.Corrected, ct);
    }

    /// <summary>A civil-registry officer of the case's team confirms a flagged case, as it is or corrected.</summary>
    public async Task<(CaseEntryDetails? Details, Refusal? Refusal)> VerifyAsync(Guid id, VerifyRequest request, int? ifMatch, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var entry = await LoadAsync(id, ct);
        if (entry is null)
        {
            return (null, NotFound(id));
        }
        var reviewer = await CaseReviewer.ForAsync(db, user, entry.TeamId, ct);
        if (!reviewer.IsOfficer)
        {
            return (null, Forbidden(Phrase.Of("review.verify.forbidden")));
        }
        if (entry.Status != CaseStatus.Flagged)
        {
            return (null, Refusal.Conflict(Phrase.Of("title.notFlagged"),
                Phrase.Of("review.verify.notFlagged", id, Phrase.Of("entryStatus." + JsonSerializer.Serialize(entry.Status).Trim('"')))));
        }
        return await ChangeAsync(entry, request.Correction ?? Stored(entry), ifMatch, reviewer.UserId, RevisionKind.Verified, ct);
    }

    private async Task<(CaseEntryDetails? Details, Refusal? Refusal)> ChangeAsync(CaseEntry entry, CaseEntryRequest request, int? ifMatch,
        string userId, RevisionKind kind, CancellationToken ct)
    {
        if (entry.IsSkipped)
        {
            return (null, Refusal.Conflict(Phrase.Of("title.skippedEntry"), Phrase.Of("review.correct.skipped")));
        }
        if (ifMatch is { } expected && expected != entry.Version)
        {
            return (null, VersionMismatch(entry.Version));
        }
        var book = entry.Book!;
        var (normalized, errors) = CaseValidation.Validate(request, book);
        if (request.Id != entry.Id)
        {
            errors["id"] = [Phrase.Of("review.correct.otherId")];
        }
        if (request.BookCode?.Trim() is { Length: > 0 } code && code != book.Code)
        {
            errors["bookCode"] = [Phrase.Of("review.correct.otherBook")];
        }
        if (errors.Count > 0)
        {
            return (null, Refusal.Invalid(errors));
        }
        if (kind == RevisionKind.Verified)
        {
            normalized = normalized with { NeedsVerification = false, VerificationReason = null };
        }

        var changes = CaseSnapshot.Diff(CaseSnapshot.Of(Stored(entry)), CaseSnapshot.Of(normalized));
        var from = entry.Status;
        var to = kind == RevisionKind.Verified ? CaseStatus.Verified
            : normalized.NeedsVerification ? CaseStatus.Flagged
            : from == CaseStatus.Verified ? CaseStatus.Verified : CaseStatus.Entered;
        if (changes.Count == 0 && from == to)
        {
            return (await DetailsAsync(entry, ct), null);
        }
        // The ledger checks the version read and the new entry number in the write's transaction.
        var write = new CaseChangeWrite(entry.Id, entry.Version, normalized, to, kind, userId, changes, VersionMismatch, NumberTaken);
        await ledger.WriteAsync(write);
        if (write.Refusal is { } refused)
        {
            return (null, refused);
        }
        LogChanged(logger, entry.Id, kind, entry.Version + 1, changes.Count);
        db.ChangeTracker.Clear();
        return (await DetailsAsync((await LoadAsync(entry.Id, ct))!, ct), null);
    }

    private Task<CaseEntry?> LoadAsync(Guid id, CancellationToken ct) =>
        db.CaseEntries.Include(e => e.Book).ThenInclude(b => b!.Unit).Include(e => e.Clerk).FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>The stored case as the request that would store it now.</summary>
    internal static CaseEntryRequest Stored(CaseEntry entry)
    {
        var json = CaseRecorder.Json;
        return new CaseEntryRequest
        {
            Id = entry.Id,
            BookCode = entry.Book!.Code,
            EntryNumber = entry.EntryNumber,
            RegistrationDate = entry.RegistrationDate,
            Page = entry.Page,
            NeedsVerification = entry.NeedsVerification,
            VerificationReason = entry.VerificationReason,
            Birth = entry.Type == BookType.Birth ? JsonSerializer.Deserialize<BirthCase>(entry.Details, json) : null,
            Marriage = entry.Type == BookType.Marriage ? JsonSerializer.Deserialize<MarriageCase>(entry.Details, json) : null,
            Death = entry.Type == BookType.Death ? JsonSerializer.Deserialize<DeathCase>(entry.Details, json) : null,
            Adoption = entry.Type == BookType.Adoption ? JsonSerializer.Deserialize<AdoptionCase>(entry.Details, json) : null,
        };
    }

    private async Task<CaseEntryDetails> DetailsAsync(CaseEntry entry, CancellationToken ct)
    {
        var revisions = await db.CaseRevisions.AsNoTracking().Where(r => r.EntryId == entry.Id).OrderBy(r => r.Version)
            .Select(r => new { r.Version, r.Kind, r.ChangedAt, r.Changes, r.ChangedBy!.UserName, r.ChangedBy.DisplayName })
            .ToListAsync(ct);
        var clerk = entry.Clerk ?? await db.Users.AsNoTracking().SingleAsync(u => u.Id == entry.ClerkId, ct);
        var stored = entry.IsSkipped ? null : Stored(entry);
        return new CaseEntryDetails
        {
            Id = entry.Id,
            BookCode = entry.Book!.Code,
            Type = entry.Type,
            EntryNumber = entry.EntryNumber,
            Status = entry.Status,
            RegistrationDate = stored?.RegistrationDate,
            Page = stored?.Page,
            NeedsVerification = entry.NeedsVerification,
            VerificationReason = entry.VerificationReason,
            SkipReason = entry.SkipReason,
            Birth = stored?.Birth,
            Marriage = stored?.Marriage,
            Death = stored?.Death,
            Adoption = stored?.Adoption,
            ClerkUserName = clerk.UserName ?? "",
            ClerkName = clerk.DisplayName,
            StoredAt = entry.StoredAt,
            Version = entry.Version,
            History = revisions
                .Select(r => new CaseRevision(r.Version, r.Kind, r.UserName ?? "", r.DisplayName, r.ChangedAt,
                    JsonSerializer.Deserialize<List<FieldChange>>(r.Changes, CaseRecorder.Json) ?? []))
                .ToList(),
            National = entry.NationalState,
            NationalRecordId = entry.NationalRecordId,
            NationalErrors = NationalRejections.Errors(entry.NationalErrors),
        };
    }

    private static Refusal VersionMismatch(int current) => new(StatusCodes.Status412PreconditionFailed, Phrase.Of("title.versionMismatch"), Phrase.Of("review.versionMismatch", current));

    private static readonly Refusal NumberTaken = Refusal.Conflict(Phrase.Of("title.entryNumberUsed"), Phrase.Of("case.entryNumber.loggedOrSkipped"))
        .WithErrors("entryNumber", Phrase.Of("case.entryNumber.loggedOrSkipped"));

    private static Refusal NotFound(Guid id) => Refusal.NotFound(Phrase.Of("title.noSuchEntry"), Phrase.Of("review.noSuchEntry", id));

    private static Refusal Forbidden(Phrase detail) => Refusal.Forbidden(Phrase.Of("title.notAllowed"), detail);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Entry {EntryId} {Kind} to version {Version}: {Changes} fields changed")]
    private static partial void LogChanged(ILogger logger, Guid entryId, RevisionKind kind, int version, int changes);
}

using System.Text.Json;
using Entry.Server.Common;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Progress;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

/// <summary>
/// A correction or verification of a stored case, decided on the version the reviewer read: applied only if the case is
/// still at that version, with a revision (who, when, each field before and after), the version bumped, the counters
/// following its status and sync state, and its national message following the content.
/// </summary>
public class CaseChangeWrite(Guid id, int readVersion, CaseEntryRequest normalized, CaseStatus to, RevisionKind kind, string userId,
    List<FieldChange> changes, Func<int, Refusal> versionMismatch, Refusal numberTaken) : CaseWrite
{
    private SprintPlace? place;

    protected internal override async Task ApplyAsync(CaseBatch batch, CancellationToken ct)
    {
        var db = batch.Db;
        var entry = await db.CaseEntries.Include(e => e.Book).ThenInclude(b => b!.Unit).FirstAsync(e => e.Id == id, ct);
        if (entry.Version != readVersion)
        {
            Refuse(versionMismatch(entry.Version));
            return;
        }
        var book = entry.Book!;
        if (normalized.EntryNumber != entry.EntryNumber
            && await db.CaseEntries.AnyAsync(e => e.BookId == book.Id && e.EntryNumber == normalized.EntryNumber, ct))
        {
            Refuse(numberTaken);
            return;
        }
        var from = entry.Status;
        entry.EntryNumber = normalized.EntryNumber;
        entry.RegistrationDate = normalized.RegistrationDate!.Value;
        entry.Page = normalized.Page;
        entry.NeedsVerification = normalized.NeedsVerification;
        entry.VerificationReason = normalized.VerificationReason;
        entry.Details = CaseRecorder.Details(normalized, book.Type);
        entry.Status = to;
        entry.Version++;
        db.CaseRevisions.Add(new CaseRevisionRecord
        {
            EntryId = entry.Id, Version = entry.Version, Kind = kind, ChangedById = userId, ChangedAt = batch.Now,
            Changes = JsonSerializer.Serialize(changes, CaseRecorder.Json),
        });
        // A change of what the national side holds is sent again (an update once it has the case, else the case);
        // a flagged case's message waits for its verification.
        var syncBefore = entry.NationalState;
        await batch.Messages.ChangedAsync(entry, book, changes.Any(c => c.Field is not ("needsVerification" or "verificationReason")), ct);
        Count(BookFill.Scopes(entry, book), ProgressCounters.Change(from, to) + ProgressCounters.SyncChange(syncBefore, entry.NationalState));
        WakeOutbox();
        place = new SprintPlace(entry.TeamId, book.UnitCode, book.Unit!.DistrictCode);
    }

    protected internal override void Conflicted() => Refuse(numberTaken);

    protected internal override void Committed(CaseBatch batch, ISprintEvents live) => live.ProgressChanged(place!);
}

using System.Text.Json;
using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Server.Features.Cases;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.National;

/// <summary>
/// Puts a case's message to the national database into the outbox, in the same unit of work as the case: both are
/// stored or neither. The caller wakes the dispatcher after its commit (<see cref="NationalSignal"/>).
/// </summary>
public sealed partial class NationalOutbox(EntryDb db, NationalSignal signal, TimeProvider time, ILogger<NationalOutbox> logger) : ICaseMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds the message for the case's current version to the context; the caller's SaveChanges stores it. A flagged
    /// case's message is held: complete, accurate cases go to the national side first, unclear ones after verification.
    /// </summary>
    public void Add(CaseEntry entry, Book book)
    {
        var record = CivilRecordMapping.ToRecord(new CivilRecordMapping.CaseSource(
            entry.Id, book.Code, book.UnitCode, entry.Type, entry.EntryNumber, entry.RegistrationDate, entry.Page, entry.Details));
        var now = time.GetUtcNow();
        db.Add(new NationalMessage
        {
            CaseId = entry.Id,
            CaseVersion = entry.Version,
            IdempotencyKey = $"{entry.Id:N}-v{entry.Version}",
            Payload = JsonSerializer.Serialize(record, Json),
            State = entry.Status == CaseStatus.Flagged ? NationalMessageState.Held : NationalMessageState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        if (entry.NationalState != NationalSyncState.Synced)
        {
            entry.NationalState = NationalSyncState.Pending;
        }
    }

    /// <summary>
    /// After a correction or a verification has changed the case in the context (status and version included): a
    /// changed content is sent again, and a held message gives way to the current version's — held again while the
    /// case stays flagged, pending once it is verified (or its flag cleared). A held message was never sent, so nothing
    /// under its key exists nationally; messages already pending stay as they are (one may be in flight).
    /// </summary>
    public async Task ChangedAsync(CaseEntry entry, Book book, bool contentChanged, CancellationToken ct)
    {
        var held = await db.Set<NationalMessage>()
            .Where(m => m.CaseId == entry.Id && m.State == NationalMessageState.Held).ToListAsync(ct);
        if (!contentChanged && held.Count == 0)
        {
            return;
        }
        db.RemoveRange(held);
        Add(entry, book);
    }

    public void Wake() => signal.Wake();

    /// <summary>
    /// At start-up: a logged case with no message (stored before the outbox existed) gets one, so every accepted case
    /// reaches the national side; through the case ledger, a thousand cases a batch.
    /// </summary>
    public async Task BackfillAsync(CaseLedger ledger, CancellationToken ct)
    {
        var added = 0;
        while (!ct.IsCancellationRequested)
        {
            var write = new OutboxBackfillWrite();
            await ledger.WriteAsync(write);
            if (write.Added == 0)
            {
                break;
            }
            added += write.Added;
        }
        if (added > 0)
        {
            LogBackfilled(added);
        }
    }

    /// <summary>Up to a thousand logged cases without a national message get one.</summary>
    private sealed class OutboxBackfillWrite : CaseWrite
    {
        public int Added { get; private set; }

        protected internal override async Task ApplyAsync(CaseBatch batch, CancellationToken ct)
        {
            var orphans = await batch.Db.CaseEntries.Include(e => e.Book)
                .Where(e => e.Status != CaseStatus.Skipped && e.NationalState == NationalSyncState.Pending)
                .Where(e => !batch.Db.Set<NationalMessage>().Any(m => m.CaseId == e.Id))
                .Take(1_000)
                .ToListAsync(ct);
            foreach (var entry in orphans)
            {
                batch.Messages.Add(entry, entry.Book!);
            }
            Added = orphans.Count;
            if (Added > 0)
            {
                WakeOutbox();
            }
        }
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "{Count} stored cases had no national message: queued")]
    private partial void LogBackfilled(int count);
}

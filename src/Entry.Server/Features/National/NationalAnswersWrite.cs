using System.Text.Json;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Progress;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.National;

/// <summary>
/// The national side's answers to one dispatch round, as a change to the cases they are about: each message delivered,
/// rejected or to be tried again; each case synced (with its national id), rejected (with the reasons) or still pending
/// when a newer version waits to be sent; the synced and rejected counters follow.
/// </summary>
public sealed class NationalAnswersWrite(IReadOnlyList<Outcome> outcomes, Func<int, TimeSpan?, TimeSpan> backoff) : CaseWrite
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<SprintPlace> places = [];

    protected internal override async Task ApplyAsync(CaseBatch batch, CancellationToken ct)
    {
        places.Clear();
        var db = batch.Db;
        var now = batch.Now;
        var ids = outcomes.Select(o => o.Message.Id).ToList();
        var caseIds = outcomes.Where(o => o.Kind is OutcomeKind.Delivered or OutcomeKind.Rejected).Select(o => o.Message.CaseId).Distinct().ToList();
        var messages = await db.Set<NationalMessage>().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var cases = await db.CaseEntries.Include(e => e.Book).ThenInclude(b => b!.Unit)
            .Where(e => caseIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        // A case with a newer message still to send stays pending: its national copy is not the latest yet.
        var newer = (await db.Set<NationalMessage>()
            .Where(m => caseIds.Contains(m.CaseId) && m.State == NationalMessageState.Pending && !ids.Contains(m.Id))
            .Select(m => m.CaseId).ToListAsync(ct)).ToHashSet();

        foreach (var outcome in outcomes.Where(o => o.Kind != OutcomeKind.NotSent))
        {
            var message = messages[outcome.Message.Id];
            message.LeasedUntil = null;
            if (message.State != NationalMessageState.Pending)
            {
                // Recorded already (by another instance whose lease on it ran out first): its answer counted once.
                continue;
            }
            message.Attempts++;
            switch (outcome.Kind)
            {
                case OutcomeKind.Transient:
                    message.LastError = Trim(outcome.Error);
                    message.NextAttemptAt = now + backoff(message.Attempts, outcome.RetryAfter);
                    continue;
                case OutcomeKind.Delivered:
                    message.State = NationalMessageState.Delivered;
                    message.LastError = null;
                    break;
                default:
                    message.State = NationalMessageState.Rejected;
                    message.LastError = Trim(outcome.Error);
                    break;
            }
            message.CompletedAt = now;

            var entry = cases[outcome.Message.CaseId];
            var before = entry.NationalState;
            if (outcome.Kind == OutcomeKind.Delivered)
            {
                entry.NationalRecordId = outcome.RecordId;
                entry.NationalErrors = null;
                entry.NationalState = newer.Contains(entry.Id) ? NationalSyncState.Pending : NationalSyncState.Synced;
                entry.NationalAnsweredAt = now;
            }
            else
            {
                // A correction already waiting to be sent may mend what was rejected: the case stays pending for it.
                entry.NationalState = newer.Contains(entry.Id) ? NationalSyncState.Pending : NationalSyncState.Rejected;
                entry.NationalAnsweredAt = now;
                entry.NationalErrors = outcome.Errors is { } errors ? JsonSerializer.Serialize(errors, Json) : Trim(outcome.Error);
            }
            var delta = ProgressCounters.SyncChange(before, entry.NationalState);
            if (!delta.IsZero)
            {
                Count(BookFill.Scopes(entry, entry.Book!), delta);
                places.Add(new SprintPlace(entry.TeamId, entry.Book!.UnitCode, entry.Book.Unit!.DistrictCode));
            }
        }
    }

    protected internal override void Committed(CaseBatch batch, ISprintEvents live)
    {
        foreach (var place in places.Distinct())
        {
            live.ProgressChanged(place);
        }
    }

    private static string? Trim(string? error) => error is { Length: > 300 } ? error[..300] : error;
}

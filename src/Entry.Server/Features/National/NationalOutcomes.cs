using System.Text.Json;
using Entry.Server.Data;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Live;
using Entry.Server.Features.Progress;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.National;

/// <summary>
/// Records what the national side answered for a batch, in one transaction: the messages, the cases' sync state and
/// national ids, and the synced/rejected counters. A transient failure only pushes the message's next try back.
/// </summary>
public sealed class NationalOutcomes(EntryDb db, WriteGate writes, ProgressCounters counters, ISprintEvents live, IOptions<NationalDbOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(IReadOnlyList<Outcome> outcomes, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ids = outcomes.Select(o => o.Message.Id).ToList();
        var caseIds = outcomes.Where(o => o.Kind is OutcomeKind.Delivered or OutcomeKind.Rejected).Select(o => o.Message.CaseId).Distinct().ToList();
        var messages = await db.Set<NationalMessage>().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var cases = await db.CaseEntries.Include(e => e.Book).ThenInclude(b => b!.Unit)
            .Where(e => caseIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        // A case with a newer message still to send stays pending: its national copy is not the latest yet.
        var newer = (await db.Set<NationalMessage>()
            .Where(m => caseIds.Contains(m.CaseId) && m.State == NationalMessageState.Pending && !ids.Contains(m.Id))
            .Select(m => m.CaseId).ToListAsync(ct)).ToHashSet();

        var places = new List<SprintPlace>();
        await using var tx = await writes.BeginAsync(db, ct);
        foreach (var outcome in outcomes.Where(o => o.Kind != OutcomeKind.NotSent))
        {
            var message = messages[outcome.Message.Id];
            message.Attempts++;
            switch (outcome.Kind)
            {
                case OutcomeKind.Transient:
                    message.LastError = Trim(outcome.Error);
                    message.NextAttemptAt = now + Backoff(message.Attempts, outcome.RetryAfter);
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
                await counters.ApplyAsync(BookFill.Scopes(entry, entry.Book!), delta, ct);
                places.Add(new SprintPlace(entry.TeamId, entry.Book!.UnitCode, entry.Book.Unit!.DistrictCode));
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var place in places.Distinct())
        {
            live.ProgressChanged(place);
        }
    }

    /// <summary>
    /// Exponential per message, capped; a Retry-After from the national side is honoured when it asks for longer, up
    /// to the same cap: a 600 s answer during an outage must not hold the case for ten minutes after it.
    /// </summary>
    private TimeSpan Backoff(int attempts, TimeSpan? retryAfter)
    {
        var dispatch = options.Value.Dispatch;
        var seconds = Math.Min(dispatch.RetryMaxSeconds, dispatch.RetryBaseSeconds * Math.Pow(2, Math.Min(attempts - 1, 20)));
        var jittered = TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
        return retryAfter is { } asked && asked > jittered ? NationalDispatcher.Capped(asked, dispatch) : jittered;
    }

    private static string? Trim(string? error) => error is { Length: > 300 } ? error[..300] : error;
}

using Entry.Server.Features.Cases;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.National;

/// <summary>
/// Records what the national side answered for a batch, through the case ledger (in one transaction with other case
/// changes): the messages, the cases' sync state and national ids, and the synced/rejected counters. A transient failure
/// only pushes the message's next try back.
/// </summary>
public sealed class NationalOutcomes(CaseLedger ledger, IOptions<NationalDbOptions> options)
{
    public async Task RecordAsync(IReadOnlyList<Outcome> outcomes, CancellationToken ct)
    {
        var write = new NationalAnswersWrite(outcomes, Backoff);
        await ledger.WriteAsync(write).WaitAsync(ct);
    }

    /// <summary>
    /// Exponential per message, capped; a Retry-After from the national side is honoured when it asks for longer, up
    /// to the same cap: a 600 s answer during an outage must not hold the case for ten minutes after it.
    /// </summary>
    internal TimeSpan Backoff(int attempts, TimeSpan? retryAfter)
    {
        var dispatch = options.Value.Dispatch;
        var seconds = Math.Min(dispatch.RetryMaxSeconds, dispatch.RetryBaseSeconds * Math.Pow(2, Math.Min(attempts - 1, 20)));
        var jittered = TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
        return retryAfter is { } asked && asked > jittered ? NationalDispatcher.Capped(asked, dispatch) : jittered;
    }

}

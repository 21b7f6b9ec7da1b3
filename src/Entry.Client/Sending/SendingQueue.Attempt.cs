using System.Net;
using System.Text.Json;
using Entry.Client.Components.EntryPage;
using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Sending;

/// <summary>One send of a queued item, and what its answer does to the queue.</summary>
public sealed partial class SendingQueue
{
    /// <summary>
    /// Sends the item once, unless it is answered already or a send of it is under way. Returns the server's answer, or null
    /// when there was none to act on: no send, or an answer worth sending again with the same id.
    /// </summary>
    private async Task<SendAnswer?> TrySendAsync(Guid id)
    {
        PendingSend item;
        lock (_gate)
        {
            var index = _waiting.FindIndex(i => i.Id == id);
            if (index < 0 || !_inFlight.Add(id))
            {
                return null;
            }

            item = _waiting[index] with { Attempts = _waiting[index].Attempts + 1 };
            _waiting[index] = item;
        }

        SendAnswer? answer = null;
        HttpStatusCode? failedWith = null;
        try
        {
            await store.PutAsync(item, _stopping.Token);
            Changed?.Invoke();
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            attempt.CancelAfter(schedule.AttemptTimeout);
            var (result, status) = await SendOnceAsync(item, attempt.Token);
            if (result is not null)
            {
                answer = result;
            }
            else
            {
                failedWith = status;
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            // No answer in time (the attempt's or the HTTP client's own timeout): as good as unreachable. The same id goes
            // again, so a case that landed unanswered is stored once.
        }
        finally
        {
            lock (_gate)
            {
                _inFlight.Remove(id);
            }
        }

        if (answer is null)
        {
            LastFailure = new SendFailure(id, item.Attempts, failedWith);
            NeedsSignIn = failedWith == HttpStatusCode.Unauthorized;
            Changed?.Invoke();
            return null;
        }

        LastFailure = null;
        NeedsSignIn = false;
        if (answer.Problem is { } problem)
        {
            var refused = item with { Refusal = problem };
            lock (_gate)
            {
                _waiting.RemoveAll(i => i.Id == id);
                _refused.Add(refused);
            }

            await store.PutAsync(refused, _stopping.Token);
            RefusedItem?.Invoke(refused, problem);
        }
        else
        {
            lock (_gate)
            {
                _waiting.RemoveAll(i => i.Id == id);
            }

            await store.RemoveAsync(id, _stopping.Token);
            if (answer.Corrected is { } corrected)
            {
                Corrected?.Invoke(item, corrected);
            }
            else
            {
                Acknowledged?.Invoke(item, answer.Stored!);
            }
        }

        Changed?.Invoke();
        return answer;
    }

    /// <summary>One request for the item: its answer, or null with the status when it is worth sending again.</summary>
    private async Task<(SendAnswer? Answer, HttpStatusCode? Status)> SendOnceAsync(PendingSend item, CancellationToken cancellationToken)
    {
        if (item.CorrectsVersion is { } version)
        {
            var corrected = await api.CorrectCaseAsync(item.Case!, version, cancellationToken);
            if (corrected.Value is { } details)
            {
                return (new SendAnswer(null, details, null), null);
            }

            if (Retryable(corrected.Problem!.Status))
            {
                return (null, corrected.Problem.Status);
            }

            // Sent again after an answer that got lost, the correction finds its own version: it landed if the case reads as sent.
            if (item.Attempts > 1 && EntryApi.IsStale(corrected.Problem) && await LandedAsync(item, cancellationToken) is { } landed)
            {
                return (new SendAnswer(null, landed, null), null);
            }

            return (new SendAnswer(null, null, corrected.Problem), null);
        }

        var result = item.Case is { } request
            ? await api.LogCaseAsync(request, cancellationToken)
            : await api.SkipEntryAsync(item.Skip!, cancellationToken);
        if (result.Value is { } stored)
        {
            return (new SendAnswer(stored, null, null), null);
        }

        return Retryable(result.Problem!.Status) ? (null, result.Problem.Status) : (new SendAnswer(null, null, result.Problem), null);
    }

    /// <summary>The stored case, when it holds what the correction sent; null when it holds something else (another change won).</summary>
    private async Task<CaseEntryDetails?> LandedAsync(PendingSend item, CancellationToken cancellationToken)
    {
        var read = await api.GetCaseAsync(item.Case!.Id, cancellationToken);
        if (read.Value is not { } details)
        {
            return null;
        }

        var stored = JsonSerializer.Serialize(CaseDraft.From(details));
        var sent = JsonSerializer.Serialize(CaseDraft.From(item.Case));
        return stored == sent ? details : null;
    }

    /// <summary>Answers that say nothing about the item: the server failed or is busy, or the session ended (signing in again sends it).</summary>
    private static bool Retryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.Unauthorized or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}

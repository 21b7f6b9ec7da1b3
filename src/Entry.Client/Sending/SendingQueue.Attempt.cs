using System.Net;
using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Sending;

/// <summary>One send of a queued item, and what its answer does to the queue.</summary>
public sealed partial class SendingQueue
{
    /// <summary>
    /// Sends the item once, unless it is answered already or a send of it is under way. Returns the server's answer, or null
    /// when there was none to act on: no send, a 5xx or an unreachable server — all worth sending again with the same id.
    /// </summary>
    private async Task<ApiResult<CaseEntryResult>?> TrySendAsync(Guid id)
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

        ApiResult<CaseEntryResult>? answer = null;
        HttpStatusCode? failedWith = null;
        try
        {
            await store.PutAsync(item, _stopping.Token);
            Changed?.Invoke();
            var result = item.Case is { } request
                ? await api.LogCaseAsync(request, _stopping.Token)
                : await api.SkipEntryAsync(item.Skip!, _stopping.Token);
            if (result.Succeeded || (int)result.Problem!.Status < 500)
            {
                answer = result;
            }
            else
            {
                failedWith = result.Problem.Status;
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException) when (!_stopping.IsCancellationRequested)
        {
            // The HTTP client's own timeout: as good as unreachable.
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
            Changed?.Invoke();
            return null;
        }

        lock (_gate)
        {
            _waiting.RemoveAll(i => i.Id == id);
        }

        await store.RemoveAsync(id, _stopping.Token);
        LastFailure = null;
        if (answer.Value is { } saved)
        {
            Acknowledged?.Invoke(item, saved);
        }
        else
        {
            Refused?.Invoke(item, answer.Problem!);
        }

        Changed?.Invoke();
        return answer;
    }
}

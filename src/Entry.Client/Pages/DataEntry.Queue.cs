using Entry.Client.Components.EntryPage;
using Entry.Client.Sending;
using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Pages;

/// <summary>The page's side of the sending queue: new cases sent through it, and its answers shown in the session's list.</summary>
public sealed partial class DataEntry
{
    private static RecentCase Row(PendingSend item, SendState state) => new(item.Id, item.EntryNumber)
    {
        State = state,
        Flagged = item.Case?.NeedsVerification ?? false,
        Skipped = item.Skip?.Reason,
        Request = item.Case,
    };

    /// <summary>Sends a new case while the form waits; one still unanswered after the quick retries goes on in the background.</summary>
    private async Task SendNewAsync(CaseEntryRequest request)
    {
        var item = PendingSend.For(request);
        var answer = await Queue.SendAsync(item, _cts.Token);
        if (_cts.IsCancellationRequested)
        {
            return;
        }

        if (answer is null)
        {
            _held.Remember(Row(item, SendState.Failed));
            _form.Message = T["QueuedForRetry", item.EntryNumber];
            _form.MoveOn(item.EntryNumber);
        }
        else if (answer.Value is { } saved)
        {
            _held.Remember(Row(item, SendState.Saved));
            _form.MoveOn(saved.EntryNumber);
        }
        else if (!_form.ShowRefusal(answer.Problem!, Describe))
        {
            _refusal = answer.Problem;
        }
    }

    /// <summary>"Gửi lại" on a case waiting in the background: send it now rather than at the next round.</summary>
    private async Task ResendAsync(RecentCase row)
    {
        if (row.State == SendState.Failed)
        {
            await Queue.ResendNowAsync(row.Id);
        }
    }

    private void OnQueueChanged() => _ = InvokeAsync(StateHasChanged);

    /// <summary>Every stored item's counts reach the book; a row of the list waiting for it shows it saved.</summary>
    private void OnAcknowledged(PendingSend item, CaseEntryResult saved)
    {
        _held.Count(saved);
        if (_held.Find(item.Id) is { } row)
        {
            row.State = SendState.Saved;
            row.Refusal = null;
            _held.Remember(row);
        }
    }

    /// <summary>Refused in the background: the row says why, and the case can be reopened in the form.</summary>
    private void OnRefused(PendingSend item, ApiProblem problem)
    {
        if (_held.Find(item.Id) is { } row)
        {
            row.State = SendState.Refused;
            row.Refusal = Describe(problem);
        }
    }
}

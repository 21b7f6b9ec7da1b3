using Entry.Client.Components.EntryPage;
using Entry.Client.Sending;
using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Pages;

/// <summary>The page's side of the sending queue: what is saved goes through it; its answers shown in the session's list.</summary>
public sealed partial class DataEntry
{
    private static RecentCase Row(PendingSend item, SendState state) => new(item.Id, item.EntryNumber)
    {
        State = state,
        Flagged = item.Case?.NeedsVerification ?? false,
        Skipped = item.Skip?.Reason,
        // A refused correction is not reopened as a new case: the clerk corrects the stored case again.
        Request = item.IsCorrection ? null : item.Case,
        QueueId = item.Id,
    };

    /// <summary>What the queue kept from before (a reload, a closed tab): each waiting or refused item as a row of the list.</summary>
    private void ShowQueued()
    {
        foreach (var item in Queue.Waiting.Where(i => i.Id != Queue.InFront?.Id))
        {
            if (item.IsCorrection)
            {
                _held.Remember(new RecentCase(item.Case!.Id, item.EntryNumber) { State = SendState.Saved, CorrectionQueued = true, QueueId = item.Id });
            }
            else
            {
                _held.Remember(Row(item, SendState.Queued));
            }
        }

        foreach (var item in Queue.Refused)
        {
            var row = Row(item, SendState.Refused);
            row.Refusal = Describe(item.Refusal!);
            _held.Remember(row);
        }
    }

    /// <summary>
    /// Queues a new case and waits for its first answer a few seconds at most: without one the form moves on to the next
    /// number at once, and the case shows as waiting (never as saved) until the server acknowledges it.
    /// </summary>
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
            _held.Remember(Row(item, SendState.Queued));
            _notice = null;
            _form.Message = null;
            _queuedNote = O["CaseQueued", item.EntryNumber];
            _form.MoveOn(item.EntryNumber);
        }
        else if (answer.Stored is { } saved)
        {
            _queuedNote = null;
            _held.Remember(Row(item, SendState.Saved));
            _form.MoveOn(saved.EntryNumber);
        }
        else if (!_form.ShowRefusal(answer.Problem!, Describe))
        {
            _refusal = answer.Problem;
        }

        if (_reopened is { } reopened && answer?.Problem is null)
        {
            // The refused case came back fixed as a new one: the refused copy goes.
            _reopened = null;
            await Queue.ForgetRefusedAsync(reopened);
        }
    }

    /// <summary>"Gửi lại" on a waiting row, or "Gửi ngay": the queue sends now rather than at its next round.</summary>
    private void ResendAsync(RecentCase row) => Queue.SendNow();

    private void SendNow() => Queue.SendNow();

    /// <summary>A refused item thrown away by the clerk, after asking: what was typed for it is lost.</summary>
    private async Task DiscardAsync(RecentCase row)
    {
        var sure = await Dialogs.ShowMessageBoxAsync(O["DiscardTitle"], O["DiscardText", row.EntryNumber], yesText: O["Discard"], cancelText: T["Cancel"]);
        if (sure != true)
        {
            return;
        }

        _held.Forget(row);
        await Queue.ForgetRefusedAsync(row.QueueId ?? row.Id);
    }

    private void OnQueueChanged() => _ = InvokeAsync(StateHasChanged);

    /// <summary>Every stored item's counts reach the book; a row of the list waiting for it shows it saved.</summary>
    private void OnAcknowledged(PendingSend item, CaseEntryResult saved)
    {
        _held.Count(saved);
        _ = InvokeAsync(RememberClaimAsync);
        if (_offlineClaim is not null)
        {
            // The server is back: the page leaves the copy it opened on for the server's word.
            _offlineClaim = null;
            _ = InvokeAsync(RefreshClaimAsync);
        }

        if (_held.Find(item.Id) is { } row)
        {
            row.State = SendState.Saved;
            row.Refusal = null;
            _held.Remember(row);
        }

        if (Queue.WaitingCount == 0)
        {
            _queuedNote = null;
        }
    }

    private void OnCorrected(PendingSend item, CaseEntryDetails details)
    {
        if (_held.Find(details.Id) is { } row)
        {
            row.Flagged = details.NeedsVerification;
            row.CorrectionQueued = false;
        }
    }

    /// <summary>Refused in the background: the row says why, and the case can be reopened in the form or discarded.</summary>
    private void OnRefused(PendingSend item, ApiProblem problem)
    {
        var row = _held.Find(item.Id);
        if (row is null && item.IsCorrection && _held.Find(item.Case!.Id) is { } corrected)
        {
            // A refused correction: the stored case stays as it was; the correction shows as its own refused row.
            corrected.CorrectionQueued = false;
            row = Row(item, SendState.Refused);
            _held.Remember(row);
        }

        if (row is not null)
        {
            row.State = SendState.Refused;
            row.Refusal = Describe(problem);
            row.QueueId = item.Id;
        }
    }

    /// <summary>
    /// The held book again from the server, quietly: a failure leaves the page as it is. The queue goes on sending meanwhile,
    /// so the answer may be older than the last case's: its counts do not take the page's back.
    /// </summary>
    private async Task RefreshClaimAsync()
    {
        try
        {
            SetBook(_held.NotBehindHeld(await Api.GetMyClaimAsync(_cts.Token)));

            await RememberClaimAsync();
            StateHasChanged();
        }
        catch (HttpRequestException)
        {
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
    }
}

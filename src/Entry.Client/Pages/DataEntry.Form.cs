using Entry.Client.Components.EntryPage;
using Entry.Client.Sending;
using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Pages;

/// <summary>The form's actions: save a new case or a correction (sent once, with If-Match), reopen a stored or refused case.</summary>
public sealed partial class DataEntry
{
    /// <summary>
    /// One save at a time: a key can both save by itself (Ctrl+Enter, Enter on a reason) and submit the form, and the queue may
    /// take a moment to store the case before the form counts as sending.
    /// </summary>
    private bool _saving;

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }

        _saving = true;
        try
        {
            await SaveOnceAsync();
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task SaveOnceAsync()
    {
        if (Locked || _held.Book is not { } book)
        {
            return;
        }

        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var dates = _caseForm?.Dates ?? new DateReader(K, book.RegisteredTo.Year);
        var request = _form.Draft.ToRequest(_form.Correcting?.Id ?? Guid.NewGuid(), book.Code, book.Type, errors, T["NotANumber"], dates);
        _form.Errors = errors;
        _form.Message = null;
        _refusal = null;
        _notice = null;
        if (errors.Count > 0)
        {
            _form.FocusFaulty = true;
            return;
        }

        if (_form.Correcting is { } correction)
        {
            await CorrectAsync(request, correction);
            return;
        }

        await SendNewAsync(request);
    }

    private Task StartCorrectionAsync(RecentCase row) => StartCorrectionAsync(row.Id);

    /// <summary>A stored case of the held book, from the session's list or the clerk's earlier cases, back in the form to correct.</summary>
    private async Task StartCorrectionAsync(Guid id)
    {
        if (Locked || _form.Correcting is not null)
        {
            return;
        }

        _busy = true;
        _notice = null;
        _refusal = null;
        try
        {
            var result = await Api.GetCaseAsync(id, _cts.Token);
            if (result.Value is { } details)
            {
                _form.BeginCorrection(details);
            }
            else
            {
                _refusal = result.Problem;
            }
        }
        catch (HttpRequestException)
        {
            _refusal = Unreachable();
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>
    /// A correction goes through the queue like a new case, with the version read as If-Match: sent again after an answer that
    /// got lost, it finds its own version and the queue checks that the case holds what was sent. Without an answer in a few
    /// seconds the form goes back to the new case and the correction waits in the background.
    /// </summary>
    private async Task CorrectAsync(CaseEntryRequest request, Correction correction)
    {
        var item = PendingSend.Correcting(request, correction.Version);
        var answer = await Queue.SendAsync(item, _cts.Token);
        if (_cts.IsCancellationRequested)
        {
            return;
        }

        if (answer is null)
        {
            if (_held.Find(request.Id) is { } waiting)
            {
                waiting.CorrectionQueued = true;
                waiting.QueueId = item.Id;
            }

            _queuedNote = O["CorrectionQueued", correction.EntryNumber];
            _form.EndCorrection();
        }
        else if (answer.Corrected is { } details)
        {
            if (_held.Find(details.Id) is { } row)
            {
                row.Flagged = details.NeedsVerification;
            }

            _notice = T["Corrected", details.EntryNumber];
            _form.EndCorrection();
            _myCases?.Refresh();
        }
        else if (EntryApi.IsStale(answer.Problem!))
        {
            _form.Message = T["CaseChanged"];
        }
        else if (!_form.ShowRefusal(answer.Problem!, Describe))
        {
            _refusal = answer.Problem;
        }
    }

    /// <summary>A case the server refused in the background, back in the form to fix and send as a new case.</summary>
    private void Reopen(RecentCase row)
    {
        if (Locked || _form.Correcting is not null || row.Request is null)
        {
            return;
        }

        _held.Forget(row);
        _reopened = row.QueueId;
        _form.Reopen(row.Request, row.Refusal);
    }
}

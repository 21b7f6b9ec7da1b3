using System.Globalization;
using System.Net;
using Entry.Client.Components.EntryPage;
using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Pages;

/// <summary>Saving: new cases and skipped numbers (retried with the same id), corrections (If-Match), count reports.</summary>
public sealed partial class DataEntry
{
    private async Task SaveAsync()
    {
        if (Locked || _book is null)
        {
            return;
        }

        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var request = _draft.ToRequest(_correcting?.Id ?? Guid.NewGuid(), _book.Code, _book.Type, errors, T["NotANumber"], T["NotADate"]);
        _errors = errors;
        _formError = null;
        _refusal = null;
        _notice = null;
        if (errors.Count > 0)
        {
            return;
        }

        if (_correcting is { } correction)
        {
            await CorrectAsync(request, correction);
            return;
        }

        var item = new RecentCase(request.Id, request.EntryNumber, ct => Api.LogCaseAsync(request, ct))
        {
            Flagged = request.NeedsVerification,
            Request = request,
        };
        await SendWhileWaitingAsync(item);
    }

    /// <summary>Sends while the form waits; a case still unanswered after the quick retries goes on in the background.</summary>
    private async Task SendWhileWaitingAsync(RecentCase item)
    {
        _sending = true;
        try
        {
            for (var i = 0; ; i++)
            {
                _attempt = i + 1;
                StateHasChanged();
                if (await TrySendAsync(item) is { } result)
                {
                    Answered(item, result, inForm: true);
                    return;
                }

                if (i >= RetryDelaysSeconds.Length)
                {
                    item.State = SendState.Failed;
                    Remember(item);
                    _formError = T["QueuedForRetry", item.EntryNumber];
                    MoveOn(item.EntryNumber);
                    _ = RetryInBackgroundAsync(item);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(RetryDelaysSeconds[i]), _cts.Token);
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        finally
        {
            _sending = false;
        }
    }

    /// <summary>One send; null when the server could not be reached or failed (5xx), which is worth sending again with the same id.</summary>
    private async Task<ApiResult<CaseEntryResult>?> TrySendAsync(RecentCase item)
    {
        item.Attempts++;
        try
        {
            var result = await item.Send(_cts.Token);
            return result.Succeeded || (int)result.Problem!.Status < 500 ? result : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task RetryInBackgroundAsync(RecentCase item)
    {
        try
        {
            while (item.State == SendState.Failed)
            {
                await Task.Delay(BackgroundRetryDelay, _cts.Token);
                if (item.State == SendState.Failed && await TrySendAsync(item) is { } result)
                {
                    Answered(item, result, inForm: false);
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
    }

    /// <summary>"Gửi lại" on a case waiting in the background: send it now rather than at the next round.</summary>
    private async Task ResendAsync(RecentCase item)
    {
        if (item.State == SendState.Failed && await TrySendAsync(item) is { } result)
        {
            Answered(item, result, inForm: false);
        }
    }

    private void Answered(RecentCase item, ApiResult<CaseEntryResult> result, bool inForm)
    {
        if (result.Value is { } saved)
        {
            item.State = SendState.Saved;
            item.Refusal = null;
            Remember(item);
            if (_book is not null && _book.Code == saved.BookCode)
            {
                _book = _book with { CasesLogged = saved.CasesLogged, CasesSkipped = saved.CasesSkipped, CaseCount = saved.CaseCount };
            }

            if (inForm)
            {
                MoveOn(saved.EntryNumber);
            }

            return;
        }

        var problem = result.Problem!;
        if (!inForm)
        {
            item.State = SendState.Refused;
            item.Refusal = Describe(problem);
            return;
        }

        // Refused while the clerk waits: what was typed stays, each reason under its field.
        ShowInForm(problem);
    }

    private void ShowInForm(ApiProblem problem)
    {
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var other = new List<string>();
        foreach (var (key, messages) in problem.Errors)
        {
            if (FieldKeys.Contains(key))
            {
                errors[key] = string.Join(" ", messages);
            }
            else
            {
                other.AddRange(messages);
            }
        }

        if (problem.Status == HttpStatusCode.Conflict && problem.Title is "Entry number already logged" or "Entry number already skipped")
        {
            errors["entryNumber"] = Describe(problem);
        }
        else if (problem.Errors.Count == 0)
        {
            _refusal = problem;
        }

        _errors = errors;
        _formError = other.Count > 0 ? string.Join(" ", other) : null;
    }

    /// <summary>The form goes on to the number after <paramref name="entryNumber"/>, or back to the case put aside for a correction.</summary>
    private void MoveOn(int entryNumber)
    {
        if (_stash is { } stashed)
        {
            _draft = stashed;
            _stash = null;
        }
        else
        {
            _draft = _draft.Next(entryNumber + 1);
        }

        _errors = new(StringComparer.OrdinalIgnoreCase);
        _focusFirst = true;
    }

    /// <summary>Puts the item first in the list; saved ones beyond the last ten drop off, unanswered ones never do.</summary>
    private void Remember(RecentCase item)
    {
        if (!_recent.Contains(item))
        {
            _recent.Insert(0, item);
        }

        var saved = _recent.Where(r => r.State == SendState.Saved).Skip(RecentShown).ToList();
        _recent.RemoveAll(saved.Contains);
    }

    private async Task StartCorrectionAsync(RecentCase item)
    {
        if (Locked || _correcting is not null)
        {
            return;
        }

        _busy = true;
        _notice = null;
        _refusal = null;
        try
        {
            var result = await Api.GetCaseAsync(item.Id, _cts.Token);
            if (result.Value is { } details)
            {
                _stash = _draft;
                _correcting = new Correction(details.Id, details.Version, details.EntryNumber);
                _draft = CaseDraft.From(details);
                _errors = new(StringComparer.OrdinalIgnoreCase);
                _formError = null;
                _focusFirst = true;
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

    private async Task CorrectAsync(CaseEntryRequest request, Correction correction)
    {
        _sending = true;
        _attempt = 1;
        try
        {
            var result = await Api.CorrectCaseAsync(request, correction.Version, _cts.Token);
            if (result.Value is { } details)
            {
                if (_recent.FirstOrDefault(r => r.Id == details.Id) is { } item)
                {
                    item.Flagged = details.NeedsVerification;
                }

                _notice = T["Corrected", details.EntryNumber];
                EndCorrection();
            }
            else if (EntryApi.IsStale(result.Problem!))
            {
                _formError = T["CaseChanged"];
            }
            else
            {
                ShowInForm(result.Problem!);
            }
        }
        catch (HttpRequestException)
        {
            _formError = T["SendFailedNow"];
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        finally
        {
            _sending = false;
        }
    }

    private void EndCorrection()
    {
        _correcting = null;
        _draft = _stash ?? _draft;
        _stash = null;
        _errors = new(StringComparer.OrdinalIgnoreCase);
        _formError = null;
        _focusFirst = true;
    }

    /// <summary>A case the server refused in the background, back in the form to fix and send as a new case.</summary>
    private void Reopen(RecentCase item)
    {
        if (Locked || _correcting is not null || item.Request is null)
        {
            return;
        }

        _recent.Remove(item);
        _stash ??= _draft;
        _draft = CaseDraft.From(item.Request);
        _errors = new(StringComparer.OrdinalIgnoreCase);
        _formError = item.Refusal;
        _focusFirst = true;
    }

    private void OpenPanel(Panel panel)
    {
        _panel = panel;
        _panelProblem = null;
        _panelErrors = null;
        _notice = null;
    }

    private void ClosePanel()
    {
        _panel = Panel.None;
        _focusFirst = true;
    }

    private async Task SkipAsync(SkipChoice choice)
    {
        if (_book is null || _panelBusy)
        {
            return;
        }

        var request = new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = _book.Code, EntryNumber = choice.EntryNumber, Reason = choice.Reason, Note = choice.Note };
        var item = new RecentCase(request.Id, request.EntryNumber, ct => Api.SkipEntryAsync(request, ct)) { Skipped = choice.Reason };
        _panelBusy = true;
        _panelProblem = null;
        try
        {
            foreach (var delay in RetryDelaysSeconds.Take(3).Append(0))
            {
                if (await TrySendAsync(item) is { } result)
                {
                    if (result.Problem is { } problem)
                    {
                        _panelErrors = problem.Errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value), StringComparer.OrdinalIgnoreCase);
                        _panelProblem = _panelErrors.Count == 0 ? Describe(problem) : null;
                        return;
                    }

                    Answered(item, result, inForm: false);
                    _notice = T["Skipped", choice.EntryNumber];
                    break;
                }

                if (delay == 0)
                {
                    item.State = SendState.Failed;
                    Remember(item);
                    _ = RetryInBackgroundAsync(item);
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(delay), _cts.Token);
            }

            if (_draft.EntryNumber == choice.EntryNumber.ToString(CultureInfo.InvariantCulture) && _correcting is null)
            {
                _draft.EntryNumber = (choice.EntryNumber + 1).ToString(CultureInfo.InvariantCulture);
            }

            ClosePanel();
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        finally
        {
            _panelBusy = false;
        }
    }

    private async Task ReportCountAsync(CountReportRequest request)
    {
        if (_book is null || _panelBusy)
        {
            return;
        }

        _panelBusy = true;
        _panelProblem = null;
        try
        {
            var result = await Api.ReportCountAsync(_book.Code, request, _cts.Token);
            if (result.Value is { } report)
            {
                _notice = T["CountReported", report.ReportedCount, report.InventoryCount];
                ClosePanel();
            }
            else
            {
                var problem = result.Problem!;
                _panelErrors = problem.Errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value), StringComparer.OrdinalIgnoreCase);
                _panelProblem = _panelErrors.Count == 0 ? Describe(problem) : null;
            }
        }
        catch (HttpRequestException)
        {
            _panelProblem = L["ServerUnreachable"];
        }
        finally
        {
            _panelBusy = false;
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}

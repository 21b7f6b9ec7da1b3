using System.Net;
using Entry.Client.Components.EntryPage;
using Entry.Client.Sending;
using Entry.Client.Services;
using Entry.Shared.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace Entry.Client.Pages;

/// <summary>
/// The clerk's entry page: the held book, the form of its type, the cases of this session. New cases and skipped numbers go
/// through the <see cref="SendingQueue"/>, which sends them again with the same id until the server answers — while the form
/// waits (about a minute), then in the background while the clerk goes on; the page follows its state and its answers.
/// </summary>
public sealed partial class DataEntry
{
    [Inject] private SendingQueue Queue { get; set; } = null!;

    private readonly CancellationTokenSource _cts = new();
    private readonly HeldBook _held = new();
    private readonly EntryFormState _form = new();
    private readonly EntryPanel _panel = new();
    private CaseForm? _caseForm;
    private MyCases? _myCases;

    private bool _loading = true;
    private string? _loadError;
    private ApiProblem? _refusal;
    private string? _notice;
    private bool _busy;
    private bool _choosing;
    private bool _leaveWarning;
    private bool _correctionSending;

    /// <summary>A case the form waits for: a new one in the queue's hands, or a correction.</summary>
    private bool Sending => _correctionSending || Queue.InFront?.Case is not null;

    private int Attempt => _correctionSending ? 1 : Queue.InFront?.Attempts ?? 1;

    private bool Locked => Sending || _busy;

    private bool Unacknowledged => Queue.WaitingCount > 0;

    /// <summary>The entry number the form is on, else the one after the cases logged and skipped.</summary>
    private int NextNumber => _form.EntryNumberOr((_held.Book?.CasesLogged ?? 0) + (_held.Book?.CasesSkipped ?? 0) + 1);

    /// <summary>The server's reason: it words its refusals in the language this app asks for (Accept-Language).</summary>
    private string Describe(ApiProblem problem) => problem.Messages.Count > 0 ? string.Join(" ", problem.Messages) : L["LoadFailed"];

    protected override async Task OnInitializedAsync()
    {
        Queue.Changed += OnQueueChanged;
        Queue.Acknowledged += OnAcknowledged;
        Queue.Refused += OnRefused;
        await Queue.ResumeAsync();
        foreach (var item in Queue.Waiting.Where(i => i.Id != Queue.InFront?.Id))
        {
            _held.Remember(Row(item, SendState.Failed));
        }

        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_form.FocusFirst && _caseForm is not null && !Locked && _panel.Open == PanelKind.None)
        {
            _form.FocusFirst = false;
            await _caseForm.FocusFirstAsync();
        }
        else if (_form.FocusFaulty && _caseForm is not null && !Locked && _panel.Open == PanelKind.None)
        {
            _form.FocusFaulty = false;
            await _caseForm.FocusFirstFaultyAsync();
        }
    }

    private async Task LoadAsync()
    {
        _loadError = null;
        _loading = true;
        try
        {
            SetBook(await Api.GetMyClaimAsync(_cts.Token));
        }
        catch (HttpRequestException e)
        {
            _loadError = e.StatusCode == HttpStatusCode.Forbidden ? L["Forbidden"] : L["LoadFailed"];
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        finally
        {
            _loading = false;
        }
    }

    private void SetBook(ClaimedBook? book)
    {
        if (_held.Hold(book) && book is not null)
        {
            _form.StartOver(book.CasesLogged + book.CasesSkipped + 1);
            _choosing = false;
        }
    }

    private void BeforeLeaving(LocationChangingContext context)
    {
        if (Unacknowledged)
        {
            context.PreventNavigation();
            _leaveWarning = true;
        }
    }

    private ApiProblem Unreachable() => new(0, null, L["ServerUnreachable"], new Dictionary<string, string[]>(), []);

    private async Task ClaimNextAsync() => await ClaimAsync(() => Api.ClaimNextAsync(_cts.Token));

    private async Task ClaimBookAsync(string bookCode) => await ClaimAsync(() => Api.ClaimBookAsync(bookCode, _cts.Token));

    private async Task ClaimAsync(Func<Task<ApiResult<ClaimedBook>>> claim)
    {
        _busy = true;
        _refusal = null;
        try
        {
            var result = await claim();
            if (result.Succeeded)
            {
                SetBook(result.Value);
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

    private async Task ReleaseAsync()
    {
        if (_held.Book is not { } book || Unacknowledged)
        {
            return;
        }

        _busy = true;
        _refusal = null;
        _notice = null;
        try
        {
            var problem = await Api.ReleaseAsync(book.Code, _cts.Token);
            if (problem is null || problem.Status == HttpStatusCode.NotFound)
            {
                _held.Release();
            }
            else
            {
                _refusal = problem;
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

    public void Dispose()
    {
        Queue.Changed -= OnQueueChanged;
        Queue.Acknowledged -= OnAcknowledged;
        Queue.Refused -= OnRefused;
        _cts.Cancel();
        _cts.Dispose();
    }
}

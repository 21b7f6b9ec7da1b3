using System.Net;
using Entry.Client.Components.EntryPage;
using Entry.Client.Sending;
using Entry.Client.Services;
using Entry.Shared.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace Entry.Client.Pages;

/// <summary>
/// The clerk's entry page: the held book, the form of its type, the cases of this session. New cases, skipped numbers and
/// corrections go through the <see cref="SendingQueue"/>, which keeps them in the browser's storage and sends them again with
/// the same id until the server answers — the form waits a few seconds at most, then the clerk goes on while earlier items
/// wait. Without the server the page opens on the book last held (<see cref="OfflineCache"/>) and keeps queueing.
/// </summary>
public sealed partial class DataEntry
{
    [Inject] private SendingQueue Queue { get; set; } = null!;
    [Inject] private LinkWatch Link { get; set; } = null!;
    [Inject] private OfflineCache Cache { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

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
    private string? _userName;
    /// <summary>The line under the form after a save that waits in the queue: kept on this computer, not saved yet.</summary>
    private string? _queuedNote;
    /// <summary>The refused item reopened in the form: it leaves the queue once its fixed copy is saved.</summary>
    private Guid? _reopened;
    /// <summary>The server could not be reached for the held book: the page shows the one last known.</summary>
    private CachedClaim? _offlineClaim;

    /// <summary>A case the form waits for, a few seconds at most: a new one or a correction, in the queue's hands.</summary>
    private bool Sending => Queue.InFront?.Case is not null;

    private int Attempt => Queue.InFront?.Attempts ?? 1;

    private bool Locked => Sending || _busy;

    private bool Unacknowledged => Queue.WaitingCount > 0;

    /// <summary>The last send found no server, or the page opened without it.</summary>
    private bool Offline => _offlineClaim is not null || Queue.LastFailure is { Status: null };

    /// <summary>The entry number the form is on, else the one after the cases logged and skipped.</summary>
    private int NextNumber => _form.EntryNumberOr((_held.Book?.CasesLogged ?? 0) + (_held.Book?.CasesSkipped ?? 0) + 1);

    /// <summary>The server's reason: it words its refusals in the language this app asks for (Accept-Language).</summary>
    private string Describe(ApiProblem problem) => problem.Messages.Count > 0 ? string.Join(" ", problem.Messages) : L["LoadFailed"];

    protected override async Task OnInitializedAsync()
    {
        Queue.Changed += OnQueueChanged;
        Queue.Acknowledged += OnAcknowledged;
        Queue.Corrected += OnCorrected;
        Queue.RefusedItem += OnRefused;
        _userName = AuthenticationState is null ? null : (await AuthenticationState).User.Identity?.Name;
        // The claim is asked for while the queue is read back from this computer: on a slow link that is a round trip less
        // before the form opens. The book is held only once the queue is read (its numbers come after those still waiting).
        var claim = Api.GetMyClaimAsync(_cts.Token);
        await Queue.ResumeAsync(_userName);
        await Link.StartAsync();
        ShowQueued();
        await LoadAsync(claim);
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

    /// <summary>Holds the book the server says this clerk holds (<paramref name="asked"/>: the request already under way).</summary>
    private async Task LoadAsync(Task<ClaimedBook?>? asked = null)
    {
        _loadError = null;
        _loading = true;
        try
        {
            var book = await (asked ?? Api.GetMyClaimAsync(_cts.Token));
            _offlineClaim = null;
            SetBook(book);
            await RememberClaimAsync();
        }
        catch (HttpRequestException e) when (e.StatusCode is null || (int)e.StatusCode >= 500)
        {
            // No server: the book last held, as this browser kept it, and the form goes on into the queue.
            var cached = _userName is null ? null : await Cache.GetClaimAsync(_userName);
            if (cached is null)
            {
                _loadError = O["OfflineNoClaim"];
            }
            else
            {
                _offlineClaim = cached;
                SetBook(cached.Book);
            }
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

    /// <summary>Holds the book; another book starts the form after its numbers taken, those still in the queue included.</summary>
    private void SetBook(ClaimedBook? book)
    {
        if (_held.Hold(book) && book is not null)
        {
            var queued = Queue.Waiting.Concat(Queue.Refused).Where(i => i.BookCode == book.Code && !i.IsCorrection).Select(i => i.EntryNumber);
            _form.StartOver(Math.Max(book.CasesLogged + book.CasesSkipped, queued.DefaultIfEmpty(0).Max()) + 1);
            _choosing = false;
        }
    }

    /// <summary>The book held and its counts, for opening this page without the server.</summary>
    private async Task RememberClaimAsync()
    {
        if (_userName is not null && _offlineClaim is null)
        {
            await Cache.SetClaimAsync(_userName, _held.Book);
        }
    }

    /// <summary>Leaving with items waiting asks first: they stay on this computer, but are sent only while the app is open.</summary>
    private async Task BeforeLeaving(LocationChangingContext context)
    {
        if (!Unacknowledged)
        {
            return;
        }

        var leave = await Dialogs.ShowMessageBoxAsync(O["LeaveTitle"], O["LeaveText", Queue.WaitingCount], yesText: O["LeaveYes"], cancelText: O["Stay"]);
        if (leave != true)
        {
            context.PreventNavigation();
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
                await RememberClaimAsync();
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
                await RememberClaimAsync();
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
        Queue.Corrected -= OnCorrected;
        Queue.RefusedItem -= OnRefused;
        _cts.Cancel();
        _cts.Dispose();
    }
}

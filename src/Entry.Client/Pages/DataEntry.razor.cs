using System.Globalization;
using System.Net;
using Entry.Client.Components.EntryPage;
using Entry.Client.Services;
using Entry.Shared.Claims;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Components.Routing;

namespace Entry.Client.Pages;

/// <summary>
/// The clerk's entry page: the held book, the form of its type, the cases of this session. A case is sent with an id chosen here
/// and sent again with that same id until the server answers for it: first while the form waits (about a minute), then in the
/// background while the clerk goes on with the next entry number.
/// </summary>
public sealed partial class DataEntry
{
    private static readonly int[] RetryDelaysSeconds = [1, 2, 4, 8, 15, 15, 15];
    private static readonly TimeSpan BackgroundRetryDelay = TimeSpan.FromSeconds(15);
    private const int RecentShown = 10;

    /// <summary>Every input an error key of the server can land under; any other key is shown below the form.</summary>
    private static readonly HashSet<string> FieldKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "entryNumber", "registrationDate", "page", "verificationReason",
        "birth.childName", "birth.sex", "birth.dateOfBirth", "birth.placeOfBirth", "birth.motherName", "birth.fatherName", "birth.childCitizenId",
        "marriage.husbandName", "marriage.husbandDateOfBirth", "marriage.wifeName", "marriage.wifeDateOfBirth", "marriage.registrationPlace",
        "marriage.husbandCitizenId", "marriage.wifeCitizenId",
        "death.deceasedName", "death.sex", "death.dateOfBirth", "death.dateOfDeath", "death.placeOfDeath", "death.deceasedCitizenId",
        "adoption.adopteeName", "adoption.adopteeDateOfBirth", "adoption.adoptiveFatherName", "adoption.adoptiveMotherName", "adoption.adopteeCitizenId",
    };

    private enum Panel
    {
        None,
        Skip,
        CountReport,
    }

    /// <summary>A stored case reopened in the form: its id, the version read (sent back as If-Match) and its entry number.</summary>
    private sealed record Correction(Guid Id, int Version, int EntryNumber);

    private readonly CancellationTokenSource _cts = new();
    private ClaimedBook? _book;
    private bool _loading = true;
    private string? _loadError;
    private ApiProblem? _refusal;
    private string? _notice;
    private bool _busy;
    private bool _choosing;
    private bool _leaveWarning;

    private CaseForm? _form;
    private bool _focusFirst;
    private CaseDraft _draft = new();
    private Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);
    private string? _formError;

    /// <summary>The new case being typed while a stored or refused one is in the form; it comes back afterwards.</summary>
    private CaseDraft? _stash;
    private Correction? _correcting;

    private bool _sending;
    private int _attempt;
    private readonly List<RecentCase> _recent = [];

    private Panel _panel;
    private bool _panelBusy;
    private string? _panelProblem;
    private Dictionary<string, string>? _panelErrors;

    private bool Locked => _sending || _busy;

    private bool Unacknowledged => _recent.Any(r => r.State is SendState.Sending or SendState.Failed);

    /// <summary>The entry number the form is on, else the one after the cases logged and skipped.</summary>
    private int NextNumber => int.TryParse(_draft.EntryNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : (_book?.CasesLogged ?? 0) + (_book?.CasesSkipped ?? 0) + 1;

    /// <summary>The server's reason in the app's language when this page knows its title, else the server's words.</summary>
    private string Describe(ApiProblem problem)
    {
        if (problem.Title is { } title)
        {
            var text = T["Problem_" + title.Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)];
            if (!text.ResourceNotFound)
            {
                return text.Value;
            }
        }

        return problem.Messages.Count > 0 ? string.Join(" ", problem.Messages) : L["LoadFailed"];
    }

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusFirst && _form is not null && !Locked && _panel == Panel.None)
        {
            _focusFirst = false;
            await _form.FocusFirstAsync();
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
        var changed = book?.Code != _book?.Code;
        _book = book;
        if (book is not null && changed)
        {
            _draft = CaseDraft.Blank(book.CasesLogged + book.CasesSkipped + 1);
            _errors = new(StringComparer.OrdinalIgnoreCase);
            _formError = null;
            _stash = null;
            _correcting = null;
            _choosing = false;
            _focusFirst = true;
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
        if (_book is null || Unacknowledged)
        {
            return;
        }

        _busy = true;
        _refusal = null;
        _notice = null;
        try
        {
            var problem = await Api.ReleaseAsync(_book.Code, _cts.Token);
            if (problem is null || problem.Status == HttpStatusCode.NotFound)
            {
                _book = null;
                _recent.Clear();
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
}

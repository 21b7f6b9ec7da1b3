using System.Net;
using Entry.Client.Components.Monitoring;
using Entry.Client.Resources;
using Entry.Client.Services;
using Entry.Shared.Auth;
using Entry.Shared.Live;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace Entry.Client.Pages;

/// <summary>
/// The monitor's dashboard: read once (<c>GET /api/dashboard</c>), then kept current by the hub's <c>dashboardChanged</c>
/// for its scope, rendered at most twice a second. After a reconnect or a shift change it is read once again, since
/// messages sent meanwhile are gone.
/// </summary>
public sealed partial class Dashboard
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(500);

    [Inject] private EntryApi Api { get; set; } = default!;
    [Inject] private ISprintLive Live { get; set; } = default!;
    [Inject] private IStringLocalizer<MonitorStrings> M { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    /// <summary>A province-wide viewer's choice of one district's dashboard; a district Monitor always gets their own.</summary>
    [SupplyParameterFromQuery(Name = "district")] public string? District { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private readonly CancellationTokenSource _cts = new();
    private RenderThrottle? _throttle;
    private LiveDashboard? _live;
    private DashboardUnits? _units;
    private string? _watched;
    private string? _loadedFor;
    private bool _isAdmin;
    private bool _refetching;
    private bool _refetchAgain;
    private string? _error;
    private TimeSpan _serverAhead;

    private DashboardResponse? Shown => _live?.Current;

    private DateTimeOffset ServerNow() => DateTimeOffset.UtcNow + _serverAhead;

    protected override async Task OnInitializedAsync()
    {
        _throttle = new RenderThrottle(() => InvokeAsync(StateHasChanged), RenderInterval);
        Live.DashboardChanged += DashboardChanged;
        Live.ShiftChanged += ShiftChanged;
        Live.Resynced += Resynced;
        Live.StateChanged += StateChanged;
        _isAdmin = (await AuthenticationState).User.IsInRole(Roles.Admin);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != District || _live is null)
        {
            _loadedFor = District;
            _live = null;
            await LoadAsync();
        }
    }

    /// <summary>
    /// Reads the dashboard, then watches its scope (the server decides it for a district Monitor); the watch answers the
    /// figures as of then, so nothing sent between the read and the watch is missed.
    /// </summary>
    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            var dashboard = await Api.GetDashboardAsync(District, _cts.Token);
            _live = new LiveDashboard(dashboard);
            _serverAhead = dashboard.At - DateTimeOffset.UtcNow;
            await WatchAsync(dashboard.Scope);
        }
        catch (HttpRequestException e)
        {
            _error = e.StatusCode == HttpStatusCode.Forbidden ? L["Forbidden"] : L["LoadFailed"];
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
    }

    private async Task WatchAsync(string scope)
    {
        if (_watched == scope)
        {
            return;
        }
        if (_watched is not null)
        {
            await Live.UnwatchDashboardAsync(_watched);
        }
        _watched = scope;
        try
        {
            if (await Live.WatchDashboardAsync(scope, _cts.Token) is { } now)
            {
                _live?.Apply(now);
            }
        }
        catch (LiveRefusedException)
        {
            // Refused by the hub: the dashboard still shows what it read, without live updates.
            _watched = null;
        }
    }

    private void DashboardChanged(DashboardLive live)
    {
        if (_live?.Apply(live) == true)
        {
            _throttle?.Request();
        }
    }

    // A shift opened or closed, or the connection came back after missing messages: read the dashboard afresh, once.
    private void ShiftChanged(ShiftChangedEvent change) => _ = InvokeAsync(RefetchAsync);

    private void Resynced(IReadOnlyList<ProgressSnapshot> snapshots) => _ = InvokeAsync(RefetchAsync);

    private void StateChanged(LiveState state) => _ = InvokeAsync(StateHasChanged);

    private async Task RefetchAsync()
    {
        if (_refetching)
        {
            _refetchAgain = true;
            return;
        }
        _refetching = true;
        try
        {
            do
            {
                _refetchAgain = false;
                await LoadAsync();
            }
            while (_refetchAgain && !_cts.IsCancellationRequested);
        }
        finally
        {
            _refetching = false;
        }
        StateHasChanged();
    }

    // New dates or target change the projection and the needed line: read again.
    private Task SprintSavedAsync(SprintSettingsResponse saved) => RefetchAsync();

    private async Task OpenDistrictAsync(string code)
    {
        if (_units is not null)
        {
            await _units.OpenFromTopAsync(code);
        }
    }

    /// <summary>Figures by district for the map: the province's district rows, or a district dashboard's own totals.</summary>
    private static Dictionary<string, ProgressFigures> MapFigures(DashboardResponse dashboard)
    {
        if (ScopeKey.TryParse(dashboard.Scope) is { Kind: ScopeKind.District, Code: { } own })
        {
            return new() { [own] = dashboard.Totals };
        }
        return dashboard.Units
            .Where(u => !u.OwnBooksOnly)
            .Select(u => (Key: ScopeKey.TryParse(u.Scope), u.Figures))
            .Where(u => u.Key is { Kind: ScopeKind.District })
            .ToDictionary(u => u.Key!.Code!, u => u.Figures);
    }

    public async ValueTask DisposeAsync()
    {
        Live.DashboardChanged -= DashboardChanged;
        Live.ShiftChanged -= ShiftChanged;
        Live.Resynced -= Resynced;
        Live.StateChanged -= StateChanged;
        _throttle?.Dispose();
        await _cts.CancelAsync();
        _cts.Dispose();
        if (_watched is not null)
        {
            await Live.UnwatchDashboardAsync(_watched);
        }
    }
}

using System.Net;
using Entry.Client.Resources;
using Entry.Client.Services;
using Entry.Shared.Live;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Entry.Client.Components.Monitoring;

/// <summary>
/// The dashboard's table of units: the live rows of the scope, then (clicked) a unit's units or its own books, with breadcrumbs
/// back up. A district opened from the province's table is watched beside the page's own scope (<c>WatchDashboard</c>), so its
/// rows stay live too, and left again when the monitor leaves it; books stay as read, with an "as of" note and a refresh button.
/// </summary>
public sealed partial class DashboardUnits : IAsyncDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(500);

    [Inject] private EntryApi Api { get; set; } = default!;
    [Inject] private ISprintLive Live { get; set; } = default!;
    [Inject] private IStringLocalizer<MonitorStrings> M { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    /// <summary>The scope's own rows (live).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<DashboardUnitRow> Rows { get; set; } = [];
    /// <summary>The page's own dashboard scope (already watched by the page).</summary>
    [Parameter, EditorRequired] public string Scope { get; set; } = "";
    [Parameter, EditorRequired] public string ScopeName { get; set; } = "";
    /// <summary>The server's clock as this browser can tell (it may be moved for a demonstration): when a step was read.</summary>
    [Parameter, EditorRequired] public Func<DateTimeOffset> ServerNow { get; set; } = () => DateTimeOffset.UtcNow;

    private readonly CancellationTokenSource _cts = new();
    private readonly List<DrillStep> _steps = [];
    private RenderThrottle? _throttle;
    // The district drilled into, watched beside the page's own scope.
    private string? _watched;
    private bool _busy;
    private string? _error;

    protected override void OnInitialized()
    {
        _throttle = new RenderThrottle(() => InvokeAsync(StateHasChanged), RenderInterval);
        Live.DashboardChanged += DashboardChanged;
        Live.Resynced += Resynced;
    }

    /// <summary>Opens a row of the scope's own table (the map's districts), from the top.</summary>
    public async Task OpenFromTopAsync(string code)
    {
        _steps.Clear();
        if (Rows.FirstOrDefault(r => r.Code == code && !r.OwnBooksOnly) is { } row)
        {
            await OpenAsync(row);
        }
        await WatchDrilledAsync();
    }

    private async Task OpenAsync(DashboardUnitRow row)
    {
        if (await LoadAsync(row) is { } step)
        {
            _steps.Add(step);
        }
        await WatchDrilledAsync();
    }

    private async Task RefreshAsync()
    {
        var depth = _steps.Count - 1;
        if (await LoadAsync(_steps[depth].Unit) is { } step)
        {
            _steps[depth] = step;
        }
    }

    private async Task BackToAsync(int depth)
    {
        _steps.RemoveRange(depth, _steps.Count - depth);
        _error = null;
        await WatchDrilledAsync();
    }

    /// <summary>
    /// The district whose rows are open (also while deeper steps below it show), if it is not the page's own scope: a district
    /// Monitor's page already is their district, and below a district only books are left, which stay as read.
    /// </summary>
    private string? Drilled() =>
        _steps.FirstOrDefault(s => s.Children is not null && ScopeKey.TryParse(s.Unit.Scope)?.Kind == ScopeKind.District)?.Unit.Scope
            is { } scope && scope != Scope ? scope : null;

    /// <summary>Watches the district drilled into, leaving the one watched before; its answer makes the rows current at once.</summary>
    private async Task WatchDrilledAsync()
    {
        var drilled = Drilled();
        if (drilled == _watched)
        {
            return;
        }
        if (_watched is { } left)
        {
            _watched = null;
            await Live.UnwatchDashboardAsync(left);
        }
        if (drilled is null)
        {
            return;
        }
        _watched = drilled;
        try
        {
            if (await Live.WatchDashboardAsync(drilled, _cts.Token) is { } now)
            {
                Apply(now);
            }
        }
        catch (LiveRefusedException)
        {
            // Refused: the rows stay as read, with their "as of" note and refresh button.
            _watched = null;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
    }

    private bool Apply(DashboardLive live)
    {
        var changed = false;
        for (var i = 0; i < _steps.Count; i++)
        {
            var updated = _steps[i].With(live);
            changed |= !ReferenceEquals(updated, _steps[i]);
            _steps[i] = updated;
        }
        return changed;
    }

    private void DashboardChanged(DashboardLive live)
    {
        if (live.Scope == _watched && Apply(live))
        {
            _throttle?.Request();
        }
    }

    // The connection came back (and watched the district again): messages sent meanwhile are gone, so take its figures now.
    private void Resynced(IReadOnlyList<ProgressSnapshot> snapshots) => _ = InvokeAsync(ResyncAsync);

    private async Task ResyncAsync()
    {
        if (_watched is not { } watched)
        {
            return;
        }
        try
        {
            if (await Live.WatchDashboardAsync(watched, _cts.Token) is { } now && Apply(now))
            {
                StateHasChanged();
            }
        }
        catch (LiveRefusedException)
        {
            _watched = null;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
    }

    /// <summary>A unit with units below it opens to them; any other row (a commune, an office's own books) to its books.</summary>
    private async Task<DrillStep?> LoadAsync(DashboardUnitRow row)
    {
        _busy = true;
        _error = null;
        StateHasChanged();
        try
        {
            if (row.HasChildren && !row.OwnBooksOnly)
            {
                var drill = await Api.GetUnitDrillDownAsync(row.Code, _cts.Token);
                if (drill is null)
                {
                    _error = L["NotFound"];
                    return null;
                }
                return new DrillStep(row, drill, null, ServerNow());
            }
            var books = await Api.GetUnitBooksAsync(row.Code, _cts.Token);
            return new DrillStep(row, null, books, ServerNow());
        }
        catch (HttpRequestException e)
        {
            _error = e.StatusCode == HttpStatusCode.Forbidden ? L["Forbidden"] : L["LoadFailed"];
            return null;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            _busy = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Live.DashboardChanged -= DashboardChanged;
        Live.Resynced -= Resynced;
        _throttle?.Dispose();
        await _cts.CancelAsync();
        _cts.Dispose();
        if (_watched is { } watched)
        {
            _watched = null;
            await Live.UnwatchDashboardAsync(watched);
        }
    }
}

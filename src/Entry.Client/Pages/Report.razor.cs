using System.Globalization;
using System.Net;
using Entry.Client.Resources;
using Entry.Client.Services;
using Entry.Shared.Auth;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Entry.Client.Pages;

/// <summary>
/// The periodic report: a date (today by default: the counters now until the evening's snapshot), an optional previous
/// report date for the change, and for a province-wide viewer one district's communes; downloaded as XLSX or CSV, or printed.
/// </summary>
public sealed partial class Report : IDisposable
{
    private const string NoChoice = "";

    [Inject] private EntryApi Api { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;
    [Inject] private IStringLocalizer<MonitorStrings> M { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<DateOnly> _dates = [];
    /// <summary>The districts, learnt from the province-wide report (a district Monitor never gets one).</summary>
    private IReadOnlyList<(string Code, string Name)> _districts = [];
    private DateTime? _date;
    private string _previousChoice = NoChoice;
    private string _districtChoice = NoChoice;
    private ProgressReport? _report;
    private bool _isAdmin;
    private bool _busy;
    private string? _error;
    private string? _snapshotNote;

    private DateOnly Date => _date is { } date ? DateOnly.FromDateTime(date) : DateOnly.FromDateTime(DateTime.Today);

    private ReportQuery Query => new(
        Date,
        _previousChoice == NoChoice ? null : DateOnly.ParseExact(_previousChoice, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _districtChoice == NoChoice ? null : _districtChoice);

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await AuthenticationState).User.IsInRole(Roles.Admin);
        _busy = true;
        try
        {
            var today = Api.GetServerTodayAsync(_cts.Token);
            var dates = Api.GetReportDatesAsync(_cts.Token);
            _date = (await today).ToDateTime(TimeOnly.MinValue);
            _dates = await dates;
            _previousChoice = DefaultPrevious();
        }
        catch (HttpRequestException e)
        {
            _error = e.StatusCode == HttpStatusCode.Forbidden ? L["Forbidden"] : L["LoadFailed"];
            _busy = false;
            return;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            return;
        }
        await LoadReportAsync();
    }

    /// <summary>The newest snapshot before the report's date: the change since the last report, unless the user chooses.</summary>
    private string DefaultPrevious() => _dates.Where(d => d < Date).Select(Iso).FirstOrDefault() ?? NoChoice;

    private async Task DateChangedAsync(DateTime? date)
    {
        _date = date;
        if (_previousChoice != NoChoice && string.CompareOrdinal(_previousChoice, Iso(Date)) >= 0)
        {
            _previousChoice = DefaultPrevious();
        }
        await LoadReportAsync();
    }

    private async Task PreviousChangedAsync(string choice)
    {
        _previousChoice = choice;
        await LoadReportAsync();
    }

    private async Task DistrictChangedAsync(string choice)
    {
        _districtChoice = choice;
        await LoadReportAsync();
    }

    private async Task LoadReportAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var report = await Api.GetProgressReportAsync(Query, _cts.Token);
            if (report.Scope == ScopeKey.Province.Name && _districts.Count == 0)
            {
                // The province's rows hold its own office too: the map's outlines say which rows are districts.
                var districts = await DistrictCodesAsync();
                _districts = [.. report.Rows.Where(r => districts.Contains(r.UnitCode)).Select(r => (r.UnitCode, r.UnitName))];
            }
            _report = report;
        }
        catch (HttpRequestException e)
        {
            _error = e.StatusCode switch
            {
                HttpStatusCode.Forbidden => L["Forbidden"],
                HttpStatusCode.BadRequest => M["ReportRefused"],
                _ => L["LoadFailed"],
            };
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<HashSet<string>> DistrictCodesAsync()
    {
        try
        {
            return (await Api.GetMapAsync()).Districts.Select(d => d.Code).ToHashSet();
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // No map, no district choice: the province's report still shows.
            return [];
        }
    }

    private async Task PrintAsync() => await Js.InvokeVoidAsync("print");

    private async Task TakeSnapshotAsync()
    {
        _busy = true;
        _snapshotNote = null;
        try
        {
            var result = await Api.TakeSnapshotAsync(_cts.Token);
            if (result is { Succeeded: true, Value: { } taken })
            {
                _snapshotNote = string.Format(CultureInfo.CurrentCulture, M["SnapshotTaken"], Display.Date(taken.Date), Display.Number(taken.Rows),
                    MonitorTime.ProvinceTime(taken.TakenAt));
                _dates = await Api.GetReportDatesAsync(_cts.Token);
            }
            else
            {
                _error = result.Problem?.Messages.FirstOrDefault() ?? L["SaveFailed"];
            }
        }
        catch (HttpRequestException)
        {
            _error = L["SaveFailed"];
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _busy = false;
        }
        await LoadReportAsync();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Entry.Shared.Monitoring;

namespace Entry.Client.Services;

/// <summary>The monitor's dashboard, the district map, the sprint's settings and the periodic report.</summary>
public sealed partial class EntryApi
{
    // The outlines never change while the app runs: read once, kept for the app's life (a failed read is tried again).
    private Task<MapOutlines>? _map;

    /// <summary>Everything the dashboard shows, in one answer; a district Monitor always gets their district.</summary>
    public async Task<DashboardResponse> GetDashboardAsync(string? district, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<DashboardResponse>("api/dashboard" + (district is null ? "" : "?district=" + Uri.EscapeDataString(district)), cancellationToken)
        ?? throw new InvalidOperationException("The server sent no dashboard.");

    /// <summary>A unit's row and the rows below it; null when there is no such unit (404).</summary>
    public async Task<UnitDrillDown?> GetUnitDrillDownAsync(string code, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/dashboard/units/{Uri.EscapeDataString(code)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<UnitDrillDown>(cancellationToken);
    }

    public async Task<IReadOnlyList<DashboardBookRow>> GetUnitBooksAsync(string code, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<DashboardBookRow>>($"api/dashboard/units/{Uri.EscapeDataString(code)}/books", cancellationToken) ?? [];

    public Task<MapOutlines> GetMapAsync()
    {
        var map = _map ??= ReadMapAsync();
        if (map.IsFaulted || map.IsCanceled)
        {
            map = _map = ReadMapAsync();
        }
        return map;
    }

    private async Task<MapOutlines> ReadMapAsync() =>
        await http.GetFromJsonAsync<MapOutlines>("api/map/districts") ?? throw new InvalidOperationException("The server sent no map.");

    public async Task<SprintSettingsResponse> GetSprintAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<SprintSettingsResponse>("api/sprint", cancellationToken)
        ?? throw new InvalidOperationException("The server sent no sprint settings.");

    /// <summary>Changes the sprint's dates or target; a refusal names its fields (<see cref="ApiProblem.Errors"/>).</summary>
    public Task<ApiResult<SprintSettingsResponse>> UpdateSprintAsync(SprintSettingsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SprintSettingsResponse>(HttpMethod.Put, "api/sprint", request, cancellationToken);

    /// <summary>The dates holding a snapshot, newest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> GetReportDatesAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<DateOnly>>("api/reports/dates", cancellationToken) ?? [];

    public async Task<ProgressReport> GetProgressReportAsync(ReportQuery query, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<ProgressReport>(ReportPath(query, ""), cancellationToken)
        ?? throw new InvalidOperationException("The server sent no report.");

    /// <summary>The address of the report as a file (<c>xlsx</c> or <c>csv</c>): a plain link, the cookie goes along.</summary>
    public static string ReportFileLink(ReportQuery query, string extension) => ReportPath(query, "." + extension);

    /// <summary>Takes today's snapshot now (Admin).</summary>
    public Task<ApiResult<SnapshotTaken>> TakeSnapshotAsync(CancellationToken cancellationToken = default) =>
        SendAsync<SnapshotTaken>(HttpMethod.Post, "api/reports/snapshots", null, cancellationToken);

    private static string ReportPath(ReportQuery query, string suffix)
    {
        var parameters = new List<string> { "date=" + IsoDate(query.Date) };
        if (query.Previous is { } previous)
        {
            parameters.Add("previous=" + IsoDate(previous));
        }
        if (query.District is { Length: > 0 } district)
        {
            parameters.Add("district=" + Uri.EscapeDataString(district));
        }
        return $"api/reports/progress{suffix}?" + string.Join('&', parameters);
    }

    /// <summary>The server's "today" in Asia/Ho_Chi_Minh (its clock may be moved for a demonstration).</summary>
    public async Task<DateOnly> GetServerTodayAsync(CancellationToken cancellationToken = default)
    {
        var clock = await GetShiftClockAsync(cancellationToken);
        return MonitorTime.ProvinceDate(clock.Now);
    }
}

/// <summary>A periodic report: its date, the previous report's date, and one district's communes instead of the districts.</summary>
public sealed record ReportQuery(DateOnly Date, DateOnly? Previous, string? District);

/// <summary>Asia/Ho_Chi_Minh has no daylight saving: the province's days are UTC+7 days.</summary>
public static class MonitorTime
{
    public static readonly TimeSpan ProvinceOffset = TimeSpan.FromHours(7);

    public static DateOnly ProvinceDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ProvinceOffset).DateTime);

    public static string ProvinceTime(DateTimeOffset at) => at.ToOffset(ProvinceOffset).ToString("HH:mm", CultureInfo.InvariantCulture);
}

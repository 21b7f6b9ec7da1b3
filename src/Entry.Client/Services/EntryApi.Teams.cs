using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Entry.Shared.Assignment;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;

namespace Entry.Client.Services;

/// <summary>Teams, their rosters and book queues, and the province's projection.</summary>
public sealed partial class EntryApi
{
    public async Task<IReadOnlyList<TeamSummary>> GetTeamsAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<TeamSummary>>("api/teams", cancellationToken) ?? [];

    /// <summary>The caller's own team; null when the caller is in no team (404).</summary>
    public async Task<TeamDetail?> GetMyTeamAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync("api/teams/mine", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TeamDetail>(cancellationToken);
    }

    public async Task<TeamDetail?> GetTeamAsync(int teamId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/teams/{teamId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TeamDetail>(cancellationToken);
    }

    public Task<ApiResult<TeamDetail>> UpdateTeamAsync(int teamId, UpdateTeamRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TeamDetail>(HttpMethod.Put, $"api/teams/{teamId}", request, cancellationToken);

    public Task<ApiResult<TeamDetail>> AddMemberAsync(int teamId, AddMemberRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TeamDetail>(HttpMethod.Post, $"api/teams/{teamId}/members", request, cancellationToken);

    public Task<ApiResult<TeamDetail>> UpdateMemberAsync(int teamId, string userName, UpdateMemberRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TeamDetail>(HttpMethod.Put, $"api/teams/{teamId}/members/{Uri.EscapeDataString(userName)}", request, cancellationToken);

    /// <summary>Removes a member; null when done, else the server's reason.</summary>
    public async Task<ApiProblem?> RemoveMemberAsync(int teamId, string userName, CancellationToken cancellationToken = default) =>
        (await SendAsync<object>(HttpMethod.Delete, $"api/teams/{teamId}/members/{Uri.EscapeDataString(userName)}", null, cancellationToken)).Problem;

    /// <summary>The week holding <paramref name="week"/> (any day of it), or the server's current week when null.</summary>
    public async Task<WeekRoster> GetRosterAsync(int teamId, DateOnly? week, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<WeekRoster>($"api/teams/{teamId}/roster" + (week is { } day ? "?week=" + IsoDate(day) : ""), cancellationToken)
        ?? throw new InvalidOperationException("The server sent no roster.");

    /// <summary>Plans one shift; a plan that breaks a rule comes back as a problem whose <see cref="ApiProblem.Issues"/> say why.</summary>
    public Task<ApiResult<RosterShift>> PlanShiftAsync(int teamId, DateOnly date, int shift, IReadOnlyList<string> userNames, CancellationToken cancellationToken = default) =>
        SendAsync<RosterShift>(HttpMethod.Put, $"api/teams/{teamId}/roster/{IsoDate(date)}/{shift}", new PlanShiftRequest(userNames), cancellationToken);

    /// <summary>Copies the week starting <paramref name="fromWeekStart"/> onto the next; answers with that next week.</summary>
    public Task<ApiResult<WeekRoster>> CopyWeekAsync(int teamId, DateOnly fromWeekStart, CancellationToken cancellationToken = default) =>
        SendAsync<WeekRoster>(HttpMethod.Post, $"api/teams/{teamId}/roster/copy", new CopyWeekRequest(fromWeekStart), cancellationToken);

    public async Task<IReadOnlyList<TeamCoverage>> GetCoverageAsync(DateOnly? week, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<TeamCoverage>>("api/teams/coverage" + (week is { } day ? "?week=" + IsoDate(day) : ""), cancellationToken) ?? [];

    public async Task<TeamQueue> GetQueueAsync(int teamId, int page, int pageSize, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<TeamQueue>($"api/teams/{teamId}/queue?page={page}&pageSize={pageSize}", cancellationToken)
        ?? throw new InvalidOperationException("The server sent no queue.");

    /// <summary>Moves a book to another place in its team's queue; null when done, else the server's reason.</summary>
    public async Task<ApiProblem?> MoveInQueueAsync(int teamId, string bookCode, int position, CancellationToken cancellationToken = default) =>
        (await SendAsync<object>(HttpMethod.Put, $"api/teams/{teamId}/queue/{Uri.EscapeDataString(bookCode)}", new MoveInQueueRequest(position), cancellationToken)).Problem;

    public async Task<ProposalResponse> GetProposalAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<ProposalResponse>("api/assignment/proposal", cancellationToken)
        ?? throw new InvalidOperationException("The server sent no proposal.");

    public Task<ApiResult<AcceptProposalResponse>> AcceptProposalAsync(AcceptProposalRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<AcceptProposalResponse>(HttpMethod.Post, "api/assignment/proposal/accept", request, cancellationToken);

    public Task<ApiResult<WhatIfResponse>> GetWhatIfAsync(int teamId, int extraClerks, int extraComputers, CancellationToken cancellationToken = default) =>
        SendAsync<WhatIfResponse>(HttpMethod.Get, $"api/assignment/what-if?teamId={teamId}&extraClerks={extraClerks}&extraComputers={extraComputers}", null, cancellationToken);

    public async Task<ProjectionResponse> GetProjectionAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<ProjectionResponse>("api/assignment/projection", cancellationToken)
        ?? throw new InvalidOperationException("The server sent no projection.");

    public async Task<ShiftClockState> GetShiftClockAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<ShiftClockState>("api/shifts/clock", cancellationToken)
        ?? throw new InvalidOperationException("The server sent no shift clock.");

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A write: the answer's body on success, the problem details otherwise. Unreachable servers still throw.
    /// <paramref name="ifMatchVersion"/>: the version read, sent as <c>If-Match</c> (412 when it changed meanwhile).
    /// </summary>
    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string uri, object? body, CancellationToken cancellationToken, int? ifMatchVersion = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }
        if (ifMatchVersion is { } version)
        {
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var value = response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(object)
                ? default
                : await response.Content.ReadFromJsonAsync<T>(cancellationToken);
            return new ApiResult<T>(value, null);
        }

        var problem = await ReadProblemAsync(response, cancellationToken);
        return new ApiResult<T>(default, new ApiProblem(
            response.StatusCode,
            problem?.Title,
            problem?.Detail,
            problem?.Errors ?? [],
            problem?.Issues ?? []) { Code = problem?.Code });
    }
}

/// <summary>The outcome of a write: <see cref="Value"/> when it succeeded, else <see cref="Problem"/>.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// A refused write: its status, the server's words (in the language the app asked for), the fields at fault and, for a
/// shift plan, the broken rules.
/// </summary>
public sealed record ApiProblem(
    HttpStatusCode Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<ShiftIssue> Issues)
{
    /// <summary>The refusal's stable code (<c>claim.noShiftOpen</c>, <c>case.entryNumber.logged</c>), whatever the language.</summary>
    public string? Code { get; init; }

    /// <summary>The server's explanations, field messages first; its title when it gave nothing else.</summary>
    public IReadOnlyList<string> Messages =>
        Errors.Values.SelectMany(m => m).ToList() is { Count: > 0 } messages ? messages
        : Detail is not null ? [Detail]
        : Title is not null ? [Title]
        : [];
}

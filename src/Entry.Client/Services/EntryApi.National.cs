using System.Net.Http.Json;
using Entry.Shared.Entries;

namespace Entry.Client.Services;

/// <summary>The review desk: a team's verification and national correction queues, verifying cases, count reports, the national sync.</summary>
public sealed partial class EntryApi
{
    /// <summary>The team's flagged cases, oldest first. A caller who may not see them gets an <see cref="HttpRequestException"/> with 403.</summary>
    public async Task<IReadOnlyList<VerificationItem>> GetVerificationQueueAsync(int teamId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<VerificationItem>>($"api/teams/{teamId}/verification", cancellationToken) ?? [];

    /// <summary>The team's cases the national database rejected, with its reasons by field.</summary>
    public async Task<IReadOnlyList<NationalRejection>> GetNationalRejectionsAsync(int teamId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<NationalRejection>>($"api/teams/{teamId}/national-rejections", cancellationToken) ?? [];

    /// <summary>Late cases and skips the server refused, still in their clerks' queues (the leader sees the team's, a clerk their own).</summary>
    public async Task<IReadOnlyList<RefusedSubmissionItem>> GetRefusedSubmissionsAsync(int teamId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<RefusedSubmissionItem>>($"api/teams/{teamId}/refused-submissions", cancellationToken) ?? [];

    /// <summary>Verifies a flagged case as it is (no correction) or corrected; <paramref name="version"/> is the one read (412 when changed).</summary>
    public Task<ApiResult<CaseEntryDetails>> VerifyCaseAsync(Guid id, CaseEntryRequest? correction, int version, CancellationToken cancellationToken = default) =>
        SendAsync<CaseEntryDetails>(HttpMethod.Post, $"api/entries/{id}/verify", new VerifyRequest { Correction = correction }, cancellationToken, version);

    public async Task<IReadOnlyList<CountReportDto>> GetCountReportsAsync(CountReportStatus status, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<CountReportDto>>($"api/count-reports?status={status.ToString().ToLowerInvariant()}", cancellationToken) ?? [];

    public Task<ApiResult<CountReportDto>> AcceptCountReportAsync(long id, int? caseCount, CancellationToken cancellationToken = default) =>
        SendAsync<CountReportDto>(HttpMethod.Post, $"api/count-reports/{id}/accept", new CountDecisionRequest { CaseCount = caseCount }, cancellationToken);

    public Task<ApiResult<CountReportDto>> RejectCountReportAsync(long id, string? reason, CancellationToken cancellationToken = default) =>
        SendAsync<CountReportDto>(HttpMethod.Post, $"api/count-reports/{id}/reject", new CountDecisionRequest { Reason = reason }, cancellationToken);

    public async Task<NationalStatus?> GetNationalStatusAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<NationalStatus>("api/national/status", cancellationToken);
}

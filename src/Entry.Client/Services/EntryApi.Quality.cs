using System.Net.Http.Json;
using Entry.Shared.Entries;
using Entry.Shared.Quality;

namespace Entry.Client.Services;

/// <summary>Quality control: the blind second keying of a finished book's sample, arbitration of differences, the figures.</summary>
public sealed partial class EntryApi
{
    /// <summary>The quality pass the clerk holds; a problem (404) when none.</summary>
    public Task<ApiResult<HeldQualityPass>> GetMyQualityPassAsync(CancellationToken cancellationToken = default) =>
        SendAsync<HeldQualityPass>(HttpMethod.Get, "api/quality/mine", null, cancellationToken);

    public Task<ApiResult<HeldQualityPass>> ClaimQualityPassAsync(string bookCode, CancellationToken cancellationToken = default) =>
        SendAsync<HeldQualityPass>(HttpMethod.Post, $"api/quality/books/{Uri.EscapeDataString(bookCode)}/claim", null, cancellationToken);

    public async Task<ApiProblem?> ReleaseQualityPassAsync(string bookCode, CancellationToken cancellationToken = default) =>
        (await SendAsync<object>(HttpMethod.Post, $"api/quality/books/{Uri.EscapeDataString(bookCode)}/release", null, cancellationToken)).Problem;

    /// <summary>The second keying of a drawn entry; retried with the same id it answers the same.</summary>
    public Task<ApiResult<SecondKeyingResult>> KeyAgainAsync(CaseEntryRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SecondKeyingResult>(HttpMethod.Post, "api/quality/entries", request, cancellationToken);

    public async Task<IReadOnlyList<QualityQueueItem>> GetQualityQueueAsync(int teamId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<QualityQueueItem>>($"api/teams/{teamId}/quality", cancellationToken) ?? [];

    public async Task<IReadOnlyList<ArbitrationItem>> GetArbitrationQueueAsync(int teamId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<ArbitrationItem>>($"api/teams/{teamId}/arbitration", cancellationToken) ?? [];

    public Task<ApiResult<ArbitrationDetails>> GetArbitrationAsync(long itemId, CancellationToken cancellationToken = default) =>
        SendAsync<ArbitrationDetails>(HttpMethod.Get, $"api/quality/items/{itemId}", null, cancellationToken);

    /// <summary>The arbiter's decision; <paramref name="caseVersion"/> is the one read, so a case corrected meanwhile is refused (412).</summary>
    public Task<ApiResult<ArbitrationOutcome>> DecideAsync(long itemId, ArbitrationDecision decision, int caseVersion, CancellationToken cancellationToken = default) =>
        SendAsync<ArbitrationOutcome>(HttpMethod.Post, $"api/quality/items/{itemId}/decide", decision, cancellationToken, caseVersion);

    public async Task<QualityFigures> GetQualityFiguresAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<QualityFigures>("api/quality/figures", cancellationToken) ?? new QualityFigures();

    public async Task<QualitySettingsDto> GetQualitySettingsAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<QualitySettingsDto>("api/quality/settings", cancellationToken) ?? new QualitySettingsDto();

    public Task<ApiResult<QualitySettingsDto>> UpdateQualitySettingsAsync(QualitySettingsDto settings, CancellationToken cancellationToken = default) =>
        SendAsync<QualitySettingsDto>(HttpMethod.Put, "api/quality/settings", settings, cancellationToken);
}

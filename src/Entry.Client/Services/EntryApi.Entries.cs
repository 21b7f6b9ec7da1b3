using System.Net;
using System.Net.Http.Json;
using Entry.Shared.Claims;
using Entry.Shared.Entries;

namespace Entry.Client.Services;

/// <summary>A clerk's work: the book held, claiming and releasing it, logging its cases.</summary>
public sealed partial class EntryApi
{
    /// <summary>The book the caller holds; null when none (404).</summary>
    public async Task<ClaimedBook?> GetMyClaimAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync("api/claims/mine", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ClaimedBook>(cancellationToken);
    }

    public Task<ApiResult<ClaimedBook>> ClaimNextAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ClaimedBook>(HttpMethod.Post, "api/claims/next", null, cancellationToken);

    /// <summary>Claims a chosen book of the team's queue.</summary>
    public Task<ApiResult<ClaimedBook>> ClaimBookAsync(string bookCode, CancellationToken cancellationToken = default) =>
        SendAsync<ClaimedBook>(HttpMethod.Post, $"api/books/{Uri.EscapeDataString(bookCode)}/claim", null, cancellationToken);

    /// <summary>Gives the book back; null when done, else the server's reason.</summary>
    public async Task<ApiProblem?> ReleaseAsync(string bookCode, CancellationToken cancellationToken = default) =>
        (await SendAsync<object>(HttpMethod.Post, $"api/books/{Uri.EscapeDataString(bookCode)}/release", null, cancellationToken)).Problem;

    /// <summary>Logs one case. An unreachable server throws; a 5xx comes back as a problem: both are worth retrying with the same id.</summary>
    public Task<ApiResult<CaseEntryResult>> LogCaseAsync(CaseEntryRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CaseEntryResult>(HttpMethod.Post, "api/entries", request, cancellationToken);
}

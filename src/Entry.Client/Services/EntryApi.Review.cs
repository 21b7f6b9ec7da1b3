using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entry.Shared.Entries;

namespace Entry.Client.Services;

/// <summary>A clerk's second look at the held book: skipped entry numbers, corrections of logged cases, a different case count.</summary>
public sealed partial class EntryApi
{
    /// <summary>Skips an entry number with a reason; retried like a case, with the same id.</summary>
    public Task<ApiResult<CaseEntryResult>> SkipEntryAsync(SkipEntryRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CaseEntryResult>(HttpMethod.Post, "api/entries/skip", request, cancellationToken);

    public Task<ApiResult<CaseEntryDetails>> GetCaseAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<CaseEntryDetails>(HttpMethod.Get, $"api/entries/{id}", null, cancellationToken);

    /// <summary>Corrects a stored case; <paramref name="version"/> is the one read, so a case changed meanwhile is refused (412).</summary>
    public async Task<ApiResult<CaseEntryDetails>> CorrectCaseAsync(CaseEntryRequest request, int version, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Put, $"api/entries/{request.Id}")
        {
            Content = JsonContent.Create(request),
        };
        message.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        using var response = await http.SendAsync(message, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new ApiResult<CaseEntryDetails>(await response.Content.ReadFromJsonAsync<CaseEntryDetails>(cancellationToken), null);
        }

        var problem = await ReadProblemAsync(response, cancellationToken);
        return new ApiResult<CaseEntryDetails>(default, new ApiProblem(
            response.StatusCode, problem?.Title, problem?.Detail, problem?.Errors ?? new Dictionary<string, string[]>(), problem?.Issues ?? []));
    }

    public Task<ApiResult<CountReportDto>> ReportCountAsync(string bookCode, CountReportRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CountReportDto>(HttpMethod.Post, $"api/books/{Uri.EscapeDataString(bookCode)}/count-report", request, cancellationToken);

    /// <summary>Whether a problem is the server saying the case changed since it was read.</summary>
    public static bool IsStale(ApiProblem problem) => problem.Status == HttpStatusCode.PreconditionFailed;
}

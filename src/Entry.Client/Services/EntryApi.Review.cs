using System.Net;
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
    public Task<ApiResult<CaseEntryDetails>> CorrectCaseAsync(CaseEntryRequest request, int version, CancellationToken cancellationToken = default) =>
        SendAsync<CaseEntryDetails>(HttpMethod.Put, $"api/entries/{request.Id}", request, cancellationToken, version);

    public Task<ApiResult<CountReportDto>> ReportCountAsync(string bookCode, CountReportRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CountReportDto>(HttpMethod.Post, $"api/books/{Uri.EscapeDataString(bookCode)}/count-report", request, cancellationToken);

    /// <summary>Whether a problem is the server saying the case changed since it was read.</summary>
    public static bool IsStale(ApiProblem problem) => problem.Status == HttpStatusCode.PreconditionFailed;
}

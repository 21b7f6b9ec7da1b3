using System.Globalization;
using Entry.Shared.Common;
using Entry.Shared.Entries;

namespace Entry.Client.Services;

/// <summary>The clerk's own earlier cases, to find one again and reopen it.</summary>
public sealed partial class EntryApi
{
    public Task<ApiResult<PagedResult<MyCase>>> GetMyCasesAsync(MyCasesQuery query, CancellationToken cancellationToken = default)
    {
        var parameters = new List<string> { $"page={query.Page}", $"pageSize={query.PageSize}" };
        if (query.BookCode is { } book)
        {
            parameters.Add("bookCode=" + Uri.EscapeDataString(book));
        }

        if (query.Date is { } date)
        {
            parameters.Add("date=" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (query.EntryNumber is { } number)
        {
            parameters.Add("entryNumber=" + number.ToString(CultureInfo.InvariantCulture));
        }

        return SendAsync<PagedResult<MyCase>>(HttpMethod.Get, "api/entries/mine?" + string.Join('&', parameters), null, cancellationToken);
    }
}

/// <summary>Which of the clerk's cases: of a book, of a shift day, of one entry number; a page of them.</summary>
public sealed record MyCasesQuery(string? BookCode, DateOnly? Date, int? EntryNumber, int Page = 1, int PageSize = 10);

using System.Net;
using System.Net.Http.Json;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Common;
using Entry.Shared.Progress;
using Entry.Shared.Shifts;
using Entry.Shared.Units;

namespace Entry.Client.Services;

/// <summary>The server's HTTP API as the browser app uses it. Same origin, so the Identity cookie goes along.</summary>
public sealed partial class EntryApi(HttpClient http)
{
    /// <summary>Signs in with the Identity cookie. Returns null on success, else the server's reason.</summary>
    public async Task<SignInFailure?> SignInAsync(LoginRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/auth/login?useCookies=true", request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var problem = await ReadProblemAsync(response, cancellationToken);
        return new SignInFailure(response.StatusCode, problem?.Detail ?? problem?.Title);
    }

    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync("api/auth/logout", content: null, cancellationToken);
    }

    /// <summary>The signed-in user, or null when nobody is (401).</summary>
    public async Task<CurrentUser?> GetCurrentUserAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync("api/auth/me", cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CurrentUser>(cancellationToken);
    }

    public async Task<IReadOnlyList<UnitNode>> GetUnitsAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<UnitNode>>("api/units", cancellationToken) ?? [];

    public async Task<ProgressResponse> GetProgressAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<ProgressResponse>("api/progress", cancellationToken)
        ?? throw new InvalidOperationException("The server sent no progress.");

    public async Task<PagedResult<BookDto>> GetBooksAsync(BookQuery query, CancellationToken cancellationToken = default)
    {
        var parameters = new List<string>
        {
            $"page={query.Page}",
            $"pageSize={query.PageSize}",
        };
        if (query.UnitCode is { } unitCode)
        {
            parameters.Add($"unitCode={Uri.EscapeDataString(unitCode)}");
        }

        if (query.Type is { } type)
        {
            parameters.Add($"type={BookNames.ToCsv(type)}");
        }

        if (!string.IsNullOrWhiteSpace(query.Code))
        {
            parameters.Add($"code={Uri.EscapeDataString(query.Code.Trim())}");
        }

        return await http.GetFromJsonAsync<PagedResult<BookDto>>("api/books?" + string.Join('&', parameters), cancellationToken)
            ?? throw new InvalidOperationException("The server sent no books.");
    }

    private static async Task<ProblemBody?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Problem details as the server writes them, its stable <c>code</c> included.</summary>
    private sealed record ProblemBody(string? Title, string? Detail, string? Code, Dictionary<string, string[]>? Errors, List<ShiftIssue>? Issues);
}

/// <summary>Why a sign-in failed: the status code and the server's explanation, if it gave one.</summary>
public sealed record SignInFailure(HttpStatusCode StatusCode, string? Message);

/// <summary>A page of the book list, optionally narrowed to a unit's subtree, a type and a part of the code.</summary>
public sealed record BookQuery(string? UnitCode, BookType? Type, int Page = 1, int PageSize = 25, string? Code = null);

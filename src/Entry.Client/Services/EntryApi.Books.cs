using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entry.Shared.Books;

namespace Entry.Client.Services;

public sealed partial class EntryApi
{
    /// <summary>
    /// Sends an inventory file (CSV or XLSX) to the import as the form field <c>file</c>. The answer: the import's result,
    /// or the server's reason for refusing the whole file (its field error, else its detail or title).
    /// </summary>
    public async Task<InventoryImportAnswer> ImportBooksAsync(Stream file, string fileName, string? contentType, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType);
        form.Add(content, "file", fileName);
        using var response = await http.PostAsync("api/books/import", form, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new InventoryImportAnswer(await response.Content.ReadFromJsonAsync<ImportResult>(cancellationToken), response.StatusCode, null);
        }
        var problem = await ReadProblemAsync(response, cancellationToken);
        var reason = problem?.Errors?.GetValueOrDefault("file")?.FirstOrDefault() ?? problem?.Detail ?? problem?.Title;
        return new InventoryImportAnswer(null, response.StatusCode, reason);
    }
}

/// <summary>An import's answer: the result when the file was read, else the status and the server's reason.</summary>
public sealed record InventoryImportAnswer(ImportResult? Result, HttpStatusCode Status, string? Reason);

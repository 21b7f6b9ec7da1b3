using Entry.Server.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Entry.Server.Features.Books;

/// <summary>
/// The body of <c>POST /api/books/import</c>: the CSV or XLSX itself (text/csv and its kin, the XLSX type), or a multipart form holding exactly
/// one file, in the field <c>file</c>. A body that cannot be read as either is a problem naming <c>file</c>, never a 500:
/// a multipart without a boundary, one that is not multipart inside or is cut short, no file or two, a body over
/// <see cref="BookImporter.MaxFileBytes"/> (413), another content type (415).
/// </summary>
internal static class ImportBody
{
    private static readonly string[] FileMediaTypes =
        ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"];

    /// <summary>The multipart headers and boundaries around the file.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static async Task<(Stream? Csv, Refusal? Refusal)> OpenAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > BookImporter.MaxFileBytes + MultipartOverhead)
        {
            return (null, TooLarge());
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType.Value is not { } mediaType)
        {
            return (null, Unsupported());
        }
        if (FileMediaTypes.Any(m => mediaType.Equals(m, StringComparison.OrdinalIgnoreCase)))
        {
            return (request.Body, null);
        }
        if (!mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Unsupported());
        }
        if (HeaderUtilities.RemoveQuotes(type.Boundary).Length == 0)
        {
            return (null, Invalid(Phrase.Of("import.noBoundary")));
        }

        IFormCollection form;
        try
        {
            request.Body = new SizeLimitedStream(request.Body, BookImporter.MaxFileBytes + MultipartOverhead);
            form = await request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = BookImporter.MaxFileBytes + MultipartOverhead,
                ValueCountLimit = 16,
                MultipartHeadersCountLimit = 16,
            }, ct);
        }
        catch (SizeLimitedStream.LimitExceededException)
        {
            return (null, TooLarge());
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException && !ct.IsCancellationRequested)
        {
            // The multipart reader's own words may quote the body; the answer does not.
            return (null, Invalid(Phrase.Of("import.malformed")));
        }

        if (form.Files.Count > 1)
        {
            return (null, Invalid(Phrase.Of("import.fileCount", form.Files.Count)));
        }
        if (form.Files.GetFile("file") is not { } file)
        {
            return (null, Invalid(Phrase.Of("import.noFile")));
        }
        if (file.Length > BookImporter.MaxFileBytes)
        {
            return (null, TooLarge());
        }
        return (file.OpenReadStream(), null);
    }

    public static Refusal TooLarge() => new(StatusCodes.Status413PayloadTooLarge, Phrase.Of("title.fileTooLarge"), null,
        new Dictionary<string, Phrase[]> { ["file"] = [Phrase.Of("import.tooLarge.field", BookImporter.MaxFileBytes / (1024 * 1024))] });

    /// <summary>What the importer refused of a whole file, as the endpoint answers it.</summary>
    public static Refusal Refused(ImportFileError error) =>
        error.TooLarge ? TooLarge()
        : error.Conflict ? Refusal.Conflict(Phrase.Of("title.nothingImported"), error.Reason)
        : Refusal.Invalid("file", error.Reason) with { Title = Phrase.Of("title.fileNotImportable") };

    private static Refusal Invalid(Phrase message) => Refusal.Invalid("file", message) with { Title = Phrase.Of("title.fileUnreadable") };

    private static Refusal Unsupported() => new(StatusCodes.Status415UnsupportedMediaType, Phrase.Of("title.unsupportedMediaType"), Phrase.Of("import.unsupported"));
}

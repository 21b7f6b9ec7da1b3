using System.Text.Json;
using Entry.Server.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Hosting;

/// <summary>
/// A body that cannot be read (malformed JSON, a value of the wrong type, an unknown enum name) becomes a
/// validation problem naming the field by its JSON path. The offending value is not echoed: it may be personal data.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var (field, message) = bad.InnerException is JsonException json
            ? (FieldOf(json.Path), Phrase.Of("request.malformedValue").ToString())
            : ("body", bad.Message);
        http.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = bad.StatusCode,
                Title = Phrase.Of("title.bodyUnreadable").ToString(),
                Extensions = { ["code"] = bad.InnerException is JsonException ? "request.malformedValue" : "title.bodyUnreadable" },
            },
        });
    }

    /// <summary><c>$.userNames[0]</c> → <c>userNames[0]</c>; the whole body when the JSON itself is broken.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}

using Entry.Server.Common;
using Microsoft.Net.Http.Headers;

namespace Entry.Server.Hosting;

/// <summary>
/// Refuses, before routing, what <see cref="StrictTextFilter"/> never sees: a path or query value holding a code point no text may hold
/// or any control character (400, so a route value such as a user name is never normalised, trimmed or looked up with it), and a JSON body declared in a
/// charset other than UTF-8 (415; the framework would otherwise throw on an unknown one).
/// </summary>
internal sealed class RequestTextGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        string? field = null;
        if (request.Path.Value is { } path && UnicodeText.HasForbidden(path, allowLineBreaks: false))
        {
            field = "path";
        }
        else if (request.Query.FirstOrDefault(q => UnicodeText.HasForbidden(q.Key) || q.Value.Any(v => v is not null && UnicodeText.HasForbidden(v))) is
                 { Key: { } key })
        {
            field = UnicodeText.HasForbidden(key) ? "query" : key;
        }
        if (field is not null)
        {
            await (Refusal.Invalid(field, StrictTextFilter.Message) with { Title = Phrase.Of("title.requestUnreadable") }).ToProblem().ExecuteAsync(http);
            return;
        }
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && (type.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            && type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            await new Refusal(StatusCodes.Status415UnsupportedMediaType, Phrase.Of("title.unsupportedMediaType"), Phrase.Of("request.utf8Only")).ToProblem().ExecuteAsync(http);
            return;
        }
        await next(http);
    }
}

namespace Entry.Server.Features.Auth;

/// <summary>
/// The authentication scheme is case-insensitive (RFC 7235 §2.1) and may be followed by more than one space, but Identity's
/// bearer handler (and the selector between bearer and cookie) only knows "Bearer " exactly. Before authentication,
/// "bearer", "BEARER" and the like are rewritten to "Bearer".
/// </summary>
public static class BearerSchemeCase
{
    public static IApplicationBuilder UseBearerSchemeCase(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var header = context.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        // The header as clients send it ("Bearer <token>", every API call) passes untouched.
        var wellFormed = header.StartsWith("Bearer ", StringComparison.Ordinal) && header.Length > 7 && header[7] != ' ';
        if (!wellFormed && space == "Bearer".Length && header.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Headers.Authorization = "Bearer " + header[(space + 1)..].TrimStart(' ');
        }
        return next(context);
    });
}

using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Monitoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Entry.Server.Features.Dashboard;

/// <summary>The districts' outlines for the dashboard's map: built once, cached by the browser for a day, revalidated by ETag.</summary>
public static class MapEndpoints
{
    public static RouteGroupBuilder MapDistrictMap(this RouteGroupBuilder group)
    {
        group.WithTags("Dashboard");
        group.MapGet("/districts", Districts)
            .RequireRoles(Roles.All.ToArray())
            .WithSummary("The districts' outlines as SVG paths in one view box (cacheable for a day; ETag).");
        return group;
    }

    private static Results<Ok<MapOutlines>, StatusCodeHttpResult> Districts(HttpContext http, DistrictMap map)
    {
        var headers = http.Response.GetTypedHeaders();
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(1) };
        http.Response.Headers.ETag = map.ETag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() is var t && (t == map.ETag || t == "*"))))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(map.Outlines);
    }
}

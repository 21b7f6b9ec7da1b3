using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Entry.Server.Hosting;

/// <summary>Tells OpenAPI readers that the API takes the bearer token from <c>POST /api/auth/login</c>.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Entry API";
        document.Info.Description = "Coordinates the civil-registry data-entry sprint. Sign in with POST /api/auth/login and send the token as 'Authorization: Bearer <token>'.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken answered by POST /api/auth/login.",
        };
        return Task.CompletedTask;
    }
}

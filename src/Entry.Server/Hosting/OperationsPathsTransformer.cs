using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Entry.Server.Hosting;

/// <summary>
/// Health checks and the document itself are not minimal-API handlers, so the API explorer does not see them;
/// the public contract (SPEC §4) says they are documented here.
/// </summary>
internal sealed class OperationsPathsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= [];
        Add(document, "/health/live", "Liveness: the process answers.", "Healthy");
        Add(document, "/health/ready", "Readiness: the database is reachable and every migration is applied (503 otherwise).", "Healthy");
        Add(document, "/openapi/v1.json", "This OpenAPI document.", "The document");
        return Task.CompletedTask;
    }

    private static void Add(OpenApiDocument document, string path, string summary, string answer)
    {
        var operation = new OpenApiOperation
        {
            Summary = summary,
            Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
            Responses = new OpenApiResponses { ["200"] = new OpenApiResponse { Description = answer } },
        };
        if (path.StartsWith("/health/ready", StringComparison.Ordinal))
        {
            operation.Responses["503"] = new OpenApiResponse { Description = "Unhealthy" };
        }
        document.Paths[path] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }
}

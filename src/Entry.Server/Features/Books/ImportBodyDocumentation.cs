using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Entry.Server.Features.Books;

/// <summary>
/// The import reads its body itself (CSV body or multipart file), so routing must not filter on content type;
/// this tells the OpenAPI document what it accepts.
/// </summary>
internal static class ImportBodyDocumentation
{
    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var csv = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = string.Join(',', BookImporter.Columns) + " (header row, UTF-8)" } };
        var form = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The inventory CSV: book_code,unit_code,type,volume,registered_from,registered_to,case_count,condition. "
                + $"At most {BookImporter.MaxFileBytes / (1024 * 1024)} MB (413 above), cells of at most {BookImporter.MaxCellLength} characters; "
                + "as a multipart form, exactly one file, in the field 'file'.",
            Content = new Dictionary<string, OpenApiMediaType> { ["text/csv"] = csv, ["multipart/form-data"] = form },
        };
        return Task.CompletedTask;
    }
}

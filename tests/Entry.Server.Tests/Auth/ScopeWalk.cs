using System.Globalization;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace Entry.Server.Tests.Auth;

/// <summary>One parameter of an operation in the OpenAPI document: where it goes (path, query, header), its name and format.</summary>
public sealed record ApiParameter(string In, string Name, bool Required, string? Format)
{
    public string Key => $"{In}:{Name}";
}

/// <summary>One operation of the OpenAPI document.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation of the document at <c>/openapi/v1.json</c>.</summary>
    public static List<ApiOperation> ReadAll(JsonElement document)
    {
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var common) ? ReadParameters(common) : [];
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var own = operation.Value.TryGetProperty("parameters", out var list) ? ReadParameters(list) : [];
                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, [.. shared, .. own]));
            }
        }
        return operations;
    }

    private static List<ApiParameter> ReadParameters(JsonElement list) => list.EnumerateArray()
        .Select(p => new ApiParameter(
            p.GetProperty("in").GetString()!,
            p.GetProperty("name").GetString()!,
            p.TryGetProperty("required", out var required) && required.GetBoolean(),
            p.TryGetProperty("schema", out var schema) && schema.TryGetProperty("format", out var format) ? format.GetString() : null))
        .ToList();
}

/// <summary>One concrete request of the walk: an operation with its parameters filled.</summary>
public sealed record WalkRequest(ApiOperation Operation, string Url)
{
    public override string ToString() => $"{Operation.Method} {Url}";
}

/// <summary>
/// What must not appear in an answer: <see cref="Exact"/> as a whole string value or cell (codes: short, so only whole),
/// <see cref="Contained"/> anywhere inside one (names, book codes, ids: long enough to be unmistakable), and the ids of
/// teams as the value of a <c>teamId</c> property.
/// </summary>
public sealed record Markers(IReadOnlySet<string> Exact, IReadOnlyList<string> Contained, IReadOnlySet<int> TeamIds)
{
    /// <summary>What of the markers an answer holds, each as "where: what".</summary>
    public async Task<List<string>> FindInAsync(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var found = new List<string>();
        if (type.EndsWith("json", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(bytes);
            Walk(json.RootElement, "$", found);
        }
        else if (type == "text/csv")
        {
            var lines = Encoding.UTF8.GetString(bytes).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                Check(line, $"line {i + 1}", found, whole: false);
                foreach (var cell in line.Split(',', ';'))
                {
                    Check(cell.Trim().Trim('"'), $"line {i + 1}", found, whole: true);
                }
            }
        }
        else if (type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        {
            using var stream = new MemoryStream(bytes);
            var row = 0;
            foreach (IDictionary<string, object?> cells in stream.Query())
            {
                row++;
                foreach (var (column, value) in cells)
                {
                    Check(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", $"{column}{row}", found, whole: true);
                }
            }
        }
        else if (type == "text/plain")
        {
            Check(Encoding.UTF8.GetString(bytes).Trim(), "body", found, whole: true);
        }
        else
        {
            found.Add($"an answer of type '{type}' that the walk cannot read: teach Markers.FindInAsync to read it");
        }
        return found;
    }

    private void Walk(JsonElement element, string where, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Equals("teamId", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Number
                        && property.Value.TryGetInt32(out var team) && TeamIds.Contains(team))
                    {
                        found.Add($"{where}.{property.Name}: team {team}");
                    }
                    Walk(property.Value, $"{where}.{property.Name}", found);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{where}[{index++}]", found);
                }
                break;
            case JsonValueKind.String:
                Check(element.GetString()!, where, found, whole: true);
                break;
        }
    }

    private void Check(string value, string where, List<string> found, bool whole)
    {
        if (whole && Exact.Contains(value))
        {
            found.Add($"{where}: '{value}'");
            return;
        }
        if (Contained.FirstOrDefault(m => value.Contains(m, StringComparison.Ordinal)) is { } marker)
        {
            found.Add($"{where}: '{marker}'");
        }
    }
}

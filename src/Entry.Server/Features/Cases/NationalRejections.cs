using System.Text.Json;

namespace Entry.Server.Features.Cases;

/// <summary>The national side's reasons stored with a case it rejected.</summary>

public static class NationalRejections
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored reasons by field; a rejection without field errors keeps its status and title under <c>record</c>.</summary>
    public static IReadOnlyDictionary<string, string[]>? Errors(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string[]>>(stored, Json);
        }
        catch (JsonException)
        {
            return new Dictionary<string, string[]> { ["record"] = [stored] };
        }
    }
}

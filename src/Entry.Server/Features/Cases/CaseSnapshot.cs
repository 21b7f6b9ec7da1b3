using System.Globalization;
using System.Text.Json;
using Entry.Shared.Entries;

namespace Entry.Server.Features.Cases;

/// <summary>A case flattened to its fields by JSON path (<c>birth.childName</c>), values as text: what a revision compares.</summary>
public static class CaseSnapshot
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Dictionary<string, string?> Of(CaseEntryRequest request)
    {
        var fields = new Dictionary<string, string?>
        {
            ["entryNumber"] = request.EntryNumber.ToString(CultureInfo.InvariantCulture),
            ["registrationDate"] = request.RegistrationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["page"] = request.Page.ToString(CultureInfo.InvariantCulture),
            ["needsVerification"] = request.NeedsVerification ? "true" : "false",
            ["verificationReason"] = request.VerificationReason is { } reason ? Text(JsonSerializer.SerializeToElement(reason, Json)) : null,
        };
        Flatten("birth", request.Birth, fields);
        Flatten("marriage", request.Marriage, fields);
        Flatten("death", request.Death, fields);
        Flatten("adoption", request.Adoption, fields);
        return fields;
    }

    /// <summary>Each field whose value differs, in the order of the request's fields.</summary>
    public static List<FieldChange> Diff(Dictionary<string, string?> before, Dictionary<string, string?> after) =>
        after.Keys.Union(before.Keys)
            .Select(k => new FieldChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => c.Before != c.After)
            .ToList();

    private static void Flatten<T>(string prefix, T? value, Dictionary<string, string?> fields) where T : class
    {
        if (value is null)
        {
            return;
        }
        foreach (var property in JsonSerializer.SerializeToElement(value, Json).EnumerateObject())
        {
            fields[$"{prefix}.{property.Name}"] = Text(property.Value);
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}

using System.Globalization;
using Entry.Client.Resources;
using Microsoft.Extensions.Localization;

namespace Entry.Client.Components.Review;

/// <summary>
/// A revision's stored value as a person reads it: the revision keeps the request's own text (<c>true</c>,
/// <c>missingInformation</c>, <c>female</c>, <c>1970-03-15</c>, nothing), the history shows Có/Không, the reason's
/// and the sex's names in the chosen language, dates dd/MM/yyyy, and "(để trống)" for nothing.
/// </summary>
public sealed class HistoryValues(IStringLocalizer<ReviewStrings> review, IStringLocalizer<EntryStrings> entry)
{
    public string Of(string field, string? value)
    {
        if (value is null || value.Length == 0)
        {
            return review["Value_Blank"];
        }
        var name = field[(field.LastIndexOf('.') + 1)..];
        switch (name)
        {
            case "needsVerification" when value is "true" or "false":
                return review[value == "true" ? "Value_True" : "Value_False"];
            case "verificationReason":
                return Named(entry, "Reason_", value);
            case "sex":
                return Named(entry, "Sex_", value);
        }
        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        }
        return value;
    }

    /// <summary>The form's label of a field path (<c>birth.childName</c> → F_ChildName); the path itself when the form has none.</summary>
    public string Label(string field)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        if (name == "verificationReason")
        {
            return review["HistoryField_VerificationReason"];
        }
        if (name.EndsWith("CitizenId", StringComparison.Ordinal) && !name.StartsWith("husband", StringComparison.Ordinal) && !name.StartsWith("wife", StringComparison.Ordinal))
        {
            name = "citizenId";
        }
        var label = entry["F_" + (name.Length > 0 ? char.ToUpperInvariant(name[0]) + name[1..] : name)];
        return label.ResourceNotFound ? field : label.Value;
    }

    /// <summary>An enum's JSON name (<c>missingInformation</c>) as its resource (<c>Reason_MissingInformation</c>); the value itself if unknown.</summary>
    private static string Named(IStringLocalizer localizer, string prefix, string value)
    {
        var text = localizer[prefix + char.ToUpperInvariant(value[0]) + value[1..]];
        return text.ResourceNotFound ? value : text.Value;
    }
}

using Entry.Client.Services;

namespace Entry.Client.Components.EntryPage;

/// <summary>A refused case split for the form: the reasons of its fields (shown under them) and the rest (shown above).</summary>
public static class FormProblem
{
    private static readonly HashSet<string> FormKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "entryNumber", "registrationDate", "page", "verificationReason",
        "birth.childName", "birth.sex", "birth.dateOfBirth", "birth.placeOfBirth", "birth.motherName", "birth.fatherName", "birth.childCitizenId",
        "marriage.husbandName", "marriage.husbandDateOfBirth", "marriage.wifeName", "marriage.wifeDateOfBirth", "marriage.registrationPlace",
        "marriage.husbandCitizenId", "marriage.wifeCitizenId",
        "death.deceasedName", "death.sex", "death.dateOfBirth", "death.dateOfDeath", "death.placeOfDeath", "death.deceasedCitizenId",
        "adoption.adopteeName", "adoption.adopteeDateOfBirth", "adoption.adoptiveFatherName", "adoption.adoptiveMotherName", "adoption.adopteeCitizenId",
    };

    /// <summary>
    /// The field reasons by form key (a case nested in a body, as a verification's <c>correction.</c> or a decision's
    /// <c>value.</c>, comes back under that prefix) and the messages of every other key.
    /// </summary>
    public static (Dictionary<string, string> Fields, List<string> Other) Place(ApiProblem problem, params string[] prefixes)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var other = new List<string>();
        foreach (var (key, messages) in problem.Errors)
        {
            var field = prefixes.FirstOrDefault(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix ? key[prefix.Length..] : key;
            if (FormKeys.Contains(field))
            {
                fields[field] = string.Join(" ", messages);
            }
            else
            {
                other.AddRange(messages);
            }
        }
        return (fields, other);
    }

    /// <summary>As <see cref="Place"/>, with one message for above the form: null when the fields say it all.</summary>
    public static (Dictionary<string, string> Fields, string? Message) Split(ApiProblem problem, params string[] prefixes)
    {
        var (fields, other) = Place(problem, prefixes);
        var message = other.Count > 0 ? string.Join(" ", other)
            : fields.Count == 0 ? string.Join(" ", problem.Messages.DefaultIfEmpty(problem.Status.ToString()))
            : null;
        return (fields, message);
    }
}

using System.Text.RegularExpressions;
using Entry.Shared.Books;
using Entry.Shared.Entries;

namespace Entry.Client.Components.Review;

/// <summary>
/// The national database names its fields by its own record (<c>persons[1].fullName</c>, <c>eventDate</c>): this finds the
/// form's field for each, the way the server maps a case to that record (people in a fixed order, absent ones left out).
/// </summary>
public static partial class NationalFields
{
    /// <summary>The reasons the form can show under a field, by the form's key; the rest stay with the national key.</summary>
    public static (Dictionary<string, string> ByField, List<KeyValuePair<string, string>> Other) Place(
        CaseEntryDetails details, IReadOnlyDictionary<string, string[]>? errors)
    {
        var byField = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var other = new List<KeyValuePair<string, string>>();
        foreach (var (key, messages) in errors ?? new Dictionary<string, string[]>())
        {
            var text = string.Join(" ", messages);
            if (FieldOf(details, key) is { } field)
            {
                byField[field] = byField.TryGetValue(field, out var before) ? $"{before} {text}" : text;
            }
            else
            {
                other.Add(new(key, text));
            }
        }
        return (byField, other);
    }

    private static string? FieldOf(CaseEntryDetails details, string key)
    {
        switch (key)
        {
            case "entryNumber" or "registrationDate" or "page":
                return key;
            case "eventDate":
                return details.Type switch
                {
                    BookType.Birth => "birth.dateOfBirth",
                    BookType.Death => "death.dateOfDeath",
                    _ => "registrationDate",
                };
        }
        var match = PersonKey().Match(key);
        if (!match.Success)
        {
            return null;
        }
        var people = People(details);
        var index = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (index >= people.Count)
        {
            return null;
        }
        var fields = people[index];
        return match.Groups[2].Value switch
        {
            "fullName" => fields.Name,
            "dateOfBirth" => fields.DateOfBirth,
            "citizenId" => fields.CitizenId,
            "sex" => fields.Sex,
            _ => null,
        };
    }

    private sealed record PersonFields(string Name, string? DateOfBirth = null, string? CitizenId = null, string? Sex = null);

    private static List<PersonFields> People(CaseEntryDetails d)
    {
        static PersonFields? If(string? name, PersonFields fields) => string.IsNullOrWhiteSpace(name) ? null : fields;
        PersonFields?[] people = d.Type switch
        {
            BookType.Birth =>
            [
                If(d.Birth?.ChildName, new("birth.childName", "birth.dateOfBirth", "birth.childCitizenId", "birth.sex")),
                If(d.Birth?.MotherName, new("birth.motherName")),
                If(d.Birth?.FatherName, new("birth.fatherName")),
            ],
            BookType.Marriage =>
            [
                If(d.Marriage?.HusbandName, new("marriage.husbandName", "marriage.husbandDateOfBirth", "marriage.husbandCitizenId")),
                If(d.Marriage?.WifeName, new("marriage.wifeName", "marriage.wifeDateOfBirth", "marriage.wifeCitizenId")),
            ],
            BookType.Death => [If(d.Death?.DeceasedName, new("death.deceasedName", "death.dateOfBirth", "death.deceasedCitizenId", "death.sex"))],
            _ =>
            [
                If(d.Adoption?.AdopteeName, new("adoption.adopteeName", "adoption.adopteeDateOfBirth", "adoption.adopteeCitizenId")),
                If(d.Adoption?.AdoptiveFatherName, new("adoption.adoptiveFatherName")),
                If(d.Adoption?.AdoptiveMotherName, new("adoption.adoptiveMotherName")),
            ],
        };
        return people.OfType<PersonFields>().ToList();
    }

    [GeneratedRegex(@"^persons\[(\d{1,2})\]\.(\w+)$")]
    private static partial Regex PersonKey();
}

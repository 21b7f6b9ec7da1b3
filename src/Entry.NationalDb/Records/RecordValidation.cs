using System.Globalization;
using Entry.NationalDb.Contracts;

namespace Entry.NationalDb.Records;

/// <summary>
/// The national side's own rules. Stricter than Entry's in two respects, so real rejections happen: a full name has
/// at least two words (family and given name), and a date of birth is not before 1900-01-01.
/// </summary>
public static class RecordValidation
{
    private static readonly DateOnly Cutoff = new(2019, 4, 1);
    private static readonly DateOnly Earliest = new(1900, 1, 1);

    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Roles = new(StringComparer.Ordinal)
    {
        ["birth"] = (["child", "mother"], ["father"]),
        ["marriage"] = (["husband", "wife"], []),
        ["death"] = (["deceased"], []),
        ["adoption"] = (["adoptee"], ["adoptiveFather", "adoptiveMother"]),
    };

    public static Dictionary<string, string[]> Validate(CivilRecordRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];

        if (request.Kind is null || !Roles.ContainsKey(request.Kind))
        {
            Add("kind", "Kind is birth, marriage, death or adoption.");
        }
        if (request.SourceId == Guid.Empty)
        {
            Add("sourceId", "The source id is required.");
        }
        if (string.IsNullOrWhiteSpace(request.BookCode))
        {
            Add("bookCode", "The book code is required.");
        }
        if (request.EntryNumber <= 0)
        {
            Add("entryNumber", "The entry number is a positive number.");
        }
        if (string.IsNullOrWhiteSpace(request.RegistrationUnitCode))
        {
            Add("registrationUnitCode", "The registration unit is required.");
        }
        if (request.RegistrationDate is not { } registered)
        {
            Add("registrationDate", "The registration date is required.");
        }
        else if (registered >= Cutoff || registered < Earliest)
        {
            Add("registrationDate", "The registration date is between 1900-01-01 and 2019-03-31.");
        }
        if (request.Page <= 0)
        {
            Add("page", "The page is a positive number.");
        }
        if (request.Kind is "birth" or "death" && request.EventDate is null)
        {
            Add("eventDate", "The date of the event is required.");
        }

        var persons = request.Persons ?? [];
        if (request.Kind is { } kind && Roles.TryGetValue(kind, out var roles))
        {
            foreach (var role in roles.Required.Where(r => persons.All(p => p.Role != r)))
            {
                Add("persons", $"The {role} is required.");
            }
            if (kind == "adoption" && persons.All(p => p.Role is not ("adoptiveFather" or "adoptiveMother")))
            {
                Add("persons", "At least one adoptive parent is required.");
            }
            foreach (var stray in persons.Select(p => p.Role).Where(r => r is null || (!roles.Required.Contains(r) && !roles.Optional.Contains(r))).Distinct())
            {
                Add("persons", $"The role '{stray}' does not belong to a {kind} record.");
            }
        }
        for (var i = 0; i < persons.Count; i++)
        {
            var person = persons[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"persons[{i}]");
            if (string.IsNullOrWhiteSpace(person.FullName) || person.FullName.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2)
            {
                Add($"{path}.fullName", "A full name has at least two words: family name and given name.");
            }
            if (person.Sex is not (null or "female" or "male"))
            {
                Add($"{path}.sex", "Sex is female or male.");
            }
            if (person.DateOfBirth is { } born && born < Earliest)
            {
                Add($"{path}.dateOfBirth", "A date of birth is not before 1900-01-01.");
            }
            if (person.CitizenId is { } id && (id.Length != 12 || !id.All(char.IsAsciiDigit)))
            {
                Add($"{path}.citizenId", "A citizen ID has 12 digits.");
            }
        }
        return errors;
    }
}

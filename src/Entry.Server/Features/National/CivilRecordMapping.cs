using System.Text.Json;
using Entry.NationalDb.Contracts;
using Entry.Shared.Books;
using Entry.Shared.Entries;

namespace Entry.Server.Features.National;

/// <summary>A case as the national database takes it: the event, where it was registered, the people by role.</summary>
public static class CivilRecordMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record CaseSource(Guid Id, string BookCode, string UnitCode, BookType Type, int EntryNumber, DateOnly RegistrationDate, int Page, string Details);

    public static CivilRecordRequest ToRecord(CaseSource source)
    {
        var record = new CivilRecordRequest
        {
            Kind = source.Type switch
            {
                BookType.Birth => "birth",
                BookType.Marriage => "marriage",
                BookType.Death => "death",
                _ => "adoption",
            },
            SourceId = source.Id,
            BookCode = source.BookCode,
            EntryNumber = source.EntryNumber,
            RegistrationUnitCode = source.UnitCode,
            RegistrationDate = source.RegistrationDate,
            Page = source.Page,
        };
        return source.Type switch
        {
            BookType.Birth => Birth(record, Read<BirthCase>(source.Details)),
            BookType.Marriage => Marriage(record, Read<MarriageCase>(source.Details)),
            BookType.Death => Death(record, Read<DeathCase>(source.Details)),
            _ => Adoption(record, Read<AdoptionCase>(source.Details)),
        };
    }

    private static T Read<T>(string details) => JsonSerializer.Deserialize<T>(details, Json)
        ?? throw new InvalidOperationException($"A stored case holds no {typeof(T).Name}.");

    private static CivilRecordRequest Birth(CivilRecordRequest record, BirthCase birth) => record with
    {
        EventDate = birth.DateOfBirth,
        EventPlace = birth.PlaceOfBirth,
        Persons = People(
            Person("child", birth.ChildName, birth.Sex, birth.DateOfBirth, birth.ChildCitizenId),
            Person("mother", birth.MotherName, Sex.Female),
            Person("father", birth.FatherName, Sex.Male)),
    };

    private static CivilRecordRequest Marriage(CivilRecordRequest record, MarriageCase marriage) => record with
    {
        EventDate = record.RegistrationDate,
        EventPlace = marriage.RegistrationPlace,
        Persons = People(
            Person("husband", marriage.HusbandName, Sex.Male, marriage.HusbandDateOfBirth, marriage.HusbandCitizenId),
            Person("wife", marriage.WifeName, Sex.Female, marriage.WifeDateOfBirth, marriage.WifeCitizenId)),
    };

    private static CivilRecordRequest Death(CivilRecordRequest record, DeathCase death) => record with
    {
        EventDate = death.DateOfDeath,
        EventPlace = death.PlaceOfDeath,
        Persons = People(Person("deceased", death.DeceasedName, death.Sex, death.DateOfBirth, death.DeceasedCitizenId)),
    };

    private static CivilRecordRequest Adoption(CivilRecordRequest record, AdoptionCase adoption) => record with
    {
        EventDate = record.RegistrationDate,
        Persons = People(
            Person("adoptee", adoption.AdopteeName, sex: null, adoption.AdopteeDateOfBirth, adoption.AdopteeCitizenId),
            Person("adoptiveFather", adoption.AdoptiveFatherName, Sex.Male),
            Person("adoptiveMother", adoption.AdoptiveMotherName, Sex.Female)),
    };

    private static PersonRecord? Person(string role, string? name, Sex? sex, DateOnly? dateOfBirth = null, string? citizenId = null) =>
        string.IsNullOrWhiteSpace(name)
            ? null
            : new PersonRecord
            {
                Role = role,
                FullName = name,
                Sex = sex switch { Sex.Female => "female", Sex.Male => "male", _ => null },
                DateOfBirth = dateOfBirth,
                CitizenId = citizenId,
            };

    private static List<PersonRecord> People(params PersonRecord?[] people) => people.OfType<PersonRecord>().ToList();
}

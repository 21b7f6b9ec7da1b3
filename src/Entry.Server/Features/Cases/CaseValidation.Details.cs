using Entry.Server.Common;
using Entry.Shared.Entries;

namespace Entry.Server.Features.Cases;

/// <summary>The type-specific objects: names, places, dates in order, citizen IDs.</summary>
public sealed partial class CaseValidation
{
    private BirthCase CheckBirth(BirthCase birth, DateOnly? registered)
    {
        var born = Date("birth.dateOfBirth", birth.DateOfBirth, required: true);
        NotAfter("birth.dateOfBirth", born, registered, Phrase.Of("case.birth.afterRegistration"));
        RequireSex("birth.sex", birth.Sex);
        return birth with
        {
            ChildName = Name("birth.childName", birth.ChildName, required: true),
            PlaceOfBirth = Place("birth.placeOfBirth", birth.PlaceOfBirth),
            MotherName = Name("birth.motherName", birth.MotherName, required: true),
            // A birth may be registered without a father (Decree 123/2015, the father not yet determined).
            FatherName = Name("birth.fatherName", birth.FatherName, required: false),
            ChildCitizenId = CitizenId("birth.childCitizenId", birth.ChildCitizenId, born, birth.Sex),
        };
    }

    private MarriageCase CheckMarriage(MarriageCase marriage, DateOnly? registered)
    {
        var husbandBorn = Date("marriage.husbandDateOfBirth", marriage.HusbandDateOfBirth, required: true);
        var wifeBorn = Date("marriage.wifeDateOfBirth", marriage.WifeDateOfBirth, required: true);
        OfAge("marriage.husbandDateOfBirth", husbandBorn, registered);
        OfAge("marriage.wifeDateOfBirth", wifeBorn, registered);
        return marriage with
        {
            HusbandName = Name("marriage.husbandName", marriage.HusbandName, required: true),
            WifeName = Name("marriage.wifeName", marriage.WifeName, required: true),
            RegistrationPlace = Place("marriage.registrationPlace", marriage.RegistrationPlace),
            HusbandCitizenId = CitizenId("marriage.husbandCitizenId", marriage.HusbandCitizenId, husbandBorn, Sex.Male),
            WifeCitizenId = CitizenId("marriage.wifeCitizenId", marriage.WifeCitizenId, wifeBorn, Sex.Female),
        };
    }

    private DeathCase CheckDeath(DeathCase death, DateOnly? registered)
    {
        var born = Date("death.dateOfBirth", death.DateOfBirth, required: true);
        var died = Date("death.dateOfDeath", death.DateOfDeath, required: true);
        NotAfter("death.dateOfDeath", born, died, Phrase.Of("case.death.beforeBirth"));
        NotAfter("death.dateOfDeath", died, registered, Phrase.Of("case.death.afterRegistration"));
        RequireSex("death.sex", death.Sex);
        return death with
        {
            DeceasedName = Name("death.deceasedName", death.DeceasedName, required: true),
            PlaceOfDeath = Place("death.placeOfDeath", death.PlaceOfDeath),
            DeceasedCitizenId = CitizenId("death.deceasedCitizenId", death.DeceasedCitizenId, born, death.Sex),
        };
    }

    private AdoptionCase CheckAdoption(AdoptionCase adoption, DateOnly? registered)
    {
        var born = Date("adoption.adopteeDateOfBirth", adoption.AdopteeDateOfBirth, required: true);
        NotAfter("adoption.adopteeDateOfBirth", born, registered, Phrase.Of("case.adoption.afterRegistration"));
        var father = Name("adoption.adoptiveFatherName", adoption.AdoptiveFatherName, required: false);
        var mother = Name("adoption.adoptiveMotherName", adoption.AdoptiveMotherName, required: false);
        if (father is null && mother is null)
        {
            Add("adoption.adoptiveFatherName", Phrase.Of("case.adoption.parentRequired"));
            Add("adoption.adoptiveMotherName", Phrase.Of("case.adoption.parentRequired"));
        }
        return adoption with
        {
            AdopteeName = Name("adoption.adopteeName", adoption.AdopteeName, required: true),
            AdoptiveFatherName = father,
            AdoptiveMotherName = mother,
            AdopteeCitizenId = CitizenId("adoption.adopteeCitizenId", adoption.AdopteeCitizenId, born, null),
        };
    }

    private string? Name(string field, string? raw, bool required)
    {
        var (name, problem) = CaseText.Name(raw);
        if (name is null)
        {
            if (required)
            {
                Add(field, Phrase.Of("case.name.required"));
            }
            return null;
        }
        if (problem is not null)
        {
            Add(field, problem);
        }
        return name;
    }

    private string? Place(string field, string? raw)
    {
        var (place, problem) = CaseText.Place(raw);
        if (place is null)
        {
            Add(field, Phrase.Of("case.place.required"));
            return null;
        }
        if (problem is not null)
        {
            Add(field, problem);
        }
        return place;
    }

    private DateOnly? Date(string field, DateOnly? date, bool required)
    {
        if (date is null)
        {
            if (required)
            {
                Add(field, Phrase.Of("case.date.required"));
            }
            return null;
        }
        if (date < Earliest)
        {
            Add(field, Phrase.Of("case.date.beforeEarliest", Earliest));
            return null;
        }
        return date;
    }

    private void NotAfter(string field, DateOnly? earlier, DateOnly? later, Phrase message)
    {
        if (earlier is { } a && later is { } b && a > b)
        {
            Add(field, message);
        }
    }

    private void OfAge(string field, DateOnly? born, DateOnly? registered)
    {
        if (born is { } b && registered is { } r && b.AddYears(MinMarriageAge) > r)
        {
            Add(field, Phrase.Of("case.marriage.age", MinMarriageAge));
        }
    }

    private void RequireSex(string field, Sex? sex)
    {
        if (sex is not { } s)
        {
            Add(field, Phrase.Of("case.sex.required"));
        }
        else if (!Enum.IsDefined(s))
        {
            Add(field, Phrase.Of("case.sex.unknown"));
        }
    }

    private string? CitizenId(string field, string? raw, DateOnly? born, Sex? sex)
    {
        var id = raw?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }
        if (CitizenIds.Problem(id, born, sex) is { } problem)
        {
            Add(field, problem);
        }
        return id;
    }
}

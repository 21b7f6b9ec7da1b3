using Entry.Shared.Entries;

namespace Entry.Server.Features.Cases;

/// <summary>The type-specific objects: names, places, dates in order, citizen IDs.</summary>
public sealed partial class CaseValidation
{
    private BirthCase CheckBirth(BirthCase birth, DateOnly? registered)
    {
        var born = Date("birth.dateOfBirth", birth.DateOfBirth, required: true);
        NotAfter("birth.dateOfBirth", born, registered, "The child is born on or before the registration date.");
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
        NotAfter("death.dateOfDeath", born, died, "The date of death is on or after the date of birth.");
        NotAfter("death.dateOfDeath", died, registered, "The death is registered on or after the date of death.");
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
        NotAfter("adoption.adopteeDateOfBirth", born, registered, "The adoptee is born on or before the registration date.");
        var father = Name("adoption.adoptiveFatherName", adoption.AdoptiveFatherName, required: false);
        var mother = Name("adoption.adoptiveMotherName", adoption.AdoptiveMotherName, required: false);
        if (father is null && mother is null)
        {
            Add("adoption.adoptiveFatherName", "At least one adoptive parent's name is required.");
            Add("adoption.adoptiveMotherName", "At least one adoptive parent's name is required.");
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
                Add(field, "The name is required.");
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
            Add(field, "The place is required.");
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
                Add(field, "The date is required.");
            }
            return null;
        }
        if (date < Earliest)
        {
            Add(field, $"No date before {Earliest:yyyy-MM-dd} is accepted.");
            return null;
        }
        return date;
    }

    private void NotAfter(string field, DateOnly? earlier, DateOnly? later, string message)
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
            Add(field, $"A spouse is at least {MinMarriageAge} years old on the registration date.");
        }
    }

    private void RequireSex(string field, Sex? sex)
    {
        if (sex is not { } s)
        {
            Add(field, "The sex is required: female or male.");
        }
        else if (!Enum.IsDefined(s))
        {
            Add(field, "The sex is female or male.");
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

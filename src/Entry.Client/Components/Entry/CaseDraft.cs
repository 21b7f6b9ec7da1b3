using System.Globalization;
using Entry.Shared.Books;
using Entry.Shared.Entries;

namespace Entry.Client.Components.EntryPage;

/// <summary>
/// What the clerk has typed for one case, as text, for every book type: numbers and dates are read only on save,
/// so a half-typed value never fights the keyboard (or a Vietnamese input method).
/// </summary>
public sealed class CaseDraft
{
    public string? EntryNumber { get; set; }
    public string? RegistrationDate { get; set; }
    public string? Page { get; set; }
    public bool NeedsVerification { get; set; }
    public string? VerificationReason { get; set; }

    /// <summary>The person the case is about: the child, the deceased, the adoptee.</summary>
    public string? Name { get; set; }
    public string? Sex { get; set; }
    public string? DateOfBirth { get; set; }
    public string? Place { get; set; }
    public string? CitizenId { get; set; }

    public string? MotherName { get; set; }
    public string? FatherName { get; set; }
    public string? DateOfDeath { get; set; }

    public string? HusbandName { get; set; }
    public string? HusbandDateOfBirth { get; set; }
    public string? WifeName { get; set; }
    public string? WifeDateOfBirth { get; set; }
    public string? HusbandCitizenId { get; set; }
    public string? WifeCitizenId { get; set; }

    /// <summary>A blank case with the entry number, registration date and page carried over (the page usually stays).</summary>
    public CaseDraft Next(int entryNumber) => new()
    {
        EntryNumber = entryNumber.ToString(CultureInfo.InvariantCulture),
        RegistrationDate = EntryDates.TryParse(RegistrationDate, out var registered) ? EntryDates.Format(registered) : RegistrationDate,
        Page = Page,
    };

    public static CaseDraft Blank(int entryNumber) => new() { EntryNumber = entryNumber.ToString(CultureInfo.InvariantCulture) };

    /// <summary>
    /// The request for a book of <paramref name="type"/>; what cannot be read is reported by field key in <paramref name="errors"/>,
    /// dates read by <paramref name="dates"/> as when their field is left.
    /// </summary>
    public CaseEntryRequest ToRequest(Guid id, string bookCode, BookType type, Dictionary<string, string> errors, string notANumber, DateReader dates)
    {
        int Number(string key, string? text)
        {
            if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors[key] = notANumber;
            return 0;
        }

        DateOnly? Date(string key, string? text)
        {
            var (date, error, _) = dates.Read(text);
            if (error is not null)
            {
                errors[key] = error;
            }

            return date;
        }

        var request = new CaseEntryRequest
        {
            Id = id,
            BookCode = bookCode,
            EntryNumber = Number("entryNumber", EntryNumber),
            RegistrationDate = Date("registrationDate", RegistrationDate),
            Page = Number("page", Page),
            NeedsVerification = NeedsVerification,
            VerificationReason = NeedsVerification ? ReasonOf(VerificationReason) : null,
        };
        return type switch
        {
            BookType.Birth => request with
            {
                Birth = new BirthCase
                {
                    ChildName = Text(Name), Sex = SexOf(Sex), DateOfBirth = Date("birth.dateOfBirth", DateOfBirth), PlaceOfBirth = Text(Place),
                    MotherName = Text(MotherName), FatherName = Text(FatherName), ChildCitizenId = Text(CitizenId),
                },
            },
            BookType.Marriage => request with
            {
                Marriage = new MarriageCase
                {
                    HusbandName = Text(HusbandName), HusbandDateOfBirth = Date("marriage.husbandDateOfBirth", HusbandDateOfBirth),
                    WifeName = Text(WifeName), WifeDateOfBirth = Date("marriage.wifeDateOfBirth", WifeDateOfBirth),
                    RegistrationPlace = Text(Place), HusbandCitizenId = Text(HusbandCitizenId), WifeCitizenId = Text(WifeCitizenId),
                },
            },
            BookType.Death => request with
            {
                Death = new DeathCase
                {
                    DeceasedName = Text(Name), Sex = SexOf(Sex), DateOfBirth = Date("death.dateOfBirth", DateOfBirth),
                    DateOfDeath = Date("death.dateOfDeath", DateOfDeath), PlaceOfDeath = Text(Place), DeceasedCitizenId = Text(CitizenId),
                },
            },
            _ => request with
            {
                Adoption = new AdoptionCase
                {
                    AdopteeName = Text(Name), AdopteeDateOfBirth = Date("adoption.adopteeDateOfBirth", DateOfBirth),
                    AdoptiveFatherName = Text(FatherName), AdoptiveMotherName = Text(MotherName), AdopteeCitizenId = Text(CitizenId),
                },
            },
        };
    }

    /// <summary>The stored case back in the form, to correct it.</summary>
    public static CaseDraft From(CaseEntryDetails details)
    {
        var draft = new CaseDraft
        {
            EntryNumber = details.EntryNumber.ToString(CultureInfo.InvariantCulture),
            RegistrationDate = EntryDates.Format(details.RegistrationDate),
            Page = details.Page?.ToString(CultureInfo.InvariantCulture),
            NeedsVerification = details.NeedsVerification,
            VerificationReason = ReasonValue(details.VerificationReason),
        };
        draft.Fill(details.Birth, details.Marriage, details.Death, details.Adoption);
        return draft;
    }

    /// <summary>A case the server refused in the background, back in the form.</summary>
    public static CaseDraft From(CaseEntryRequest request)
    {
        var draft = new CaseDraft
        {
            EntryNumber = request.EntryNumber.ToString(CultureInfo.InvariantCulture),
            RegistrationDate = EntryDates.Format(request.RegistrationDate),
            Page = request.Page.ToString(CultureInfo.InvariantCulture),
            NeedsVerification = request.NeedsVerification,
            VerificationReason = ReasonValue(request.VerificationReason),
        };
        draft.Fill(request.Birth, request.Marriage, request.Death, request.Adoption);
        return draft;
    }

    private void Fill(BirthCase? birth, MarriageCase? marriage, DeathCase? death, AdoptionCase? adoption)
    {
        if (birth is not null)
        {
            (Name, Sex, DateOfBirth, Place) = (birth.ChildName, SexValue(birth.Sex), EntryDates.Format(birth.DateOfBirth), birth.PlaceOfBirth);
            (MotherName, FatherName, CitizenId) = (birth.MotherName, birth.FatherName, birth.ChildCitizenId);
        }

        if (marriage is not null)
        {
            (HusbandName, HusbandDateOfBirth) = (marriage.HusbandName, EntryDates.Format(marriage.HusbandDateOfBirth));
            (WifeName, WifeDateOfBirth) = (marriage.WifeName, EntryDates.Format(marriage.WifeDateOfBirth));
            (Place, HusbandCitizenId, WifeCitizenId) = (marriage.RegistrationPlace, marriage.HusbandCitizenId, marriage.WifeCitizenId);
        }

        if (death is not null)
        {
            (Name, Sex, DateOfBirth, DateOfDeath) = (death.DeceasedName, SexValue(death.Sex), EntryDates.Format(death.DateOfBirth), EntryDates.Format(death.DateOfDeath));
            (Place, CitizenId) = (death.PlaceOfDeath, death.DeceasedCitizenId);
        }

        if (adoption is not null)
        {
            (Name, DateOfBirth, CitizenId) = (adoption.AdopteeName, EntryDates.Format(adoption.AdopteeDateOfBirth), adoption.AdopteeCitizenId);
            (FatherName, MotherName) = (adoption.AdoptiveFatherName, adoption.AdoptiveMotherName);
        }
    }

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Sex? SexOf(string? value) => value switch
    {
        "male" => Entry.Shared.Entries.Sex.Male,
        "female" => Entry.Shared.Entries.Sex.Female,
        _ => null,
    };

    private static string? SexValue(Sex? sex) => sex switch
    {
        Entry.Shared.Entries.Sex.Male => "male",
        Entry.Shared.Entries.Sex.Female => "female",
        _ => null,
    };

    private static VerificationReason? ReasonOf(string? value) => value switch
    {
        "illegible" => Entry.Shared.Entries.VerificationReason.Illegible,
        "missingInformation" => Entry.Shared.Entries.VerificationReason.MissingInformation,
        "conflictingInformation" => Entry.Shared.Entries.VerificationReason.ConflictingInformation,
        _ => null,
    };

    private static string? ReasonValue(VerificationReason? reason) => reason switch
    {
        Entry.Shared.Entries.VerificationReason.Illegible => "illegible",
        Entry.Shared.Entries.VerificationReason.MissingInformation => "missingInformation",
        Entry.Shared.Entries.VerificationReason.ConflictingInformation => "conflictingInformation",
        _ => null,
    };
}

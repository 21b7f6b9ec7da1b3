using Entry.Shared.Books;
using Entry.Shared.Claims;
using Entry.Shared.Entries;

namespace Entry.Server.Tests.National;

/// <summary>
/// A valid case for any claimed book that both Entry and the national side accept: dates inside the book's period and
/// before the cut-off, full names of three words, everyone born after 1900.
/// </summary>
internal static class CrashCases
{
    public static CaseEntryRequest For(ClaimedBook book, int number)
    {
        var last = Min(book.RegisteredTo, BookNames.Cutoff.AddDays(-1));
        var registered = Min(book.RegisteredFrom.AddDays(number % 300), last);
        var request = new CaseEntryRequest
        {
            Id = Guid.NewGuid(),
            BookCode = book.Code,
            EntryNumber = number,
            RegistrationDate = registered,
            Page = (number + 1) / 2,
        };
        return book.Type switch
        {
            BookType.Birth => request with
            {
                Birth = new BirthCase
                {
                    ChildName = "Nguyễn Thị Hoa", Sex = Sex.Female, DateOfBirth = registered.AddDays(-5),
                    PlaceOfBirth = "Trạm y tế xã Tân Thành", MotherName = "Trần Thị Lan", FatherName = "Nguyễn Văn Minh",
                },
            },
            BookType.Marriage => request with
            {
                Marriage = new MarriageCase
                {
                    HusbandName = "Điểu Văn Lung", HusbandDateOfBirth = registered.AddYears(-28),
                    WifeName = "Thị Ngọc Bia", WifeDateOfBirth = registered.AddYears(-24), RegistrationPlace = "UBND xã Tân Thành",
                },
            },
            BookType.Death => request with
            {
                Death = new DeathCase
                {
                    DeceasedName = "Lê Văn Tâm", Sex = Sex.Male, DateOfBirth = registered.AddYears(-40),
                    DateOfDeath = registered.AddDays(-2), PlaceOfDeath = "Tại nhà",
                },
            },
            _ => request with
            {
                Adoption = new AdoptionCase
                {
                    AdopteeName = "Phạm Văn An", AdopteeDateOfBirth = registered.AddYears(-3), AdoptiveMotherName = "Phạm Thị Thu",
                },
            },
        };
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

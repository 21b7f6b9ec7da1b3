using System.Globalization;
using System.Text;
using Entry.Shared.Books;
using Entry.Shared.Claims;
using Entry.Shared.Entries;

namespace Entry.Benchmarks;

/// <summary>
/// Valid cases of a claimed book, as a clerk would type them: Vietnamese names, dates inside the book's period and
/// before the 2019-04-01 cut-off, births before registration, spouses of age, citizen IDs that agree with birth and sex.
/// One case in 20 is flagged for verification unless <paramref name="flagSome"/> is false (a flagged case waits for a
/// civil-registry officer before it is sent to the national database).
/// </summary>
internal sealed class EntryLoadCases(int seed, bool flagSome = true)
{
    // Bình Phước's province code opens the citizen IDs.
    private const string ProvinceCode = "070";

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Điểu"];
    private static readonly string[] MaleMiddle = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh"];
    private static readonly string[] FemaleMiddle = ["Thị", "Ngọc", "Thu", "Kim", "Thanh"];
    private static readonly string[] MaleGiven = ["An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Lộc", "Nam", "Phúc", "Quân", "Tuấn", "Việt", "K'Lung", "Y-Bih"];
    private static readonly string[] FemaleGiven = ["Anh", "Hà", "Hạnh", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Thảo", "Trang", "Yến", "H'Bia"];
    private static readonly string[] Places = ["Trạm y tế xã Tân Thành", "Bệnh viện đa khoa tỉnh Bình Phước", "Phường Tân Phú, Đồng Xoài", "Xã Thanh Lương, Bình Long", "Tại nhà"];
    private static readonly string[] Communes = ["xã Tân Thành", "phường Tân Phú", "xã Thanh Lương", "thị trấn Lộc Ninh"];
    private static readonly DateOnly LastDay = BookNames.Cutoff.AddDays(-1);
    private static readonly DateOnly FirstDay = new(1850, 1, 1);

    private readonly Random random = new(seed);

    public int Seed => seed;
    public bool FlagSome => flagSome;

    public CaseEntryRequest Next(ClaimedBook book, int entryNumber)
    {
        var from = Max(book.RegisteredFrom, FirstDay);
        var to = Min(book.RegisteredTo, LastDay);
        var registered = from.AddDays(random.Next(Math.Max(1, to.DayNumber - from.DayNumber + 1)));
        var flagged = random.Next(20) == 0 && flagSome;
        var request = new CaseEntryRequest
        {
            Id = Guid.NewGuid(),
            BookCode = book.Code,
            EntryNumber = entryNumber,
            RegistrationDate = registered,
            Page = Math.Min((entryNumber + 1) / 2, 2000),
            NeedsVerification = flagged,
            VerificationReason = flagged ? VerificationReason.Illegible : null,
        };
        return book.Type switch
        {
            BookType.Birth => request with { Birth = Birth(registered) },
            BookType.Marriage => request with { Marriage = Marriage(registered) },
            BookType.Death => request with { Death = Death(registered) },
            _ => request with { Adoption = Adoption(registered) },
        };
    }

    private BirthCase Birth(DateOnly registered)
    {
        var sex = RandomSex();
        var born = Max(registered.AddDays(-random.Next(0, 60)), FirstDay);
        return new BirthCase
        {
            ChildName = Name(sex),
            Sex = sex,
            DateOfBirth = born,
            PlaceOfBirth = Pick(Places),
            MotherName = Name(Sex.Female),
            FatherName = random.Next(10) == 0 ? null : Name(Sex.Male),
            ChildCitizenId = random.Next(2) == 0 ? CitizenId(born, sex) : null,
        };
    }

    private MarriageCase Marriage(DateOnly registered)
    {
        var husband = Max(registered.AddYears(-random.Next(20, 40)).AddDays(-random.Next(365)), FirstDay);
        var wife = Max(registered.AddYears(-random.Next(18, 35)).AddDays(-random.Next(365)), FirstDay);
        var withIds = random.Next(2) == 0;
        return new MarriageCase
        {
            HusbandName = Name(Sex.Male),
            HusbandDateOfBirth = husband,
            WifeName = Name(Sex.Female),
            WifeDateOfBirth = wife,
            RegistrationPlace = "UBND " + Pick(Communes),
            HusbandCitizenId = withIds ? CitizenId(husband, Sex.Male) : null,
            WifeCitizenId = withIds ? CitizenId(wife, Sex.Female) : null,
        };
    }

    private DeathCase Death(DateOnly registered)
    {
        var sex = RandomSex();
        var died = Max(registered.AddDays(-random.Next(0, 30)), FirstDay);
        var born = Max(died.AddYears(-random.Next(0, 90)).AddDays(-random.Next(365)), FirstDay);
        return new DeathCase
        {
            DeceasedName = Name(sex),
            Sex = sex,
            DateOfBirth = born,
            DateOfDeath = died,
            PlaceOfDeath = Pick(Places),
            DeceasedCitizenId = random.Next(3) == 0 ? CitizenId(born, sex) : null,
        };
    }

    private AdoptionCase Adoption(DateOnly registered)
    {
        var sex = RandomSex();
        var born = Max(registered.AddYears(-random.Next(0, 10)).AddDays(-random.Next(365)), FirstDay);
        var parents = random.Next(3);
        return new AdoptionCase
        {
            AdopteeName = Name(sex),
            AdopteeDateOfBirth = born,
            AdoptiveFatherName = parents == 1 ? null : Name(Sex.Male),
            AdoptiveMotherName = parents == 2 ? null : Name(Sex.Female),
            AdopteeCitizenId = random.Next(3) == 0 ? CitizenId(born, sex) : null,
        };
    }

    private string Name(Sex sex)
    {
        var name = sex == Sex.Male
            ? $"{Pick(FamilyNames)} {Pick(MaleMiddle)} {Pick(MaleGiven)}"
            : $"{Pick(FamilyNames)} {Pick(FemaleMiddle)} {Pick(FemaleGiven)}";
        return name.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Province, century-and-sex digit (even male), the year's last two digits, six serial digits.</summary>
    private string CitizenId(DateOnly born, Sex sex)
    {
        var century = born.Year switch
        {
            < 1900 => 8,
            < 2000 => 0,
            < 2100 => 2,
            _ => 4,
        };
        var digit = century + (sex == Sex.Female ? 1 : 0);
        return string.Create(CultureInfo.InvariantCulture, $"{ProvinceCode}{digit}{born.Year % 100:00}{random.Next(1_000_000):000000}");
    }

    private Sex RandomSex() => random.Next(2) == 0 ? Sex.Female : Sex.Male;

    private string Pick(string[] values) => values[random.Next(values.Length)];

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

using Entry.Server.Common;
using Entry.Shared.Entries;

namespace Entry.Server.Features.Cases;

/// <summary>
/// The 12-digit personal identification number (số định danh cá nhân, Circular 59/2021/TT-BCA):
/// digits 1–3 the province of birth registration (001–096), digit 4 the century and sex
/// (0/1 the 1900s, 2/3 the 2000s, 4/5 the 2100s, 6/7 the 2200s, 8/9 the 1800s; even male, odd female),
/// digits 5–6 the last two digits of the year of birth, digits 7–12 a serial number.
/// Messages never quote the number.
/// </summary>
public static class CitizenIds
{
    /// <summary>Why the number is refused, or null. The year of birth and the sex are checked when they are known.</summary>
    public static Phrase? Problem(string id, DateOnly? dateOfBirth, Sex? sex)
    {
        if (id.Length != 12 || !id.All(char.IsAsciiDigit))
        {
            return Phrase.Of("citizenId.notTwelveDigits");
        }
        var province = int.Parse(id.AsSpan(0, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (province is < 1 or > 96)
        {
            return Phrase.Of("citizenId.province");
        }
        var centurySex = id[3] - '0';
        var year = CenturyStart(centurySex) + ((id[4] - '0') * 10) + (id[5] - '0');
        if (dateOfBirth is { } born && born.Year != year)
        {
            return Phrase.Of("citizenId.year");
        }
        if (sex is { } s && (centurySex % 2 == 0 ? Sex.Male : Sex.Female) != s)
        {
            return Phrase.Of("citizenId.sex");
        }
        return null;
    }

    private static int CenturyStart(int digit) => digit switch
    {
        0 or 1 => 1900,
        2 or 3 => 2000,
        4 or 5 => 2100,
        6 or 7 => 2200,
        _ => 1800,
    };
}

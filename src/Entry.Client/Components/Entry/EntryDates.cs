using System.Globalization;

namespace Entry.Client.Components.EntryPage;

/// <summary>
/// Dates as the paper register writes them: dd/mm/yyyy, also typed without separators (ddmmyyyy, ddmmyy), with one-digit
/// days and months (15/3/1970) or dots, dashes and spaces between the parts.
/// </summary>
public static class EntryDates
{
    public static bool TryParse(string? text, out DateOnly date)
    {
        var read = Read(text, DateTime.Today.Year);
        date = read.Date ?? default;
        return read.Date is not null;
    }

    /// <summary>
    /// What a typed date says: the date; or the day, month and year it names when they make no date (31/02/1970); or nothing
    /// readable. A two-digit year is the latest year ending in those digits that is not after <paramref name="latestYear"/>
    /// (the last year of the book: a register holds no date after it), so in a book of 1970–1975, 70 is 1970 and 45 is 1945.
    /// </summary>
    public static DateReading Read(string? text, int latestYear)
    {
        var trimmed = text?.Trim() ?? "";
        string[] parts = trimmed.Split(['/', '.', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1 && trimmed.All(char.IsAsciiDigit))
        {
            parts = trimmed.Length switch
            {
                8 => [trimmed[..2], trimmed[2..4], trimmed[4..]],
                6 => [trimmed[..2], trimmed[2..4], trimmed[4..]],
                _ => parts,
            };
        }

        if (parts.Length != 3 || parts[0].Length > 2 || parts[1].Length > 2 || parts[2].Length is not (2 or 4)
            || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            return new DateReading(null, null, 0, 0, 0);
        }

        var day = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var month = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var year = int.Parse(parts[2], CultureInfo.InvariantCulture);
        if (parts[2].Length == 2)
        {
            year = latestYear - (((latestYear - year) % 100) + 100) % 100;
        }

        var shown = $"{day:00}/{month:00}/{year:0000}";
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return new DateReading(null, shown, day, month, year);
        }

        return new DateReading(new DateOnly(year, month, day), shown, day, month, year);
    }

    public static string Format(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// A typed date read: <see cref="Date"/> when it is one; <see cref="Shown"/> the text as dd/mm/yyyy when it had a day, a
/// month and a year (even of no date, 31/02/1970); neither when it could not be read at all.
/// </summary>
public readonly record struct DateReading(DateOnly? Date, string? Shown, int Day, int Month, int Year)
{
    public bool Unreadable => Shown is null;

    public bool MonthExists => Month is >= 1 and <= 12;
}

using Entry.Client.Resources;
using Microsoft.Extensions.Localization;

namespace Entry.Client.Components.EntryPage;

/// <summary>
/// Reads the form's dates the same way when a date field is left and when the case is saved, and words why a date is refused:
/// a day that does not exist says so (31/02/1970), text that is no date says how to type one. Cascaded by the form to its
/// date fields; <see cref="LatestYear"/> (the book's last year) resolves two-digit years.
/// </summary>
public sealed class DateReader(IStringLocalizer<KeyboardStrings> k, int latestYear)
{
    public int LatestYear => latestYear;

    /// <summary>The date, or null with the reason; a blank text is (null, null).</summary>
    public (DateOnly? Date, string? Error, DateReading Reading) Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null, default);
        }

        var reading = EntryDates.Read(text, latestYear);
        if (reading.Date is { } date)
        {
            return (date, null, reading);
        }

        string error = reading switch
        {
            { Unreadable: true } or { Year: < 1 } => k["DateUnreadable"],
            { MonthExists: false } => k["DateNoSuchMonth", reading.Shown!, reading.Month],
            _ => k["DateNoSuchDay", reading.Shown!, reading.Month, reading.Year, DaysIn(reading)],
        };
        return (null, error, reading);
    }

    private static int DaysIn(DateReading reading) => DateTime.DaysInMonth(reading.Year, reading.Month);
}

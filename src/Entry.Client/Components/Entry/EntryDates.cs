using System.Globalization;

namespace Entry.Client.Components.EntryPage;

/// <summary>Dates as the paper register writes them: dd/mm/yyyy, also typed without slashes (ddmmyyyy).</summary>
public static class EntryDates
{
    private static readonly string[] Formats = ["dd/MM/yyyy", "d/M/yyyy", "ddMMyyyy", "dd.MM.yyyy", "dd-MM-yyyy"];

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Format(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

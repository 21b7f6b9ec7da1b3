using System.Globalization;

namespace Entry.Client.Components.Review;

public static class ReviewDisplay
{
    /// <summary>An instant in the browser's time zone: date and minute.</summary>
    public static string When(DateTimeOffset value) => value.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);

    /// <summary>An age in seconds as the largest whole unit: 45 s, 12 min, 3 h, 2 d.</summary>
    public static string Age(double seconds) => seconds switch
    {
        < 60 => $"{seconds:0} s",
        < 3600 => $"{seconds / 60:0} min",
        < 86_400 => $"{seconds / 3600:0.#} h",
        _ => $"{seconds / 86_400:0.#} d",
    };
}

using System.Globalization;

namespace Entry.Client.Components.Monitoring;

/// <summary>The map's five colour steps of percentage done (0–20, 20–40, 40–60, 60–80, 80–100), light to dark.</summary>
public static class MapScale
{
    public static readonly IReadOnlyList<string> Fills = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

    /// <summary>A district the viewer may not see (a district Monitor's neighbours).</summary>
    public const string Greyed = "#e0e0e0";

    public static int Step(double percent) => Math.Clamp((int)Math.Floor(percent / 20), 0, Fills.Count - 1);

    public static string Fill(double percent) => Fills[Step(percent)];

    /// <summary>Labels read on the three lighter steps in dark ink, on the two darker ones in white.</summary>
    public static string Ink(double percent) => Step(percent) >= 3 ? "#ffffff" : "#1b2a3a";

    public static string Range(int step) =>
        string.Create(CultureInfo.CurrentCulture, $"{step * 20}–{(step + 1) * 20}%");

    /// <summary>A label's font size in the map's own units: a 36th of its width (the server picks the box).</summary>
    public static double LabelSize(string viewBox) => Size(viewBox) is { Width: > 0 } size ? size.Width / 36 : 12;

    /// <summary>The width and height of an SVG view box "x y width height" (0, 0 when it cannot be read).</summary>
    public static (double Width, double Height) Size(string viewBox)
    {
        var parts = viewBox.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 4
               && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var width)
               && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var height)
            ? (width, height)
            : (0, 0);
    }
}

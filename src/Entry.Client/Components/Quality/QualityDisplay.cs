using System.Globalization;
using Entry.Shared.Quality;

namespace Entry.Client.Components.Quality;

/// <summary>How quality figures read: accuracy as a percentage with two decimals (99,87 %), errors per 1,000 fields with one.</summary>
public static class QualityDisplay
{
    public static string Accuracy(double? share) => share is { } value ? (value * 100).ToString("0.00", CultureInfo.CurrentCulture) + " %" : "—";

    public static string PerThousand(QualityFigureRow row) => row.FieldsCompared > 0 ? row.ErrorsPerThousand.ToString("0.0", CultureInfo.CurrentCulture) : "—";

    public static MudBlazor.Color Color(BookQuality quality) => quality switch
    {
        BookQuality.Accepted => MudBlazor.Color.Success,
        BookQuality.FailedRekeying => MudBlazor.Color.Error,
        BookQuality.Arbitration => MudBlazor.Color.Warning,
        BookQuality.SampleWaiting => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };
}

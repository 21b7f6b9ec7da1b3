using System.Globalization;
using System.Text.Json.Serialization;

namespace Entry.Shared.Monitoring;

/// <summary>
/// <c>GET /api/reports/progress?date=&amp;previous=&amp;district=</c> (also <c>.xlsx</c> and <c>.csv</c>): the periodic report in the
/// province's layout. <c>Live</c>: the date is today and its snapshot is not taken yet, so the figures are the counters now.
/// </summary>
public sealed record ProgressReport
{
    public required DateOnly Date { get; init; }
    public required bool Live { get; init; }
    public DateOnly? PreviousDate { get; init; }
    public required decimal TargetPercent { get; init; }
    public required string Scope { get; init; }
    public required string ScopeName { get; init; }
    public required IReadOnlyList<ProgressReportRow> Rows { get; init; }
    public required ProgressReportRow Total { get; init; }
    /// <summary>The official heading the printed report and the XLSX carry, as the province's own reports do.</summary>
    public ReportHeading? Heading { get; init; }
}

/// <summary>
/// The heading of an administrative report: the issuing body (<c>UBND TỈNH BÌNH PHƯỚC</c> over <c>SỞ TƯ PHÁP</c>), the
/// number line (<c>Số:      /BC-STP</c>, the number written in when it is issued), the place of the date line
/// (<c>Bình Phước, ngày … tháng … năm …</c>) and who signs (<c>GIÁM ĐỐC</c>, and a name if configured).
/// </summary>
public sealed record ReportHeading(string Authority, string Office, string NumberSymbol, string Place, string SignerTitle, string? SignerName);

/// <summary>
/// One unit of the report. <c>Percent</c> is done (entered + skipped) of total, rounded to one decimal; <c>Change</c> the
/// difference from the previous report's rounded percentage in points (null without one); <c>Met</c>: Percent ≥ the target.
/// </summary>
public sealed record ProgressReportRow(int No, string UnitCode, string UnitName, long Total, long Entered, long Skipped,
    double Percent, double? PreviousPercent, double? Change, ReportChange ChangeKind, bool Met)
{
    /// <summary>Quality control of the row's books as of now: fields compared, errors per 1,000 fields, estimated accuracy.</summary>
    public Entry.Shared.Quality.QualityFigureRow? Quality { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ReportChange>))]
public enum ReportChange
{
    [JsonStringEnumMemberName("none")] None = 0,
    [JsonStringEnumMemberName("up")] Up = 1,
    [JsonStringEnumMemberName("down")] Down = 2,
    [JsonStringEnumMemberName("same")] Same = 3,
}

/// <summary>A snapshot taken (<c>POST /api/reports/snapshots</c>, or the 22:00 job).</summary>
public sealed record SnapshotTaken(DateOnly Date, int Rows, DateTimeOffset TakenAt);

/// <summary>The report's rules and its Vietnamese wording, shared by the server's exports and the browser.</summary>
public static class ReportRules
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static double Percent(long done, long total) => total == 0 ? 0 : Math.Round(done * 100.0 / total, 1, MidpointRounding.AwayFromZero);

    public static double Change(double percent, double previousPercent) => Math.Round(percent - previousPercent, 1, MidpointRounding.AwayFromZero);

    public static ReportChange Kind(double? change) => change switch
    {
        null => ReportChange.None,
        > 0 => ReportChange.Up,
        < 0 => ReportChange.Down,
        _ => ReportChange.Same,
    };

    /// <summary>Đạt when the percentage as shown (one decimal) reaches the target.</summary>
    public static bool Met(double percent, decimal targetPercent) => (decimal)percent >= targetPercent;

    /// <summary>"Tăng 0,4%", "Giảm 9,5%", "Bằng", or empty without a previous report.</summary>
    public static string ChangeText(double? change) => Kind(change) switch
    {
        ReportChange.Up => $"Tăng {PercentText(change!.Value)}",
        ReportChange.Down => $"Giảm {PercentText(-change!.Value)}",
        ReportChange.Same => "Bằng",
        _ => "",
    };

    public static string ResultText(bool met) => met ? "Đạt" : "Không đạt";

    /// <summary>"12,5%", "100%".</summary>
    public static string PercentText(double percent) => percent.ToString("0.#", Vi) + "%";
}

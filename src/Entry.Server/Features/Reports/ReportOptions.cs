using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Entry.Server.Features.Reports;

/// <summary><c>Entry:Reports:*</c>: when the daily snapshot is taken, and the report's official heading.</summary>
public sealed class ReportOptions
{
    public const string Section = "Entry:Reports";

    /// <summary>Local time of the daily snapshot: after the last shift closes at 22:00.</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$")]
    public string SnapshotAt { get; set; } = "22:00";

    public TimeOnly SnapshotTime => TimeOnly.ParseExact(SnapshotAt, "HH:mm", CultureInfo.InvariantCulture);

    public ReportHeadingOptions Heading { get; set; } = new();
}

/// <summary>
/// <c>Entry:Reports:Heading:*</c>. Left empty, the authority and the place come from the province's unit
/// ("Tỉnh Bình Phước" → "UBND TỈNH BÌNH PHƯỚC", "Bình Phước"), so another province's units give its own heading.
/// </summary>
public sealed class ReportHeadingOptions
{
    [StringLength(120)] public string? Authority { get; set; }
    [StringLength(120)] public string Office { get; set; } = "SỞ TƯ PHÁP";
    /// <summary>What follows the number on the number line: <c>Số:      /BC-STP</c>.</summary>
    [StringLength(40)] public string NumberSymbol { get; set; } = "BC-STP";
    [StringLength(80)] public string? Place { get; set; }
    [StringLength(80)] public string SignerTitle { get; set; } = "GIÁM ĐỐC";
    [StringLength(80)] public string? SignerName { get; set; }
}

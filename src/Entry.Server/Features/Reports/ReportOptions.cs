using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Entry.Server.Features.Reports;

/// <summary><c>Entry:Reports:*</c>: when the daily snapshot is taken.</summary>
public sealed class ReportOptions
{
    public const string Section = "Entry:Reports";

    /// <summary>Local time of the daily snapshot: after the last shift closes at 22:00.</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$")]
    public string SnapshotAt { get; set; } = "22:00";

    public TimeOnly SnapshotTime => TimeOnly.ParseExact(SnapshotAt, "HH:mm", CultureInfo.InvariantCulture);
}

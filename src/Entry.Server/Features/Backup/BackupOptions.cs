using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Entry.Server.Features.Backup;

/// <summary><c>Entry:Backup:*</c>: where the online backups go, how many are kept, and the nightly one.</summary>
public sealed class BackupOptions
{
    public const string Section = "Entry:Backup";

    /// <summary>Folder of the backups; empty = <c>backups</c> in the data directory. Relative paths are under the content root.</summary>
    public string? Directory { get; set; }

    /// <summary>How many of the newest backups in the folder are kept (older ones go once a new one is complete).</summary>
    [Range(1, 1000)]
    public int Keep { get; set; } = 7;

    /// <summary>Take a backup every night at <see cref="At"/>.</summary>
    public bool Nightly { get; set; } = true;

    /// <summary>Local time (Asia/Ho_Chi_Minh) of the nightly backup: after the 22:00 snapshot and the 23:00 re-plan.</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$")]
    public string At { get; set; } = "23:30";

    public TimeOnly Time => TimeOnly.ParseExact(At, "HH:mm", CultureInfo.InvariantCulture);
}

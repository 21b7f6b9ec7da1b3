using System.ComponentModel.DataAnnotations;

namespace Entry.Server.Features.Shifts;

/// <summary><c>Entry:Shifts:*</c>: the shift clock.</summary>
public sealed class ShiftOptions
{
    public const string Section = "Entry:Shifts";

    /// <summary>Run the shift clock (record the 06:00, 12:00, 17:00 and 22:00 boundaries); off, nothing opens or closes shifts.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How far back the clock catches up after downtime; older missed boundaries are not recorded.</summary>
    [Range(1, 31)]
    public int CatchUpDays { get; set; } = 7;

    /// <summary>
    /// How long the scheduler sleeps when nothing is due within that time (Quartz's idle wait, at least 1 s).
    /// Tests that move the clock lower it so a jump in time is seen quickly.
    /// </summary>
    [Range(1, 300)]
    public int SchedulerIdleWaitSeconds { get; set; } = 30;
}

using System.ComponentModel.DataAnnotations;

namespace Entry.Server.Features.Assignment;

/// <summary><c>Entry:Planning:*</c>: the rate the planner and the projections assume.</summary>
public sealed class PlanningOptions
{
    public const string Section = "Entry:Planning";

    /// <summary>Cases one clerk enters in one hour (6 = ten minutes a case).</summary>
    [Range(0.1, 1000)]
    public double CasesPerClerkHour { get; set; } = 6;

    /// <summary>Shifts a team must have logged cases in before its measured pace replaces the configured rate.</summary>
    [Range(1, 1000)]
    public int MinLoggedShifts { get; set; } = 3;

    /// <summary>How much the configured rate weighs against a team's measured pace, in clerk-hours (20 = one shift of 4 clerks).</summary>
    [Range(0, 100_000)]
    public double PriorClerkHours { get; set; } = 20;

    /// <summary>Days of logged shifts the measured pace looks back over.</summary>
    [Range(1, 365)]
    public int PaceWindowDays { get; set; } = 14;

    /// <summary>Minutes a measured pace is reused before it is read again (the nightly plan always reads it again).</summary>
    [Range(0, 24 * 60)]
    public int PaceRefreshMinutes { get; set; } = 60;

    /// <summary>How close to the capacity lower bound the proposal of book moves brings the province's finish, in percent.</summary>
    [Range(0, 100)]
    public double ProposalTolerancePercent { get; set; } = 5;

    /// <summary>Local time of the nightly re-plan (after the last shift closes at 22:00).</summary>
    [RegularExpression(@"^\d{2}:\d{2}$")]
    public string NightlyAt { get; set; } = "23:00";
}

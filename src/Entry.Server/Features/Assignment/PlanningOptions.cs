using System.ComponentModel.DataAnnotations;

namespace Entry.Server.Features.Assignment;

/// <summary><c>Entry:Planning:*</c>: the rate the planner and the projections assume.</summary>
public sealed class PlanningOptions
{
    public const string Section = "Entry:Planning";

    /// <summary>Cases one clerk enters in one hour (6 = ten minutes a case).</summary>
    [Range(0.1, 1000)]
    public double CasesPerClerkHour { get; set; } = 6;

    /// <summary>Local time of the nightly re-plan (after the last shift closes at 22:00).</summary>
    [RegularExpression(@"^\d{2}:\d{2}$")]
    public string NightlyAt { get; set; } = "23:00";
}

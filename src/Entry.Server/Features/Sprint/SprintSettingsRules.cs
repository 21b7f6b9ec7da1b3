using Entry.Shared.Monitoring;

namespace Entry.Server.Features.Sprint;

/// <summary>
/// What an Admin may set. An end date already past is allowed: the settings of a sprint that has ended are still
/// corrected after the fact, and the dashboard then simply shows it overdue. The span is bounded only to catch typing
/// mistakes (a year typed as 2062).
/// </summary>
public static class SprintSettingsRules
{
    public const int MaxDays = 3 * 366;

    /// <summary>The problems of the settings that would result, by field; empty when they are valid.</summary>
    public static Dictionary<string, string[]> Problems(SprintSettingsRequest request, DateOnly start, DateOnly end, decimal target)
    {
        var problems = new Dictionary<string, string[]>();
        if (end < start)
        {
            problems[request.EndDate is not null ? "endDate" : "startDate"] = ["The end date cannot be before the start date."];
        }
        else if (end.DayNumber - start.DayNumber > MaxDays)
        {
            problems[request.EndDate is not null ? "endDate" : "startDate"] = [$"A sprint lasts at most {MaxDays} days."];
        }
        if (target is < 0 or > 100)
        {
            problems["reportTargetPercent"] = ["The target is a percentage between 0 and 100."];
        }
        else if (decimal.Round(target, 2) != target)
        {
            problems["reportTargetPercent"] = ["The target has at most two decimals."];
        }
        return problems;
    }
}

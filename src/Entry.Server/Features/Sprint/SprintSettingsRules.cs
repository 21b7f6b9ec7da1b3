using Entry.Server.Common;
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
    public static Dictionary<string, Phrase[]> Problems(SprintSettingsRequest request, DateOnly start, DateOnly end, decimal target)
    {
        var problems = new Dictionary<string, Phrase[]>();
        if (end < start)
        {
            problems[request.EndDate is not null ? "endDate" : "startDate"] = [Phrase.Of("sprint.endBeforeStart")];
        }
        else if (end.DayNumber - start.DayNumber > MaxDays)
        {
            problems[request.EndDate is not null ? "endDate" : "startDate"] = [Phrase.Of("sprint.tooLong", MaxDays)];
        }
        if (target is < 0 or > 100)
        {
            problems["reportTargetPercent"] = [Phrase.Of("sprint.target.range")];
        }
        else if (decimal.Round(target, 2) != target)
        {
            problems["reportTargetPercent"] = [Phrase.Of("sprint.target.decimals")];
        }
        return problems;
    }
}

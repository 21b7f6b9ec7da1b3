namespace Entry.Shared.Monitoring;

/// <summary>
/// The sprint's dates and the report's target, set by an Admin (<c>GET/PUT /api/sprint</c>). <c>ReportTargetPercent</c>:
/// a unit whose percentage done reaches it is "Đạt" in the periodic report.
/// </summary>
public sealed record SprintSettingsResponse(DateOnly StartDate, DateOnly EndDate, decimal ReportTargetPercent, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>Body of <c>PUT /api/sprint</c>: the fields to change (null keeps the current value).</summary>
public sealed record SprintSettingsRequest(DateOnly? StartDate, DateOnly? EndDate, decimal? ReportTargetPercent);

namespace Entry.Shared.Shifts;

/// <summary>
/// Why a shift falls short of the campaign's rules; <see cref="Code"/> is stable (the browser app
/// shows its own Vietnamese text for it), <see cref="Message"/> is the English explanation.
/// </summary>
public sealed record ShiftIssue(string Code, string Message);

/// <summary>The codes of <see cref="ShiftIssue"/>.</summary>
public static class ShiftIssueCodes
{
    public const string NotRostered = "notRostered";
    public const string TooFewPeople = "tooFewPeople";
    public const string NoCivilRegistryOfficer = "noCivilRegistryOfficer";
    public const string NoPoliceOfficer = "noPoliceOfficer";
    public const string TooFewOthers = "tooFewOthers";
    public const string MoreClerksThanComputers = "moreClerksThanComputers";
    public const string NotAMember = "notAMember";
    public const string DuplicateMember = "duplicateMember";
}

/// <summary>One of the three daily shifts of one team on one day.</summary>
public sealed record RosterShift
{
    public required DateOnly Date { get; init; }
    /// <summary>1 (06:00–12:00), 2 (12:00–17:00) or 3 (17:00–22:00), Asia/Ho_Chi_Minh time.</summary>
    public required int Shift { get; init; }
    public required DateTimeOffset Starts { get; init; }
    public required DateTimeOffset Ends { get; init; }
    public required IReadOnlyList<string> UserNames { get; init; }
    /// <summary>Empty when the shift meets every rule.</summary>
    public required IReadOnlyList<ShiftIssue> Issues { get; init; }
}

/// <summary>A team's week: 7 days × 3 shifts, from Monday.</summary>
public sealed record WeekRoster
{
    public required int TeamId { get; init; }
    public required DateOnly WeekStart { get; init; }
    public required IReadOnlyList<RosterShift> Shifts { get; init; }
    /// <summary>Rostered clerk-hours of the week (the team's capacity).</summary>
    public required double ClerkHours { get; init; }
}

/// <summary>Body of <c>PUT /api/teams/{id}/roster/{date}/{shift}</c>: who works that shift.</summary>
public sealed record PlanShiftRequest(IReadOnlyList<string> UserNames);

/// <summary>Body of <c>POST /api/teams/{id}/roster/copy</c>: copy one week's roster onto the next.</summary>
public sealed record CopyWeekRequest(DateOnly FromWeekStart);

/// <summary>A team with the shifts of a week that fall short, for the Admin's overview.</summary>
public sealed record TeamCoverage
{
    public required int TeamId { get; init; }
    public required string TeamName { get; init; }
    public required string UnitCode { get; init; }
    public required bool IsComplete { get; init; }
    public required int MemberCount { get; init; }
    public required int ShortShifts { get; init; }
    public required IReadOnlyList<RosterShift> Short { get; init; }
}

/// <summary>The shift clock: the current or next shift.</summary>
public sealed record ShiftClockState
{
    public required DateTimeOffset Now { get; init; }
    /// <summary>The open shift, if any.</summary>
    public ShiftSlot? Open { get; init; }
    public required ShiftSlot Next { get; init; }
}

public sealed record ShiftSlot(DateOnly Date, int Shift, DateTimeOffset Starts, DateTimeOffset Ends);

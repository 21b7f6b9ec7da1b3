using Entry.Shared.Books;
using Entry.Shared.Units;

namespace Entry.Shared.Monitoring;

/// <summary>
/// The counts of one place (the province, a district, a unit, a book) toward its target. <c>Target</c>: the cases of its books;
/// <c>Done</c> = entered + skipped entry numbers (a finished book is 100 %); <c>Flagged</c>: waiting for verification now.
/// </summary>
public sealed record ProgressFigures(long Target, long Entered, long Flagged, long Verified, long Skipped, long Synced, long Rejected)
{
    public static readonly ProgressFigures Zero = new(0, 0, 0, 0, 0, 0, 0);

    public long Done => Entered + Skipped;

    /// <summary>Done of target in percent (0 when there is no target).</summary>
    public double Percent => Target == 0 ? 0 : Done * 100.0 / Target;
}

/// <summary>Books of a place by state.</summary>
public sealed record BookCounts(int Total, int NotStarted, int InProgress, int Finished);

/// <summary>
/// <c>GET /api/dashboard[?district=code]</c>: everything the monitor's dashboard shows, in one answer. <c>Scope</c> is
/// <c>province</c> or <c>district:{code}</c>; a district Monitor always gets their district.
/// </summary>
public sealed record DashboardResponse
{
    public required string Scope { get; init; }
    public required string ScopeName { get; init; }
    public required DateTimeOffset At { get; init; }
    public required SprintSettingsResponse Sprint { get; init; }
    public required ProgressFigures Totals { get; init; }
    public required BookCounts Books { get; init; }
    public required IReadOnlyList<DashboardTypeRow> ByType { get; init; }
    /// <summary>The rows of the table: the province's districts (or a district's communes), and the place's own books as one row.</summary>
    public required IReadOnlyList<DashboardUnitRow> Units { get; init; }
    /// <summary>Cases done per shift, the last 21 shifts (seven days) up to the open one, oldest first.</summary>
    public required IReadOnlyList<ShiftRate> Shifts { get; init; }
    /// <summary>One point per day from the sprint's start to its end: done that day and cumulative up to today, the plan's line to the end.</summary>
    public required IReadOnlyList<DayPoint> Days { get; init; }
    public required DashboardProjection Projection { get; init; }
    public required DashboardNational National { get; init; }
    /// <summary>The teams of the scope furthest behind their plan, furthest first (at most ten).</summary>
    public required IReadOnlyList<TeamBehind> TeamsBehind { get; init; }
    /// <summary>Quality control of the place: fields compared, errors per 1,000, the estimated accuracy with its confidence interval.</summary>
    public Entry.Shared.Quality.QualityFigureRow? Quality { get; init; }
}

public sealed record DashboardTypeRow(BookType Type, ProgressFigures Figures);

/// <summary>
/// A row of the dashboard's table. <c>Scope</c>: the counter and hub scope of the row (<c>district:688</c>, or <c>unit:25216</c>).
/// <c>OwnBooksOnly</c>: the row counts only the books the unit holds itself (a province's or district's own office), not its subtree.
/// <c>HasChildren</c>: the row drills down to units (<c>GET /api/dashboard/units/{code}</c>); otherwise to books.
/// </summary>
public sealed record DashboardUnitRow(string Code, string Name, UnitLevel Level, string Scope, bool OwnBooksOnly, bool HasChildren,
    ProgressFigures Figures, BookCounts Books);

/// <summary><c>GET /api/dashboard/units/{code}</c>: a unit's row and the rows below it (its own books as one row, then its children).</summary>
public sealed record UnitDrillDown(DashboardUnitRow Unit, IReadOnlyList<DashboardUnitRow> Rows);

/// <summary>A line of <c>GET /api/dashboard/units/{code}/books</c>: one of the unit's own books (counts only).</summary>
public sealed record DashboardBookRow(string Code, BookType Type, BookStatus Status, int Year, ProgressFigures Figures, string? TeamName);

public sealed record ShiftRate(DateOnly Date, int Shift, long Done);

/// <summary><c>Done</c> and <c>Cumulative</c> are null after today; <c>Needed</c> is the straight line from 0 at the start to the target at the end.</summary>
public sealed record DayPoint(DateOnly Date, long? Done, long? Cumulative, long Needed);

/// <summary>
/// <c>PerDay</c>: the average of the last (up to seven) whole days since the start, or today's so far on the first day.
/// <c>ProjectedFinish</c>: the campaign's one projection of the place (the same date as <c>GET /api/assignment/projection</c>:
/// every team's queue at its rostered capacity; null when some work has no team or no rostered time). <c>NeededPerDay</c>: what is
/// left over the days left up to and including the end date. <c>DaysLate</c>: projected finish − end date (negative: early).
/// </summary>
public sealed record DashboardProjection(double PerDay, DateOnly? ProjectedFinish, DateOnly EndDate, int? DaysLate, double NeededPerDay, bool OnTrack)
{
    /// <summary>The place's teams' rostered capacity entering every remaining case with no time lost: no plan finishes earlier.</summary>
    public DateOnly? LowerBoundFinish { get; init; }
    public double WeeklyCapacityCases { get; init; }
    /// <summary>The teams of the place whose queue ends last.</summary>
    public IReadOnlyList<Entry.Shared.Assignment.BottleneckTeam> Bottleneck { get; init; } = [];
}

/// <summary>
/// The sync with the national database seen from this scope. <c>Backlog</c>: cases accepted but neither synced nor rejected,
/// nor held. <c>WaitingForVerification</c> ("held until verified"): flagged cases, whose message waits for their verification
/// before it is sent. <c>OldestPendingSeconds</c> (the lag) and <c>Circuit</c> only for the province.
/// </summary>
public sealed record DashboardNational(long Backlog, double? OldestPendingSeconds, long Synced, long Rejected, string? Circuit,
    long WaitingForVerification);

/// <summary>
/// A team against its plan: <c>Planned</c> = rostered clerk-hours of the shifts closed since the sprint's start × the planner's rate;
/// <c>Done</c> = its cases entered + skipped; <c>Shortfall</c> = planned − done.
/// </summary>
public sealed record TeamBehind(int TeamId, string TeamName, string UnitCode, string UnitName, long Planned, long Done, long Shortfall, double PercentOfPlan);

/// <summary>
/// The hub's <c>dashboardChanged</c> message to a dashboard (<c>WatchDashboard(scope)</c>), at most once a second and only after a
/// change: the figures that move while clerks work. <c>Units</c> holds every row of the dashboard's table by its scope;
/// <c>TeamsBehind</c> the whole list as <see cref="DashboardResponse.TeamsBehind"/>.
/// </summary>
public sealed record DashboardLive(string Scope, ProgressFigures Totals, BookCounts Books, IReadOnlyList<DashboardTypeRow> ByType,
    IReadOnlyList<UnitFiguresLive> Units, ShiftRate? OpenShift, long TodayDone, DashboardNational National,
    IReadOnlyList<TeamBehind> TeamsBehind, DateTimeOffset At, Entry.Shared.Quality.QualityFigureRow? Quality = null);

public sealed record UnitFiguresLive(string Scope, ProgressFigures Figures, BookCounts Books);

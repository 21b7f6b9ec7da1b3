using Entry.Shared.Books;
using Entry.Shared.Units;

namespace Entry.Shared.Assignment;

/// <summary>One book in a team's queue.</summary>
public sealed record QueuedBook
{
    /// <summary>1-based place in the queue.</summary>
    public required int Position { get; init; }
    public required BookDto Book { get; init; }
    /// <summary>False for a book of another unit the team helps with.</summary>
    public required bool OwnUnit { get; init; }
    /// <summary>When the team should have finished this book at its current capacity.</summary>
    public DateOnly? ProjectedFinish { get; init; }
}

/// <summary>A team's queue, a page at a time, with its capacity and projection.</summary>
public sealed record TeamQueue
{
    public required int TeamId { get; init; }
    public required int Books { get; init; }
    public required long RemainingCases { get; init; }
    /// <summary>Rostered clerk-hours this week × cases per clerk-hour.</summary>
    public required double WeeklyCapacityCases { get; init; }
    public DateOnly? ProjectedFinish { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required IReadOnlyList<QueuedBook> Items { get; init; }
}

/// <summary>Body of <c>PUT /api/teams/{id}/queue/{bookCode}</c>: move a book to another place in its queue.</summary>
public sealed record MoveInQueueRequest(int Position);

/// <summary>Body of <c>POST /api/assignment/move</c> (Admin): give books to a team by decision; the nightly plan keeps them there.</summary>
public sealed record MoveBooksRequest(IReadOnlyList<string> BookCodes, int TeamId);

/// <summary>The outcome of a planning run.</summary>
public sealed record AssignmentSummary
{
    public required int Teams { get; init; }
    public required int BooksAssigned { get; init; }
    public required int BooksUnassigned { get; init; }
    public required int BooksKeptInPlace { get; init; }
    public required long ElapsedMilliseconds { get; init; }
    public DateOnly? ProvinceProjectedFinish { get; init; }
}

/// <summary>The projected finish of one unit (its own books, wherever they are queued).</summary>
public sealed record UnitProjection
{
    public required string UnitCode { get; init; }
    public required string Name { get; init; }
    public required UnitLevel Level { get; init; }
    public required long RemainingCases { get; init; }
    public DateOnly? ProjectedFinish { get; init; }
    /// <summary>Weekly capacity of the teams of the unit and the units below it.</summary>
    public double WeeklyCapacityCases { get; init; }
    /// <summary>Those teams entering the remaining cases with no time lost: no plan of theirs finishes earlier.</summary>
    public DateOnly? LowerBoundFinish { get; init; }
    /// <summary>The teams whose queue holds the unit's last book.</summary>
    public IReadOnlyList<BottleneckTeam> Bottleneck { get; init; } = [];
}

public sealed record ProjectionResponse
{
    /// <summary>The finish of the caller's area: the province, or a district Monitor's district.</summary>
    public DateOnly? ProvinceProjectedFinish { get; init; }
    /// <summary>The area's remaining cases, its teams' weekly capacity and the capacity lower bound of its finish.</summary>
    public long RemainingCases { get; init; }
    public double WeeklyCapacityCases { get; init; }
    public DateOnly? LowerBoundFinish { get; init; }
    /// <summary>The teams that set the area's projected finish.</summary>
    public IReadOnlyList<BottleneckTeam> Bottleneck { get; init; } = [];
    /// <summary>Teams whose capacity comes from their measured pace (cases per clerk-hour) rather than the configured rate.</summary>
    public int TeamsAtMeasuredPace { get; init; }
    public required IReadOnlyList<UnitProjection> Units { get; init; }
}

namespace Entry.Shared.Assignment;

/// <summary>A team whose queue ends last in a place: it sets the place's projected finish.</summary>
public sealed record BottleneckTeam
{
    public required int TeamId { get; init; }
    public required string TeamName { get; init; }
    public required string UnitCode { get; init; }
    public DateOnly? ProjectedFinish { get; init; }
}

/// <summary>Why the proposal cannot bring the finish within the tolerance of the bound.</summary>
public enum ProposalShortfall
{
    /// <summary>The proposal reaches the tolerance (or the plan already did).</summary>
    None,
    /// <summary>No team has rostered time: there is no bound to reach.</summary>
    NoCapacity,
    /// <summary>The bottleneck's remaining books are being worked or were placed by an Admin: they cannot travel.</summary>
    BooksCannotTravel,
    /// <summary>No other team has room for the bottleneck's books (whole books) without finishing later itself.</summary>
    NoRoomElsewhere,
}

/// <summary>One proposed move of a whole book to another team; its id is the book's code.</summary>
public sealed record ProposedMove
{
    public required string Id { get; init; }
    public required string BookCode { get; init; }
    public required string BookUnitCode { get; init; }
    public required int Cases { get; init; }
    /// <summary>The team the book is queued with now (for a leader, only when it is their team).</summary>
    public int? FromTeamId { get; init; }
    public string? FromTeamName { get; init; }
    /// <summary>The team the book would go to (for a leader, only when it is their team).</summary>
    public int? ToTeamId { get; init; }
    public string? ToTeamName { get; init; }
    /// <summary>How near the receiving team is: <c>sameUnit</c>, <c>sameDistrict</c>, <c>parent</c>, <c>neighbouringDistrict</c> or <c>elsewhere</c>.</summary>
    public required string Nearness { get; init; }
}

/// <summary><c>GET /api/assignment/proposal</c>: moves of books that bring the province's finish near its capacity bound.</summary>
public sealed record ProposalResponse
{
    public required long RemainingCases { get; init; }
    public required double WeeklyCapacityCases { get; init; }
    /// <summary>Every team's rostered capacity entering every remaining case: no plan finishes earlier.</summary>
    public DateOnly? LowerBoundFinish { get; init; }
    public required double LowerBoundWeeks { get; init; }
    public required double TolerancePercent { get; init; }
    public DateOnly? FinishBefore { get; init; }
    public required double WeeksBefore { get; init; }
    public DateOnly? FinishAfter { get; init; }
    public required double WeeksAfter { get; init; }
    public required IReadOnlyList<BottleneckTeam> BottleneckBefore { get; init; }
    public required IReadOnlyList<BottleneckTeam> BottleneckAfter { get; init; }
    public required ProposalShortfall Shortfall { get; init; }
    /// <summary>The reason in the caller's language when <see cref="Shortfall"/> is not <c>None</c>.</summary>
    public string? ShortfallReason { get; init; }
    public required int CasesMoved { get; init; }
    public required IReadOnlyList<ProposedMove> Moves { get; init; }
    public required long ElapsedMilliseconds { get; init; }
}

/// <summary>Body of <c>POST /api/assignment/proposal/accept</c>: every move (<c>all</c>) or the moves named by id.</summary>
public sealed record AcceptProposalRequest(IReadOnlyList<string>? MoveIds, bool All = false);

/// <summary>The outcome of an accepted proposal: the books moved and the province's finish after the re-plan.</summary>
public sealed record AcceptProposalResponse
{
    public required int BooksMoved { get; init; }
    public required int CasesMoved { get; init; }
    public DateOnly? ProvinceProjectedFinish { get; init; }
}

/// <summary><c>GET /api/assignment/what-if</c>: a team's and the province's finish with more rostered clerks or computers.</summary>
public sealed record WhatIfResponse
{
    public required int TeamId { get; init; }
    public required string TeamName { get; init; }
    public required int ExtraClerks { get; init; }
    public required int ExtraComputers { get; init; }
    public required int Computers { get; init; }
    public required double CasesPerClerkHour { get; init; }
    public required double WeeklyCapacityBefore { get; init; }
    public required double WeeklyCapacityAfter { get; init; }
    /// <summary>What capped the added clerks on some shift: <c>computers</c>, <c>teamSize</c> (12 people on a shift), or null.</summary>
    public string? LimitedBy { get; init; }
    public DateOnly? TeamFinishBefore { get; init; }
    public DateOnly? TeamFinishAfter { get; init; }
    public DateOnly? ProvinceFinishBefore { get; init; }
    public DateOnly? ProvinceFinishAfter { get; init; }
    public DateOnly? LowerBoundAfter { get; init; }
}

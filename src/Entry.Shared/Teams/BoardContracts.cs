using Entry.Shared.Books;
using Entry.Shared.Shifts;

namespace Entry.Shared.Teams;

/// <summary>
/// <c>GET /api/teams/{id}/board</c>: the team leader's live board — who is on the open shift, the book each clerk
/// holds, cases per hour. The browser app loads it once and then applies the hub's events (<c>team:{id}</c>) to it.
/// </summary>
public sealed record TeamBoard
{
    public required int TeamId { get; init; }
    public required string TeamName { get; init; }
    public required string UnitCode { get; init; }
    public required string UnitName { get; init; }
    /// <summary>The open shift, or null outside shift hours.</summary>
    public ShiftSlot? Shift { get; init; }
    /// <summary>The open shift's roster, whoever logged a case of the team this shift and whoever holds one of its books.</summary>
    public required IReadOnlyList<BoardMember> Members { get; init; }
    public required BoardTotals Totals { get; init; }
    /// <summary>When the board was read (the start of "the last hour").</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>Beside the entry work: the team's books waiting for their quality pass or in arbitration.</summary>
    public IReadOnlyList<Entry.Shared.Quality.QualityQueueItem> QualityQueue { get; init; } = [];
}

public sealed record BoardMember
{
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public required MemberCategory Category { get; init; }
    /// <summary>False for someone holding a claim without being on the open shift's roster.</summary>
    public required bool Rostered { get; init; }
    public BoardBook? Book { get; init; }
    /// <summary>Cases this member logged in the open shift.</summary>
    public required int CasesThisShift { get; init; }
    /// <summary>Cases this member logged in the hour before <see cref="TeamBoard.At"/>.</summary>
    public required int CasesLastHour { get; init; }
}

/// <summary>The book a member holds.</summary>
public sealed record BoardBook
{
    public required string Code { get; init; }
    public required BookType Type { get; init; }
    public required int CaseCount { get; init; }
    public required int CasesLogged { get; init; }
    public required int CasesSkipped { get; init; }
    public required DateTimeOffset ClaimedAt { get; init; }
}

public sealed record BoardTotals
{
    public required int CasesThisShift { get; init; }
    public required int CasesLastHour { get; init; }
    /// <summary>Cases of the shift divided by the hours since it opened (0 when no shift is open).</summary>
    public required double CasesPerHour { get; init; }
    /// <summary>Books of the team finished (every case logged or skipped) during the open shift.</summary>
    public required int BooksFinished { get; init; }
}

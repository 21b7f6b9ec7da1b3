namespace Entry.Shared.Shifts;

/// <summary>One boundary recorded by the shift clock (<c>GET /api/shifts/log</c>).</summary>
public sealed record ShiftLogEntry
{
    /// <summary>Local date of the shift (Asia/Ho_Chi_Minh).</summary>
    public required DateOnly Date { get; init; }
    /// <summary>1, 2 or 3.</summary>
    public required int Shift { get; init; }
    /// <summary><c>opened</c> or <c>closed</c>.</summary>
    public required string Transition { get; init; }
    /// <summary>When the boundary was due.</summary>
    public required DateTimeOffset DueAt { get; init; }
    /// <summary>When the server recorded it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }
    /// <summary>Recorded late, after the server was down at that time.</summary>
    public required bool CaughtUp { get; init; }
}

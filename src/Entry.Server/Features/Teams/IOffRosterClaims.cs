namespace Entry.Server.Features.Teams;

/// <summary>
/// What a change of a team's members or roster does to the books its people hold: someone taken off loses their book, as at
/// shift end. The Claims feature implements it, so Teams and Rosters end claims without using Claims (which uses Teams).
/// </summary>
public interface IOffRosterClaims
{
    /// <summary>
    /// In the caller's transaction: ends the claims of the team held by people who are no longer its members or no longer
    /// rostered on the claim's shift. Answers them for <see cref="PublishReleasedAsync"/> once the transaction has committed.
    /// </summary>
    Task<IReadOnlyList<EndedClaim>> EndOffRosterAsync(int teamId, CancellationToken ct);

    /// <summary>Tells the live views that the books of the claims ended by <see cref="EndOffRosterAsync"/> are released.</summary>
    Task PublishReleasedAsync(IReadOnlyList<EndedClaim> ended, CancellationToken ct);
}

/// <summary>A claim ended because its holder left the team or the shift's roster.</summary>
public readonly record struct EndedClaim(int BookId, int TeamId, string UserId);

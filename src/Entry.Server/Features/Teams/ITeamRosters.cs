namespace Entry.Server.Features.Teams;

/// <summary>
/// What taking a person off the team does to its roster. The Rosters feature implements it, so Teams changes no roster
/// itself (Rosters uses Teams).
/// </summary>
public interface ITeamRosters
{
    /// <summary>
    /// In the caller's transaction: the team's shifts that have not ended yet lose the person; worked shifts stay as history.
    /// Answers how many roster entries went.
    /// </summary>
    Task<int> RemoveFromOpenShiftsAsync(int teamId, string userId, CancellationToken ct);
}

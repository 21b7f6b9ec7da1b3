namespace Entry.Server.Features.Rosters;

public static class RosterEndpoints
{
    /// <summary>Mapped on the /api/teams group: /{teamId}/roster…, /coverage.</summary>
    public static RouteGroupBuilder MapRosters(this RouteGroupBuilder group)
    {
        return group;
    }
}

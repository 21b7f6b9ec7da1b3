namespace Entry.Server.Features.Teams;

public static class TeamEndpoints
{
    public static RouteGroupBuilder MapTeams(this RouteGroupBuilder group)
    {
        group.WithTags("Teams");
        return group;
    }
}

using Entry.Server.Common;

namespace Entry.Server.Features.Teams;

/// <summary>The refusals of every endpoint scoped to one team (its members, roster, queue, board, review queues).</summary>
public static class TeamRefusals
{
    public static Refusal NotFound(int teamId) => Refusal.NotFound(Phrase.Of("title.teamNotFound"), Phrase.Of("team.notFound", teamId));

    /// <summary>Documents the answers of an endpoint scoped to one team: 404 problem for an unknown team, 403 for another team.</summary>
    public static RouteHandlerBuilder ScopedToTeam(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status404NotFound)
        .Produces(StatusCodes.Status403Forbidden);
}

using Entry.Server.Common;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.Auth;

/// <summary>Account care by an Admin: POST /api/users/{userName}/unlock.</summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder group)
    {
        group.WithTags("Auth");
        group.MapPost("/{userName}/unlock", Unlock)
            .RequireRoles(Roles.Admin)
            .WithSummary("Lift the sign-in lockout of a user name from every client address (also: dotnet run -- unlock-user NAME).");
        return group;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unlock(string userName, SignInGuard guard, CancellationToken ct) =>
        await guard.UnlockAsync(userName, ct)
            ? TypedResults.NoContent()
            : Refusal.NotFound(Phrase.Of("title.noSuchUser"), Phrase.Of("user.noSuchUser", userName)).ToProblem();
}

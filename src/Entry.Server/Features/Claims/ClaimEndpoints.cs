namespace Entry.Server.Features.Claims;

public static class ClaimEndpoints
{
    /// <summary>POST /api/claims/next.</summary>
    public static RouteGroupBuilder MapClaims(this RouteGroupBuilder group)
    {
        group.WithTags("Claims");
        return group;
    }

    /// <summary>POST /api/books/{bookCode}/claim and /release, on the books group.</summary>
    public static RouteGroupBuilder MapBookClaims(this RouteGroupBuilder group) => group;
}

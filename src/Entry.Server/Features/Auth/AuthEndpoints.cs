using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Cases;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Entry.Server.Features.Auth;

public static class AuthEndpoints
{
    public const string LoginRateLimit = "login";

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder group)
    {
        group.WithTags("Auth");
        group.MapPost("/login", Login)
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit)
            .Produces<TokenResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .WithSummary("Sign in: a bearer token for API clients, or with ?useCookies=true the browser app's cookie.");
        group.MapPost("/logout", Logout).RequireRoles(Roles.All.ToArray())
            .WithSummary("Sign out: the bearer token or cookie of this sign-in stops working (401) from the next request on.");
        group.MapGet("/me", Me).RequireRoles(Roles.All.ToArray()).WithSummary("Who is signed in.");
        return group;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(
        LoginRequest request, bool? useCookies, HttpContext http, SignInGuard guard, Sessions sessions, SignInManager<EntryUser> signIn,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, Phrase[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = [Phrase.Of("auth.userName.required")];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = [Phrase.Of("auth.password.required")];
        }
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors).ToProblem();
        }

        var (user, refusal) = await guard.CheckAsync(request.UserName.Trim(), request.Password, SignInGuard.ClientAddressOf(http), ct);
        if (refusal is { } refused)
        {
            // The same answer for an unknown name and a wrong password, worded in the request's language; the code stays stable.
            var code = refused switch
            {
                SignInRefusal.LockedOut => "lockedOut",
                SignInRefusal.NotAllowed => "notAllowed",
                _ => "wrongCredentials",
            };
            return new Refusal(StatusCodes.Status401Unauthorized, Phrase.Of("title.signInFailed"), Phrase.Of("auth." + code)).With("code", code).ToProblem();
        }

        // The session id rides in the token or cookie; sign-out deletes the session, which ends that token or cookie.
        var sessionId = await sessions.StartAsync(user!.Id, ct);
        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: useCookies == true,
            [new Claim(Sessions.Claim, sessionId), new Claim("amr", "pwd")]);
        // The sign-in handler has written the cookie or the token.
        return TypedResults.Empty;
    }

    private static async Task<NoContent> Logout(ClaimsPrincipal principal, Sessions sessions,
        SignInManager<EntryUser> signIn, CancellationToken ct)
    {
        if (principal.FindFirstValue(Sessions.Claim) is { } sessionId)
        {
            // Ends it in the database and, on every instance, in the session cache and its live connections.
            await sessions.EndAsync(sessionId, ct);
        }
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CurrentUser>, UnauthorizedHttpResult>> Me(
        ClaimsPrincipal principal, UserManager<EntryUser> users, EntryDb db, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new CurrentUser
        {
            UserName = user.UserName!,
            DisplayName = user.DisplayName,
            Roles = roles.ToList(),
            UnitCode = user.UnitCode,
            MayReview = await CaseReviewer.ReviewsAnyTeamAsync(db, principal, ct),
        });
    }
}

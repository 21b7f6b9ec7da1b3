using System.Security.Claims;
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
            .WithSummary("Sign in: a bearer token for API clients, or with ?useCookies=true the browser app's cookie.");
        group.MapPost("/logout", Logout).RequireRoles(Roles.All.ToArray()).WithSummary("Sign the browser app out.");
        group.MapGet("/me", Me).RequireRoles(Roles.All.ToArray()).WithSummary("Who is signed in.");
        return group;
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, bool? useCookies, SignInManager<EntryUser> signIn)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["The user name is required."];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["The password is required."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName.Trim(), request.Password, isPersistent: useCookies == true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // The sign-in handler has written the cookie or the token.
            return TypedResults.Empty;
        }
        var (code, detail) = result.IsLockedOut
            ? ("lockedOut", "The account is locked after repeated failed sign-ins; try again later or ask an Admin.")
            : result.IsNotAllowed ? ("notAllowed", "This account may not sign in.") : ("wrongCredentials", "Wrong user name or password.");
        // The code lets the browser app show its own (Vietnamese) wording.
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }

    private static async Task<NoContent> Logout(SignInManager<EntryUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CurrentUser>, UnauthorizedHttpResult>> Me(ClaimsPrincipal principal, UserManager<EntryUser> users)
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
        });
    }
}

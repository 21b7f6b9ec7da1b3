using System.Security.Claims;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Components.Authorization;

namespace Entry.Client.Services;

/// <summary>Who is signed in, asked of <c>GET /api/auth/me</c>; the Identity cookie itself is invisible to the app.</summary>
public sealed class CookieAuthenticationStateProvider(EntryApi api) : AuthenticationStateProvider
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private Task<AuthenticationState>? _current;

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => _current ??= LoadAsync();

    /// <summary>Call after signing in or out so the app asks the server again.</summary>
    public void Refresh()
    {
        _current = LoadAsync();
        NotifyAuthenticationStateChanged(_current);
    }

    private async Task<AuthenticationState> LoadAsync()
    {
        CurrentUser? user;
        try
        {
            user = await api.GetCurrentUserAsync();
        }
        catch (HttpRequestException)
        {
            return Anonymous;
        }

        if (user is null)
        {
            return Anonymous;
        }

        List<Claim> claims =
        [
            new(ClaimTypes.Name, user.UserName),
            new("display_name", user.DisplayName),
            .. user.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ];
        if (user.MayReview)
        {
            claims.Add(new Claim(AppClaims.MayReview, "true"));
        }

        if (user.UnitCode is { } unitCode)
        {
            claims.Add(new Claim("unit_code", unitCode));
        }

        return new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType: "Identity.Application")));
    }
}

using System.Security.Claims;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Components.Authorization;

namespace Entry.Client.Services;

/// <summary>
/// Who is signed in, asked of <c>GET /api/auth/me</c>; the Identity cookie itself is invisible to the app. When the server
/// cannot be reached (no link, a restart) the user last seen on this browser is taken, so a clerk opening the app offline
/// keeps working into the sending queue; a 401 (signed out, session ended) forgets that user.
/// </summary>
public sealed class CookieAuthenticationStateProvider(EntryApi api, OfflineCache cache) : AuthenticationStateProvider
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

    /// <summary>True when the identity shown is the one cached on this browser, the server being out of reach.</summary>
    public bool FromCache { get; private set; }

    /// <summary>Call after signing out: the cached user is forgotten even when the server could not be told.</summary>
    public async Task SignedOutAsync()
    {
        await cache.SetUserAsync(null);
        Refresh();
    }

    private async Task<AuthenticationState> LoadAsync()
    {
        CurrentUser? user;
        try
        {
            user = await api.GetCurrentUserAsync();
            FromCache = false;
            await cache.SetUserAsync(user);
        }
        catch (HttpRequestException)
        {
            // Unreachable, or a 5xx: who signed in last on this browser, if anyone.
            user = await cache.GetUserAsync();
            FromCache = user is not null;
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

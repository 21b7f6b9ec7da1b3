using Entry.Server.Common.Cluster;
using Entry.Server.Features.ScaleOut;
using Entry.Server.Common;
using System.Threading.RateLimiting;
using Entry.Server.Data;
using Entry.Server.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Auth;

public static class AuthServices
{
    /// <summary>
    /// Identity with its bearer tokens and cookie, the sign-in sessions and guard, the hub connections of each sign-in, the
    /// monitors' areas and the sign-in rate limit.
    /// </summary>
    public static IServiceCollection AddAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BootstrapAdminOptions>().BindConfiguration(BootstrapAdminOptions.Section);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache();
        services.AddScoped<Sessions>();
        services.AddSingleton<SignedInConnections>();
        services.AddClusterHandler<SessionEnded, SessionEndedHandler>();
        services.AddClusterHandler<UserConnectionsClosed, UserConnectionsClosedHandler>();
        services.AddScoped<SignInGuard>();
        services.AddScoped<MonitorAreas>();

        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddIdentityApiEndpoints<EntryUser>(o =>
            {
                // Sign-in counts failures per user name and client address itself (SignInGuard); Identity's per-account
                // lockout is kept configured for any other Identity path.
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = auth.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.LockoutMinutes);
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<IdentityErrorWords>()
            .AddEntityFrameworkStores<EntryDb>();
        services.Configure<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme,
            o => o.BearerTokenExpiration = TimeSpan.FromMinutes(auth.TokenMinutes));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "entry.auth";
            o.Cookie.HttpOnly = true;
            // Strict same-site: the cookie never rides on a request started by another site (no CSRF on the API).
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        // The cookie's periodic security-stamp check rebuilds its principal: keep the session id in it.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(Sessions.Claim) is { } session && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                identity.AddClaim(new System.Security.Claims.Claim(Sessions.Claim, session.Value));
            }
            return Task.CompletedTask;
        });
        services.AddAuthorization();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthEndpoints.LoginRateLimit, http => SharedRateLimit.FixedWindow(http,
                $"login:{http.Connection.RemoteIpAddress?.ToString() ?? "local"}",
                http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.LoginAttemptsPerMinute,
                TimeSpan.FromMinutes(1)));
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                await new Refusal(StatusCodes.Status429TooManyRequests, Phrase.Of("title.tooManySignIns"), Phrase.Of("auth.tooManySignIns"))
                    .ToProblem().ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}

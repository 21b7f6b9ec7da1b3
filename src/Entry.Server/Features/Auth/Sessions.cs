using System.Security.Cryptography;
using Entry.Server.Data;
using Entry.Server.Common.Cluster;
using Entry.Server.Features.ScaleOut;
using Entry.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Auth;

/// <summary>
/// The sign-in sessions behind bearer tokens and cookies (see <see cref="SignInSession"/>). Every authenticated request
/// asks <see cref="IsActiveAsync"/>; the answer is cached in memory, so the hot paths (POST /api/entries) pay a cache
/// lookup, and one primary-key read per session after a restart or when the cache let it go. An end is told to every
/// instance over the cluster bus (<see cref="SessionEnded"/>); scaled out, the cache also keeps an answer only briefly, in
/// case that message was lost.
/// </summary>
public sealed class Sessions(EntryDb db, IMemoryCache cache, TimeProvider time, IOptions<AuthOptions> options,
    IOptions<ScaleOutOptions> scaleOut, IClusterBus cluster)
{
    /// <summary>The claim carrying the session id.</summary>
    public const string Claim = "entry_session";

    private TimeSpan CacheFor => scaleOut.Value.Enabled ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(10);

    private TimeSpan MaxAge => TimeSpan.FromDays(options.Value.MaxSessionDays);

    /// <summary>Starts a session for the user and answers its id; sessions past their maximum age are deleted on the way.</summary>
    public async Task<string> StartAsync(string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var oldest = now - MaxAge;
        await db.SignInSessions.Where(s => s.StartedAt < oldest).ExecuteDeleteAsync(ct);
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.SignInSessions.Add(new SignInSession { Id = id, UserId = userId, StartedAt = now });
        await db.SaveChangesAsync(ct);
        cache.Set(Key(id), new Known(userId, now), CacheFor);
        return id;
    }

    /// <summary>True when the session exists, belongs to the user and is younger than the maximum age.</summary>
    public async Task<bool> IsActiveAsync(string sessionId, string? userId, CancellationToken ct)
    {
        if (!cache.TryGetValue(Key(sessionId), out Known? known))
        {
            known = await db.SignInSessions.AsNoTracking().Where(s => s.Id == sessionId)
                .Select(s => new Known(s.UserId, s.StartedAt)).FirstOrDefaultAsync(ct) ?? Known.Ended;
            cache.Set(Key(sessionId), known, CacheFor);
        }
        return known!.UserId is not null && known.UserId == userId && known.StartedAt > time.GetUtcNow() - MaxAge;
    }

    /// <summary>True when the principal carries a session that is still active for its user.</summary>
    public Task<bool> AllowsAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
        user.FindFirst(Claim)?.Value is { } sessionId
            ? IsActiveAsync(sessionId, user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, ct)
            : Task.FromResult(false);

    /// <summary>Ends one session: its token or cookie answers 401 from the next request on.</summary>
    public async Task EndAsync(string sessionId, CancellationToken ct)
    {
        await db.SignInSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(ct);
        ForgetActive(cache, sessionId);
        // Here and on the other instances: the session is ended in their caches and its live connections close.
        await cluster.PublishAsync(new SessionEnded(sessionId));
    }

    /// <summary>The session is known here as ended, from this request on.</summary>
    public static void ForgetActive(IMemoryCache cache, string sessionId) =>
        cache.Set(Key(sessionId), Known.Ended, TimeSpan.FromMinutes(10));

    private static string Key(string sessionId) => $"session:{sessionId}";

    private sealed record Known(string? UserId, DateTimeOffset StartedAt)
    {
        public static readonly Known Ended = new(null, DateTimeOffset.MinValue);
    }
}

/// <summary>After authentication: a principal whose session has ended (or that carries none) is treated as anonymous, so 401.</summary>
public static class SessionCheck
{
    public static IApplicationBuilder UseSessionCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            if (!await context.RequestServices.GetRequiredService<Sessions>().AllowsAsync(context.User, context.RequestAborted))
            {
                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            }
        }
        await next(context);
    });
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Entry.Server.Features.ScaleOut;

/// <summary>A fixed-window limit that holds for the whole campaign: in this process on one box, in Redis when scaled out.</summary>
public static class SharedRateLimit
{
    public static RateLimitPartition<string> FixedWindow(HttpContext http, string key, int permits, TimeSpan window)
    {
        var scaleOut = http.RequestServices.GetRequiredService<IOptions<ScaleOutOptions>>().Value;
        if (!scaleOut.Enabled)
        {
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits, Window = window, QueueLimit = 0,
            });
        }
        var redis = http.RequestServices.GetRequiredService<IConnectionMultiplexer>();
        return RedisRateLimitPartition.GetFixedWindowRateLimiter($"{scaleOut.Prefix}:limit:{key}", _ => new RedisFixedWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis, PermitLimit = permits, Window = window,
        });
    }
}

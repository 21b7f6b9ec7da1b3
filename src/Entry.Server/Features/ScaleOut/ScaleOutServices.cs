using Entry.Server.Common.Cluster;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Entry.Server.Features.ScaleOut;

public static class ScaleOutServices
{
    /// <summary>
    /// One box: data-protection keys in the data directory, cluster messages handled in this process. Scaled out
    /// (<see cref="ScaleOutOptions.Redis"/> set): keys, hub messages, cluster messages and the sign-in rate limit in Redis.
    /// </summary>
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<ScaleOutOptions>().BindConfiguration(ScaleOutOptions.Section);
        var options = configuration.GetSection(ScaleOutOptions.Section).Get<ScaleOutOptions>() ?? new ScaleOutOptions();
        services.AddSingleton<ClusterHandlers>();
        var protection = services.AddDataProtection().SetApplicationName("Entry");

        if (!options.Enabled)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Data.DataFiles.KeysOf(dataDirectory)));
            services.AddSingleton<IClusterBus, LocalClusterBus>();
            return services;
        }

        var redis = Configuration(options);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis.Clone()));
        services.AddSingleton<RedisClusterBus>();
        services.AddSingleton<IClusterBus>(sp => sp.GetRequiredService<RedisClusterBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisClusterBus>());
        // One key ring for all instances: a cookie or bearer token issued by one is read by the others.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(),
                $"{options.Prefix}:data-protection-keys")));
        services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = redis.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal($"{options.Prefix}:hub");
        });
        return services;
    }

    /// <summary>The Redis configuration string, retrying a Redis that is not up yet rather than failing the start.</summary>
    private static ConfigurationOptions Configuration(ScaleOutOptions options)
    {
        var parsed = ConfigurationOptions.Parse(options.Redis!);
        parsed.AbortOnConnectFail = false;
        return parsed;
    }
}

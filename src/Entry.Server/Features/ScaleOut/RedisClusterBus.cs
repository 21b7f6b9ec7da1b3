using System.Text.Json;
using Entry.Server.Common.Cluster;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Entry.Server.Features.ScaleOut;

/// <summary>
/// The cluster bus over Redis pub/sub: one channel, each message a type name and its JSON. Every instance subscribes at
/// start-up, the publisher included, so a message is handled once on each instance.
/// </summary>
public sealed partial class RedisClusterBus(
    IConnectionMultiplexer redis,
    ClusterHandlers handlers,
    IOptions<ScaleOutOptions> options,
    ILogger<RedisClusterBus> logger) : IClusterBus, IHostedService
{
    private RedisChannel Channel => RedisChannel.Literal($"{options.Value.Prefix}:cluster");

    public async Task PublishAsync<T>(T message) where T : class
    {
        var envelope = JsonSerializer.Serialize(new Envelope(ClusterHandlers.NameOf(typeof(T)), JsonSerializer.Serialize(message, JsonSerializerOptions.Web)));
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, envelope);
        }
        catch (RedisException e)
        {
            // This instance still acts on it; the others learn of it by their shorter caches.
            LogPublishFailed(typeof(T).Name, e.GetType().Name);
            handlers.Dispatch(message);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(received =>
        {
            try
            {
                var envelope = JsonSerializer.Deserialize<Envelope>(received.Message.ToString());
                if (envelope is not null)
                {
                    handlers.Dispatch(envelope.Type, envelope.Json);
                }
            }
            catch (JsonException)
            {
                LogPublishFailed("?", nameof(JsonException));
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);

    private sealed record Envelope(string Type, string Json);

    [LoggerMessage(EventId = 7910, Level = LogLevel.Warning, Message = "A cluster message {Type} could not go over Redis: {ExceptionType}")]
    private partial void LogPublishFailed(string type, string exceptionType);
}

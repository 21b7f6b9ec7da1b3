using System.Text.Json;

namespace Entry.Server.Common.Cluster;

/// <summary>The message types instances exchange, by a stable name, and the handlers this process runs for each.</summary>
public sealed partial class ClusterHandlers(IServiceProvider services, IEnumerable<ClusterMessageType> types, ILogger<ClusterHandlers> logger)
{
    private readonly Dictionary<string, ClusterMessageType> byName = types.DistinctBy(t => t.Name).ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static string NameOf(Type type) => type.Name;

    public void Dispatch<T>(T message) where T : class
    {
        foreach (var handler in services.GetServices<IClusterHandler<T>>())
        {
            try
            {
                handler.Handle(message);
            }
            catch (Exception e)
            {
                LogHandlerFailed(typeof(T).Name, e.GetType().Name);
            }
        }
    }

    /// <summary>A message from another instance (or this one, back over Redis): an unknown or broken one is logged and dropped.</summary>
    public void Dispatch(string name, string json)
    {
        if (!byName.TryGetValue(name, out var known))
        {
            LogUnknown(name);
            return;
        }
        object? message;
        try
        {
            message = JsonSerializer.Deserialize(json, known.Type, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            message = null;
        }
        if (message is null)
        {
            LogUnknown(name);
            return;
        }
        known.Dispatch(this, message);
    }

    [LoggerMessage(EventId = 7900, Level = LogLevel.Warning, Message = "A handler of the cluster message {Type} failed: {ExceptionType}")]
    private partial void LogHandlerFailed(string type, string exceptionType);

    [LoggerMessage(EventId = 7901, Level = LogLevel.Warning, Message = "A cluster message {Type} was not understood and is dropped")]
    private partial void LogUnknown(string type);
}

/// <summary>One message type instances may exchange, and how a received one reaches its typed handlers.</summary>
public sealed record ClusterMessageType(string Name, Type Type, Action<ClusterHandlers, object> Dispatch);

public static class ClusterServices
{
    /// <summary>Registers <typeparamref name="THandler"/> for <typeparamref name="TMessage"/> (a singleton: it acts on this process's memory).</summary>
    public static IServiceCollection AddClusterHandler<TMessage, THandler>(this IServiceCollection services)
        where TMessage : class where THandler : class, IClusterHandler<TMessage>
    {
        services.AddSingleton(new ClusterMessageType(ClusterHandlers.NameOf(typeof(TMessage)), typeof(TMessage),
            (handlers, message) => handlers.Dispatch((TMessage)message)));
        services.AddSingleton<IClusterHandler<TMessage>, THandler>();
        return services;
    }
}

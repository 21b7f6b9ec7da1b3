namespace Entry.Server.Common.Cluster;

/// <summary>One instance: a message is handled here, at once.</summary>
public sealed class LocalClusterBus(ClusterHandlers handlers) : IClusterBus
{
    public Task PublishAsync<T>(T message) where T : class
    {
        handlers.Dispatch(message);
        return Task.CompletedTask;
    }
}

namespace Entry.Server.Common.Cluster;

/// <summary>
/// Tells every instance of Entry — this one included — of something that changed state held in memory: a sign-in ended,
/// a dashboard's figures moved. On one box it calls this process's handlers at once; scaled out it goes over Redis.
/// Messages carry ids and scope names only, never personal data.
/// </summary>
public interface IClusterBus
{
    Task PublishAsync<T>(T message) where T : class;
}

/// <summary>What one instance does with a <typeparamref name="T"/>; quick, in memory, and harmless when received twice.</summary>
public interface IClusterHandler<in T> where T : class
{
    void Handle(T message);
}

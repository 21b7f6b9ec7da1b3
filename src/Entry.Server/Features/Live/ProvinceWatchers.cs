using System.Collections.Concurrent;

namespace Entry.Server.Features.Live;

/// <summary>
/// The connections of this server that follow the province (each instance sends the status to its own), so <see cref="NationalStatusBroadcast"/> reads nothing while
/// nobody would receive it, and sends the status again as soon as someone new joins.
/// </summary>
public sealed class ProvinceWatchers
{
    private readonly ConcurrentDictionary<string, byte> connections = new(StringComparer.Ordinal);
    private int joinedSinceTaken;

    public bool Any => !connections.IsEmpty;

    public IReadOnlyList<string> Connections => connections.Keys.ToList();

    public void Joined(string connectionId)
    {
        connections[connectionId] = 0;
        Interlocked.Exchange(ref joinedSinceTaken, 1);
    }

    public void Left(string connectionId) => connections.TryRemove(connectionId, out _);

    /// <summary>Whether someone joined since the last call: they have not seen the status yet.</summary>
    public bool TakeJoined() => Interlocked.Exchange(ref joinedSinceTaken, 0) == 1;
}

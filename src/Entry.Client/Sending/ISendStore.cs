namespace Entry.Client.Sending;

/// <summary>
/// Where the sending queue keeps what waits for the server's answer. Today <see cref="InMemorySendStore"/>: what the clerk typed
/// holds personal data, and nothing of it goes into the browser's storage yet. A store over the browser's IndexedDB can take its
/// place (the queue then survives a reload), which is why every method is asynchronous.
/// </summary>
public interface ISendStore
{
    /// <summary>Everything kept, in the order it was first put.</summary>
    ValueTask<IReadOnlyList<PendingSend>> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds the item, or replaces the one with its id (its attempt count changed).</summary>
    ValueTask PutAsync(PendingSend item, CancellationToken cancellationToken = default);

    /// <summary>Forgets the item: the server answered for it.</summary>
    ValueTask RemoveAsync(Guid id, CancellationToken cancellationToken = default);
}

namespace Entry.Client.Sending;

/// <summary>
/// Where the sending queue keeps what waits for the server's answer, and what the server refused until the clerk deals with
/// it. In the app <see cref="IndexedDbSendStore"/> (the browser's IndexedDB: survives a reload, a closed tab, a restart);
/// <see cref="InMemorySendStore"/> in tests and where the browser offers no storage.
/// </summary>
public interface ISendStore
{
    /// <summary>Everything kept, oldest first.</summary>
    ValueTask<IReadOnlyList<PendingSend>> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds the item, or replaces the one with its id (its attempt count or refusal changed).</summary>
    ValueTask PutAsync(PendingSend item, CancellationToken cancellationToken = default);

    /// <summary>Forgets the item: the server stored it, or the clerk discarded or reopened it.</summary>
    ValueTask RemoveAsync(Guid id, CancellationToken cancellationToken = default);
}

namespace Entry.Client.Sending;

/// <summary>The queue's store in the app's memory (tests; a browser without IndexedDB): a reload or a closed tab loses what waits.</summary>
public sealed class InMemorySendStore : ISendStore
{
    private readonly Lock _gate = new();
    private readonly List<PendingSend> _items = [];

    public ValueTask<IReadOnlyList<PendingSend>> LoadAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<PendingSend>>([.. _items]);
        }
    }

    public ValueTask PutAsync(PendingSend item, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _items.FindIndex(i => i.Id == item.Id);
            if (index < 0)
            {
                _items.Add(item);
            }
            else
            {
                _items[index] = item;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _items.RemoveAll(i => i.Id == id);
        }

        return ValueTask.CompletedTask;
    }
}

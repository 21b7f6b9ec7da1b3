using System.Text.Json;
using Microsoft.JSInterop;

namespace Entry.Client.Sending;

/// <summary>
/// The queue's store in the browser's IndexedDB (<c>js/send-store.js</c>): what the clerk saved is written there before it is
/// sent, so it survives a reload, a closed tab, a restarted computer and a restarted server. Where the browser offers no
/// IndexedDB (a policy, some private modes) it falls back to memory.
/// </summary>
public sealed class IndexedDbSendStore(IJSRuntime js) : ISendStore, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly InMemorySendStore _fallback = new();
    private Task<IJSObjectReference?>? _module;

    /// <summary>False once the browser refused IndexedDB: the queue then lives in memory only.</summary>
    public bool Durable { get; private set; } = true;

    public async ValueTask<IReadOnlyList<PendingSend>> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await ModuleAsync() is { } module)
        {
            try
            {
                var records = await module.InvokeAsync<string[]>("all", cancellationToken);
                return [.. records.Select(r => JsonSerializer.Deserialize<PendingSend>(r, Json)!).OrderBy(i => i.QueuedAt).ThenBy(i => i.EntryNumber)];
            }
            catch (JSException)
            {
                Durable = false;
            }
        }

        return await _fallback.LoadAsync(cancellationToken);
    }

    public async ValueTask PutAsync(PendingSend item, CancellationToken cancellationToken = default)
    {
        await _fallback.PutAsync(item, cancellationToken);
        if (await ModuleAsync() is { } module)
        {
            try
            {
                await module.InvokeVoidAsync("put", cancellationToken, item.Id.ToString(), JsonSerializer.Serialize(item, Json));
            }
            catch (JSException)
            {
                Durable = false;
            }
        }
    }

    public async ValueTask RemoveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await _fallback.RemoveAsync(id, cancellationToken);
        if (await ModuleAsync() is { } module)
        {
            try
            {
                await module.InvokeVoidAsync("remove", cancellationToken, id.ToString());
            }
            catch (JSException)
            {
                Durable = false;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null && await _module is { } module)
        {
            await module.DisposeAsync();
        }
    }

    private Task<IJSObjectReference?> ModuleAsync() => Durable ? _module ??= ImportAsync() : Task.FromResult<IJSObjectReference?>(null);

    private async Task<IJSObjectReference?> ImportAsync()
    {
        try
        {
            return await js.InvokeAsync<IJSObjectReference>("import", "./js/send-store.js");
        }
        catch (JSException)
        {
            Durable = false;
            return null;
        }
    }
}

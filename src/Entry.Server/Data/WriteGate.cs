using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Entry.Server.Data;

/// <summary>
/// SQLite lets one connection write at a time. Two case transactions that both read and then write collide, and the
/// loser is retried by the driver with blocking sleeps — under load the server's threads wait and latency jumps to
/// seconds. The busy write paths (logging, skipping, reviewing a case, claiming, the national outcomes) therefore queue
/// for one asynchronous gate before their transaction. On a server database (PostgreSQL) the gate stays open.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Waits for the gate (SQLite only) and begins a transaction; disposing the scope rolls back if not committed and opens the gate.</summary>
    public async Task<WriteScope> BeginAsync(DbContext db, CancellationToken ct)
    {
        var serialised = db.Database.IsSqlite();
        if (serialised)
        {
            await gate.WaitAsync(ct);
        }
        try
        {
            return new WriteScope(await db.Database.BeginTransactionAsync(ct), serialised ? gate : null);
        }
        catch
        {
            if (serialised)
            {
                gate.Release();
            }
            throw;
        }
    }
}

/// <summary>A transaction holding the write gate.</summary>
public sealed class WriteScope(IDbContextTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    private SemaphoreSlim? held = gate;

    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct) => transaction.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        Interlocked.Exchange(ref held, null)?.Release();
    }
}

using System.Collections.Concurrent;
using Entry.Server.Data;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Progress;
using Entry.Shared.Books;
using Entry.Shared.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Cases;

/// <summary>
/// The one door every change to a case passes through. Concurrent changes are gathered and committed together, a batch
/// per transaction (at most <see cref="LedgerOptions.MaxBatch"/>, waiting at most <see cref="LedgerOptions.WindowMilliseconds"/>
/// for company): the ledger owns the transaction, the conflict of one change (answered on its own; the others of its
/// batch are stored), the counters (summed per scope, applied once per scope), the books' fill, the outbox wake-up and,
/// after the commit, the live events. A caller is answered only after the commit that holds its change.
/// </summary>
/// <remarks>
/// No background service: the first writer that finds the ledger idle drains the queue (group commit's leader); it
/// hands over when the queue is empty, so nothing is left waiting and nothing needs the host to be running.
/// </remarks>
public sealed partial class CaseLedger(IServiceScopeFactory scopes, WriteGate gate, ISprintEvents live, LedgerMetrics metrics, IOptions<LedgerOptions> options,
    TimeProvider time, ILogger<CaseLedger> logger)
{
    private readonly ConcurrentQueue<CaseWrite> queue = new();
    private int draining;
    private int lastBatch;

    /// <summary>Stores the change (or has it refused: <see cref="CaseWrite.Refusal"/>); completes after its batch commits.</summary>
    public Task WriteAsync(CaseWrite write)
    {
        queue.Enqueue(write);
        if (Interlocked.CompareExchange(ref draining, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync);
        }
        return write.Done;
    }

    private async Task DrainAsync()
    {
        var max = options.Value.MaxBatch;
        var window = TimeSpan.FromMilliseconds(options.Value.WindowMilliseconds);
        var batch = new List<CaseWrite>(max);
        while (true)
        {
            while (!queue.IsEmpty)
            {
                batch.Clear();
                Take(batch, max);
                // Under load (the last batch had company) wait a moment for more; a lone writer is not kept waiting.
                if (batch.Count < max && lastBatch > 1 && window > TimeSpan.Zero)
                {
                    // Real time, not the campaign clock (which tests and demos move or stop).
                    await Task.Delay(window);
                    Take(batch, max);
                }
                lastBatch = batch.Count;
                await CommitAsync(batch);
            }
            Volatile.Write(ref draining, 0);
            // A writer that enqueued after the check above and saw the ledger busy is drained here.
            if (queue.IsEmpty || Interlocked.CompareExchange(ref draining, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private void Take(List<CaseWrite> batch, int max)
    {
        while (batch.Count < max && queue.TryDequeue(out var write))
        {
            batch.Add(write);
        }
    }

    private async Task CommitAsync(List<CaseWrite> writes)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var batch = await RunRetryingAsync(writes);
            metrics.Batch(writes.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            Announce(batch, writes);
        }
        catch (Exception e)
        {
            // The transaction did not commit: nothing of the batch is stored, and every caller learns it.
            LogBatchFailed(logger, writes.Count, e.GetType().Name);
            foreach (var write in writes)
            {
                write.Fail(e);
            }
        }
    }

    /// <summary>
    /// PostgreSQL may end a batch's transaction with a deadlock or serialization failure when another instance (or
    /// another write path) touched the same rows; nothing of it is stored then, so the batch runs again.
    /// </summary>
    private async Task<(CaseBatch Batch, List<Finished> Finished)> RunRetryingAsync(List<CaseWrite> writes)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunAsync(writes);
            }
            catch (Exception e) when (attempt < MaxAttempts && DbErrors.IsTransient(e))
            {
                LogBatchRetried(logger, writes.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt));
            }
        }
    }

    private const int MaxAttempts = 4;

    private async Task<(CaseBatch Batch, List<Finished> Finished)> RunAsync(List<CaseWrite> writes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntryDb>();
        var batch = new CaseBatch(db, scope.ServiceProvider.GetRequiredService<ICaseMessages>(), time.GetUtcNow());
        var ct = CancellationToken.None;
        foreach (var write in writes)
        {
            write.Reset();
        }

        await using var tx = await gate.BeginAsync(db, ct);
        // Changes to stored cases first, each saved on its own: a conflict rolls back to the savepoint EF Core takes
        // around each save inside a transaction, and only that change is refused.
        foreach (var write in writes.Where(w => w is not NewEntryWrite))
        {
            await ApplyAloneAsync(batch, write, ct);
        }
        // New entries together: checked against the stored ones and each other in three queries, saved in one go.
        var entries = writes.OfType<NewEntryWrite>().ToList();
        await NewEntryWrite.CheckAsync(db, entries, ct);
        var admitted = entries.Where(e => e.Refusal is null).ToList();
        foreach (var entry in admitted)
        {
            await entry.ApplyAsync(batch, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A writer outside this process got in between (another instance): fall back to one save per entry.
            db.ChangeTracker.Clear();
            foreach (var entry in admitted)
            {
                entry.Reset();
                await ApplyAloneAsync(batch, entry, ct);
            }
        }
        db.ChangeTracker.Clear();

        var stored = writes.Where(w => w.Refusal is null).ToList();
        var finished = await BookFill.RefillAsync(db, batch, stored.SelectMany(w => w.Refills), ct);
        if (batch.NewlyFinished.Count > 0)
        {
            // What follows a finished book (its quality sample) is stored with the change that finished it, or neither is.
            foreach (var handler in scope.ServiceProvider.GetServices<IBookFinishedHandler>())
            {
                await handler.FinishedAsync(batch, batch.NewlyFinished, ct);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await scope.ServiceProvider.GetRequiredService<ProgressCounters>().ApplySummedAsync(stored.SelectMany(w => w.Deltas), ct);
        await tx.CommitAsync(ct);
        return (batch, finished);
    }

    private static async Task ApplyAloneAsync(CaseBatch batch, CaseWrite write, CancellationToken ct)
    {
        try
        {
            await write.ApplyAsync(batch, ct);
            if (write.Refusal is null)
            {
                await batch.Db.SaveChangesAsync(ct);
            }
        }
        catch (DbUpdateException)
        {
            write.Reset();
            write.Conflicted();
        }
        finally
        {
            batch.Db.ChangeTracker.Clear();
        }
    }

    private void Announce((CaseBatch Batch, List<Finished> Finished) result, List<CaseWrite> writes)
    {
        var wake = false;
        foreach (var write in writes)
        {
            if (write.Refusal is null)
            {
                write.Committed(result.Batch, live);
                wake |= write.WakesOutbox;
            }
            write.Complete();
        }
        if (wake)
        {
            result.Batch.Messages.Wake();
        }
        foreach (var book in result.Finished)
        {
            live.BookChanged(new BookChangedNotice(BookChangeKind.Finished, book.Place, book.Code, book.Type, book.UserId, book.Logged, book.CaseCount,
                result.Batch.Now));
        }
    }

    [LoggerMessage(EventId = 7015, Level = LogLevel.Warning, Message = "A batch of {Count} case changes met a deadlock or serialization failure (attempt {Attempt}); it runs again")]
    private static partial void LogBatchRetried(ILogger logger, int count, int attempt);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Error, Message = "A batch of {Count} case changes was not stored: {ExceptionType}")]
    private static partial void LogBatchFailed(ILogger logger, int count, string exceptionType);
}

/// <summary>A book a batch finished, announced after the commit.</summary>
internal sealed record Finished(SprintPlace Place, string Code, BookType Type, string? UserId, int Logged, int CaseCount);

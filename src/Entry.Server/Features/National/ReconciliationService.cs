using System.Collections.Concurrent;
using System.Net;
using Entry.Server.Data;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Entry.Server.Features.National;

/// <summary>
/// One reconciliation run: every book with a logged case is compared with what the national side holds of it, a few
/// books at a time, through the same resilient client as the dispatcher. The totals and differences are stored in one
/// transaction at the end; a failure of the national side stops the run and stores only its reason.
/// </summary>
public sealed partial class ReconciliationService(
    IServiceScopeFactory scopes, WriteGate writes, IOptions<ReconciliationOptions> options, TimeProvider time, ILogger<ReconciliationService> logger)
{
    private const string Interrupted = "Interrupted: the server stopped during the run.";

    /// <summary>Stores a new running run (and closes runs a stopped server left running); answers its id.</summary>
    public async Task<long> BeginAsync(string trigger, string? requestedBy, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntryDb>();
        await using var tx = await writes.BeginAsync(db, ct);
        await CloseInterruptedAsync(db, ct);
        var run = new ReconciliationRun { Trigger = trigger, RequestedBy = requestedBy, StartedAt = time.GetUtcNow(), Status = ReconciliationStatus.Running };
        db.ReconciliationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return run.Id;
    }

    /// <summary>At start-up, before any run: a run still marked running was cut off by the server's stop.</summary>
    public async Task CloseInterruptedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntryDb>();
        await using var tx = await writes.BeginAsync(db, ct);
        await CloseInterruptedAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task CloseInterruptedAsync(EntryDb db, CancellationToken ct)
    {
        foreach (var stale in await db.ReconciliationRuns.Where(r => r.Status == ReconciliationStatus.Running).ToListAsync(ct))
        {
            stale.Status = ReconciliationStatus.Failed;
            stale.FinishedAt = time.GetUtcNow();
            stale.FailureReason = Interrupted;
        }
    }

    /// <summary>Compares every book and stores the outcome of the run.</summary>
    public async Task RunAsync(long runId, CancellationToken ct)
    {
        LogStarted(runId);
        try
        {
            var totals = await CompareAllAsync(ct);
            await CompleteAsync(runId, totals, ct);
            LogCompleted(runId, totals.BooksChecked, totals.Differences.Count);
        }
        catch (Exception e)
        {
            var reason = e switch
            {
                OperationCanceledException when ct.IsCancellationRequested => Interrupted,
                ReconciliationFailure failure => failure.Message,
                _ => $"Entry could not finish the run: {e.GetType().Name}.",
            };
            LogFailed(runId, reason);
            await FailAsync(runId, reason);
        }
    }

    private sealed record Totals(int BooksChecked, int EntryDelivered, int NationalRecords, IReadOnlyList<ReconciliationDifference> Differences);

    private async Task<Totals> CompareAllAsync(CancellationToken ct)
    {
        List<(int Id, string Code)> books;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EntryDb>();
            books = (await db.Books.AsNoTracking()
                    .Where(b => db.CaseEntries.Any(e => e.BookId == b.Id && e.Status != CaseStatus.Skipped))
                    .Select(b => new { b.Id, b.Code })
                    .ToListAsync(ct))
                .Select(b => (b.Id, b.Code)).ToList();
        }

        var differences = new ConcurrentBag<ReconciliationDifference>();
        var entryDelivered = 0;
        var nationalRecords = 0;
        ReconciliationFailure? firstFailure = null;
        try
        {
            await Parallel.ForEachAsync(books, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = ct },
                async (book, token) =>
                {
                    try
                    {
                        var (result, held) = await CompareAsync(book.Id, book.Code, token);
                        foreach (var difference in result.Differences)
                        {
                            differences.Add(difference);
                        }
                        Interlocked.Add(ref entryDelivered, result.EntryDelivered);
                        Interlocked.Add(ref nationalRecords, held);
                    }
                    catch (ReconciliationFailure failure)
                    {
                        Interlocked.CompareExchange(ref firstFailure, failure, null);
                        throw;
                    }
                });
        }
        catch (Exception) when (firstFailure is not null && !ct.IsCancellationRequested)
        {
            // The books still in flight were cancelled because of it: the first failure is the reason.
            throw firstFailure;
        }
        var ordered = differences.OrderBy(d => d.BookCode, StringComparer.Ordinal).ThenBy(d => d.EntryNumber ?? int.MaxValue).ThenBy(d => d.Kind).ToList();
        return new Totals(books.Count, entryDelivered, nationalRecords, ordered);
    }

    private async Task<(BookComparison.Result Result, int NationalRecords)> CompareAsync(int bookId, string bookCode, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var api = scope.ServiceProvider.GetRequiredService<INationalDbApi>();
        var db = scope.ServiceProvider.GetRequiredService<EntryDb>();

        // The national side first, then Entry: a case answered in between is seen as on its way, not as missing.
        var askedAt = time.GetUtcNow();
        var national = await HoldingsAsync(api, bookCode, ct);
        var entry = await db.CaseEntries.AsNoTracking()
            .Where(e => e.BookId == bookId)
            .Select(e => new EntryHolding(e.Id, e.EntryNumber, e.NationalState, e.NationalRecordId, e.NationalAnsweredAt,
                db.NationalOutbox.Count(m => m.CaseId == e.Id && m.State == NationalMessageState.Delivered)))
            .ToListAsync(ct);
        var known = entry.Select(e => e.Id).ToHashSet();
        var unknown = national.Records.Select(r => r.SourceId).Where(id => !known.Contains(id)).ToList();
        var elsewhere = unknown.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.CaseEntries.AsNoTracking().Where(e => unknown.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Book!.Code, ct);
        return (BookComparison.Compare(bookCode, entry, national, askedAt, elsewhere), national.Count);
    }

    private static async Task<NationalDb.Contracts.BookHoldings> HoldingsAsync(INationalDbApi api, string bookCode, CancellationToken ct)
    {
        try
        {
            return await api.HoldingsAsync(bookCode, ct);
        }
        catch (ApiException e)
        {
            throw new ReconciliationFailure($"The national database answered {(int)e.StatusCode} {Reason(e.StatusCode, e.ReasonPhrase)} for book {bookCode}.");
        }
        catch (BrokenCircuitException)
        {
            throw new ReconciliationFailure($"The national database is failing (the circuit is open); book {bookCode} was not asked.");
        }
        catch (Exception e) when (e is TimeoutRejectedException or TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new ReconciliationFailure($"The national database did not answer in time for book {bookCode}.");
        }
        catch (HttpRequestException e)
        {
            throw new ReconciliationFailure($"The national database could not be reached for book {bookCode}: {e.HttpRequestError}.");
        }
    }

    private static string Reason(HttpStatusCode status, string? phrase) => string.IsNullOrWhiteSpace(phrase) ? status.ToString() : phrase;

    private async Task CompleteAsync(long runId, Totals totals, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntryDb>();
        var kept = totals.Differences.Take(options.Value.MaxStoredDifferences).ToList();
        await using var tx = await writes.BeginAsync(db, ct);
        var run = await db.ReconciliationRuns.SingleAsync(r => r.Id == runId, ct);
        run.Status = ReconciliationStatus.Completed;
        run.FinishedAt = time.GetUtcNow();
        run.BooksChecked = totals.BooksChecked;
        run.EntryDelivered = totals.EntryDelivered;
        run.NationalRecords = totals.NationalRecords;
        run.Differences = totals.Differences.Count;
        run.DifferencesStored = kept.Count;
        db.ReconciliationDifferences.AddRange(kept.Select(d => new ReconciliationDifferenceRecord
        {
            RunId = runId, BookCode = d.BookCode, EntryNumber = d.EntryNumber, SourceId = d.SourceId, RecordId = d.RecordId, Kind = d.Kind,
            Detail = d.Detail.Length > 300 ? d.Detail[..300] : d.Detail,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Marks the run failed; not cancellable, so a run stopped by shutdown still says so when it can.</summary>
    private async Task FailAsync(long runId, string reason)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EntryDb>();
            await using var tx = await writes.BeginAsync(db, CancellationToken.None);
            var run = await db.ReconciliationRuns.SingleAsync(r => r.Id == runId);
            run.Status = ReconciliationStatus.Failed;
            run.FinishedAt = time.GetUtcNow();
            run.FailureReason = reason.Length > 500 ? reason[..500] : reason;
            await db.SaveChangesAsync();
            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // The next run closes it as interrupted.
            LogNotMarked(runId, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 8200, Level = LogLevel.Information, Message = "Reconciliation {RunId} started")]
    private partial void LogStarted(long runId);

    [LoggerMessage(EventId = 8201, Level = LogLevel.Information, Message = "Reconciliation {RunId} completed: {Books} books checked, {Differences} differences")]
    private partial void LogCompleted(long runId, int books, int differences);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "Reconciliation {RunId} failed: {Reason}")]
    private partial void LogFailed(long runId, string reason);

    [LoggerMessage(EventId = 8203, Level = LogLevel.Warning, Message = "Reconciliation {RunId} could not be marked failed: {ExceptionType}")]
    private partial void LogNotMarked(long runId, string exceptionType);
}

/// <summary>The national side failed during a run; the message names the status and the book, never a payload.</summary>
public sealed class ReconciliationFailure(string message) : Exception(message);

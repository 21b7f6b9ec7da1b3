using Entry.Server.Common;
using Entry.Server.Features.Books;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Progress;

namespace Entry.Server.Features.Cases;

/// <summary>
/// One change to cases, handed to the <see cref="CaseLedger"/>: a feature states its rule in <see cref="ApplyAsync"/>
/// (what to store, what it changes in the counters, what to announce) and the ledger runs it in a batch transaction.
/// The caller's task completes once the batch has committed (or the change was refused); a refused change stores nothing.
/// </summary>
public abstract class CaseWrite
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    internal readonly List<(ProgressCounters.CaseScopes At, ProgressCounters.Delta Delta)> Deltas = [];
    internal readonly List<BookRefill> Refills = [];
    internal bool WakesOutbox;

    /// <summary>Why the change was not stored; null once it is stored.</summary>
    public Refusal? Refusal { get; private set; }

    internal Task Done => done.Task;

    /// <summary>
    /// Inside the batch's transaction: load what the rule needs from <see cref="CaseBatch.Db"/>, change it, and say what
    /// the change means (<see cref="Count"/>, <see cref="Refill"/>, <see cref="WakeOutbox"/>). Call <see cref="Refuse"/> to
    /// store nothing. The ledger saves the context; the change may run again if its batch is retried.
    /// </summary>
    protected internal abstract Task ApplyAsync(CaseBatch batch, CancellationToken ct);

    /// <summary>
    /// After the commit of a stored change: read the fill of the books it refilled (<see cref="CaseBatch.FillOf"/>), tell
    /// the live view. Never throws, never blocks.
    /// </summary>
    protected internal virtual void Committed(CaseBatch batch, ISprintEvents live) { }

    /// <summary>The unique index refused what this change added (a twin submission, a number taken meanwhile).</summary>
    protected internal virtual void Conflicted() => Refuse(Refusal.Conflict(Phrase.Of("title.conflictingWrite"), Phrase.Of("case.conflictingWrite")));

    protected void Refuse(Refusal refusal) => Refusal = refusal;

    /// <summary>The change moves these counters of the case's scopes.</summary>
    protected void Count(ProgressCounters.CaseScopes at, ProgressCounters.Delta delta)
    {
        if (!delta.IsZero)
        {
            Deltas.Add((at, delta));
        }
    }

    /// <summary>
    /// The book's logged and skipped entries changed (or its case count): its state follows in the same transaction, and
    /// a book this batch finishes is announced for <paramref name="teamId"/> (null: no team to tell).
    /// </summary>
    protected void Refill(Book book, int? teamId, string? userId) => Refills.Add(new BookRefill(book, teamId, userId));

    /// <summary>A message to the national database was stored: wake the dispatcher after the commit.</summary>
    protected void WakeOutbox() => WakesOutbox = true;

    internal void Reset()
    {
        Refusal = null;
        Deltas.Clear();
        Refills.Clear();
        WakesOutbox = false;
    }

    internal void Complete() => done.TrySetResult();

    internal void Fail(Exception e) => done.TrySetException(e);
}

/// <summary>A book whose fill a change altered, and who to name if it finishes.</summary>
internal sealed record BookRefill(Book Book, int? TeamId, string? UserId);

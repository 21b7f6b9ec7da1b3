using Entry.Server.Data;

namespace Entry.Server.Features.Cases;

/// <summary>What a <see cref="CaseWrite"/> sees of the batch it runs in: the batch's context and transaction, its clock, the outbox.</summary>
public sealed class CaseBatch(EntryDb db, ICaseMessages messages, DateTimeOffset now)
{
    private readonly Dictionary<int, (int Logged, int Skipped)> fill = [];

    public EntryDb Db => db;

    /// <summary>The outbox of messages to the national database, in the same transaction.</summary>
    public ICaseMessages Messages => messages;

    /// <summary>The time of the batch: every change of one batch is stored at the same instant.</summary>
    public DateTimeOffset Now => now;

    /// <summary>After the commit: the logged and skipped entries of a book the batch refilled.</summary>
    public (int Logged, int Skipped) FillOf(int bookId) => fill.GetValueOrDefault(bookId);

    /// <summary>The books this batch finished (whoever finished them), for the <see cref="IBookFinishedHandler"/>s.</summary>
    internal List<int> NewlyFinished { get; } = [];

    internal void SetFill(int bookId, int logged, int skipped) => fill[bookId] = (logged, skipped);
}

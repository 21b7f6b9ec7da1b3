namespace Entry.Server.Features.Cases;

/// <summary>
/// Runs in the batch transaction that finished books (Quality draws their samples): what it adds to
/// <see cref="CaseBatch.Db"/> is saved by the ledger and committed with the batch. Implemented by features that build on cases.
/// </summary>
public interface IBookFinishedHandler
{
    Task FinishedAsync(CaseBatch batch, IReadOnlyList<int> bookIds, CancellationToken ct);
}

using Entry.NationalDb.Contracts;
using Refit;

namespace Entry.Server.Features.National;

/// <summary>The national population database's API (the shipped stub implements it).</summary>
public interface INationalDbApi
{
    /// <summary>Creates and updates many records, each under its own idempotency key, each answered on its own.</summary>
    [Post("/api/civil-records/batch")]
    Task<IApiResponse<CivilRecordBatchResponse>> BatchAsync([Body] CivilRecordBatchRequest batch, CancellationToken ct);

    [Get("/api/civil-records")]
    Task<BookHoldings> HoldingsAsync([Query] string bookCode, CancellationToken ct);
}

using Entry.NationalDb.Contracts;
using Refit;

namespace Entry.Server.Features.National;

/// <summary>The national population database's API (the shipped stub implements it).</summary>
public interface INationalDbApi
{
    [Post("/api/civil-records")]
    Task<IApiResponse<CivilRecordAccepted>> CreateAsync([Header("Idempotency-Key")] string idempotencyKey, [Body] CivilRecordRequest record,
        CancellationToken ct);

    [Put("/api/civil-records/{recordId}")]
    Task<IApiResponse<CivilRecordAccepted>> UpdateAsync(string recordId, [Header("Idempotency-Key")] string idempotencyKey,
        [Body] CivilRecordRequest record, CancellationToken ct);

    [Get("/api/civil-records")]
    Task<BookHoldings> HoldingsAsync([Query] string bookCode, CancellationToken ct);
}

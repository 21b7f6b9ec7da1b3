namespace Entry.NationalDb.Contracts;

/// <summary>
/// <c>POST /api/civil-records/batch</c>: many writes in one request, each with its own idempotency key and its own
/// answer. An item without <see cref="CivilRecordBatchItem.RecordId"/> creates a record (as <c>POST /api/civil-records</c>),
/// one with it updates that record (as <c>PUT /api/civil-records/{recordId}</c>).
/// </summary>
public sealed record CivilRecordBatchRequest
{
    /// <summary>1 to <see cref="MaxRecords"/> writes, answered in the same order.</summary>
    public IReadOnlyList<CivilRecordBatchItem>? Records { get; init; }

    public const int MaxRecords = 1_000;
}

/// <summary>One write of a batch.</summary>
public sealed record CivilRecordBatchItem
{
    /// <summary>The write's own key (1 to 128 characters), as the <c>Idempotency-Key</c> header of a single write.</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary>The national record to update; absent to create one.</summary>
    public string? RecordId { get; init; }
    public CivilRecordRequest? Record { get; init; }
}

/// <summary>The answers of a batch: <c>results[i]</c> answers <c>records[i]</c>.</summary>
public sealed record CivilRecordBatchResponse(IReadOnlyList<CivilRecordBatchResult> Results);

/// <summary>
/// The answer to one write of a batch: the status and body the single-record endpoint answers for it — 201 created or
/// 200 updated (<see cref="Accepted"/>), a replay of the key's first answer, 409 (source already recorded under another
/// key, with <see cref="RecordProblem.RecordId"/>; or a key reused with another body), 422 with field errors, 404 for an
/// update of an unknown record, 400 for an item without a key or a record (not stored).
/// </summary>
public sealed record CivilRecordBatchResult
{
    public string? IdempotencyKey { get; init; }
    public int Status { get; init; }
    /// <summary>Set when <see cref="Status"/> is 200 or 201.</summary>
    public CivilRecordAccepted? Accepted { get; init; }
    /// <summary>Set when <see cref="Status"/> is 400 or more: the problem details the single endpoint answers.</summary>
    public RecordProblem? Problem { get; init; }
}

/// <summary>A refusal of one write (problem details, RFC 9457).</summary>
public sealed record RecordProblem
{
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    /// <summary>The record that already holds the source id (409 "Source already recorded").</summary>
    public string? RecordId { get; init; }
    /// <summary>Field errors (422): the field and the national rule it breaks, never the value.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}

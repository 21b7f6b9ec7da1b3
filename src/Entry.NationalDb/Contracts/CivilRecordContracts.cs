namespace Entry.NationalDb.Contracts;

/// <summary>
/// A civil-registry record as the national population database takes it: the event, where it was registered, and
/// the people in it by role. <c>POST /api/civil-records</c> with an <c>Idempotency-Key</c> header.
/// </summary>
public sealed record CivilRecordRequest
{
    /// <summary><c>birth</c>, <c>marriage</c>, <c>death</c> or <c>adoption</c>.</summary>
    public string? Kind { get; init; }
    /// <summary>The id of the case in the sending system.</summary>
    public Guid SourceId { get; init; }
    public string? BookCode { get; init; }
    public int EntryNumber { get; init; }
    public string? RegistrationUnitCode { get; init; }
    public DateOnly? RegistrationDate { get; init; }
    public int Page { get; init; }
    /// <summary>The date of the event (birth, death; the marriage and adoption take the registration date).</summary>
    public DateOnly? EventDate { get; init; }
    public string? EventPlace { get; init; }
    public IReadOnlyList<PersonRecord>? Persons { get; init; }
}

/// <summary>
/// A person of a record. Roles: <c>child</c>, <c>mother</c>, <c>father</c> (birth); <c>husband</c>, <c>wife</c>
/// (marriage); <c>deceased</c> (death); <c>adoptee</c>, <c>adoptiveFather</c>, <c>adoptiveMother</c> (adoption).
/// </summary>
public sealed record PersonRecord
{
    public string? Role { get; init; }
    public string? FullName { get; init; }
    /// <summary><c>female</c> or <c>male</c>, when known.</summary>
    public string? Sex { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public string? CitizenId { get; init; }
}

/// <summary>What the national side answers for an accepted record (201 on create, 200 on update).</summary>
public sealed record CivilRecordAccepted(string RecordId, Guid SourceId, string BookCode, int EntryNumber, int Version, DateTimeOffset AcceptedAt);

/// <summary>What the national side holds of one book: <c>GET /api/civil-records?bookCode=…</c>.</summary>
public sealed record BookHoldings(string BookCode, int Count, IReadOnlyList<HeldRecord> Records);

public sealed record HeldRecord(string RecordId, Guid SourceId, int EntryNumber, int Version);

/// <summary>
/// How the stub misbehaves (<c>Stub:Faults</c> in configuration, <c>PUT /admin/faults</c> at run time). Rates are
/// shares of requests to <c>/api</c> between 0 and 1.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Added to every answer.</summary>
    public int LatencyMilliseconds { get; init; }
    /// <summary>Share answered 500 or 503 (half each).</summary>
    public double ErrorRate { get; init; }
    /// <summary>Share answered 429 with <c>Retry-After</c>.</summary>
    public double RateLimitRate { get; init; }
    public int RetryAfterSeconds { get; init; } = 1;
    /// <summary>Until then every request is answered 503: a full outage.</summary>
    public DateTimeOffset? OutageUntil { get; init; }
    /// <summary>The Retry-After of an outage's 503; by default the time left until it ends.</summary>
    public int? OutageRetryAfterSeconds { get; init; }
    /// <summary>Share answered only after <see cref="SlowMilliseconds"/> (longer than a client's timeout).</summary>
    public double SlowRate { get; init; }
    public int SlowMilliseconds { get; init; } = 30_000;
}

/// <summary>The body of <c>POST /admin/outage</c>.</summary>
public sealed record OutageRequest(int Seconds);

/// <summary>
/// What the stub has seen: <c>GET /admin/stats</c>. Created … Rejected count records (a batch's each); the requests count
/// the write requests that reached the records API past the faults, single-record and batch.
/// </summary>
public sealed record StubStats(long Records, long Created, long Updated, long Replayed, long Conflicts, long Rejected, long FaultsInjected,
    long SingleRequests = 0, long BatchRequests = 0);

/// <summary>The writes the stub has received since it started (<c>GET /admin/attempts</c>), faulted or not, and their distinct keys.</summary>
public sealed record AttemptSummary(long Writes, int Keys);

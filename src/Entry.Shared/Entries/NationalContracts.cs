using System.Text.Json.Serialization;

namespace Entry.Shared.Entries;

/// <summary>Where a case stands with the national population database.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NationalSyncState>))]
public enum NationalSyncState
{
    /// <summary>Waiting in the outbox (or a newer version of it is).</summary>
    [JsonStringEnumMemberName("pending")] Pending = 0,
    /// <summary>Accepted: the national side holds it under its record id.</summary>
    [JsonStringEnumMemberName("synced")] Synced = 1,
    /// <summary>Rejected by the national side's rules: waits in the team's correction queue.</summary>
    [JsonStringEnumMemberName("rejected")] Rejected = 2,
    /// <summary>Nothing to send: a skipped entry number.</summary>
    [JsonStringEnumMemberName("none")] None = 3,
}

/// <summary>A case the national side rejected, in the team's correction queue: the reasons by field, never the values.</summary>
public sealed record NationalRejection(Guid EntryId, string BookCode, Entry.Shared.Books.BookType Type, int EntryNumber, int Version,
    IReadOnlyDictionary<string, string[]> Errors, DateTimeOffset RejectedAt);

/// <summary><c>GET /api/national/status</c>: the sync with the national database at a glance.</summary>
public sealed record NationalStatus
{
    /// <summary>Messages waiting to be sent (not those held until verified).</summary>
    public required int Backlog { get; init; }
    /// <summary>
    /// Cases flagged "needs verification" whose message is held until a civil-registry officer verifies them: they go
    /// to the national side after the verification, not before ("held until verified").
    /// </summary>
    public int WaitingForVerification { get; init; }
    public DateTimeOffset? OldestPendingAt { get; init; }
    /// <summary>Age of the oldest message waiting, in seconds (0 when none waits).</summary>
    public required double OldestPendingAgeSeconds { get; init; }
    public required long Synced { get; init; }
    public required long Rejected { get; init; }
    /// <summary><c>closed</c>, <c>open</c> or <c>half-open</c>: the resilience pipeline's circuit breaker.</summary>
    public required string Circuit { get; init; }
    public required int CircuitOpenedTimes { get; init; }
    public DateTimeOffset? LastDeliveredAt { get; init; }
    /// <summary>The last failure, as a status and a title; null again once a later send has succeeded.</summary>
    public string? LastError { get; init; }
    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }
    public required DateTimeOffset At { get; init; }
}

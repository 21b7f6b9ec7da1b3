using System.Text.Json.Serialization;

namespace Entry.Shared.Entries;

/// <summary>Where a reconciliation run stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReconciliationStatus>))]
public enum ReconciliationStatus
{
    [JsonStringEnumMemberName("running")] Running = 0,
    /// <summary>Every book with a logged case was compared; the differences are stored.</summary>
    [JsonStringEnumMemberName("completed")] Completed = 1,
    /// <summary>The national side (or Entry's database) failed during the run: nothing of it is stored but the reason.</summary>
    [JsonStringEnumMemberName("failed")] Failed = 2,
}

/// <summary>What differs between what Entry holds of a book and what the national database holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReconciliationDifferenceKind>))]
public enum ReconciliationDifferenceKind
{
    /// <summary>Entry holds the case under a national record id; the national side holds no record of its source id.</summary>
    [JsonStringEnumMemberName("missingNationally")] MissingNationally = 0,
    /// <summary>The national side holds the case; Entry does not hold it as delivered (pending: the answer was lost; rejected; skipped).</summary>
    [JsonStringEnumMemberName("notSyncedInEntry")] NotSyncedInEntry = 1,
    /// <summary>A national record of the book whose source id is no case of that book in Entry.</summary>
    [JsonStringEnumMemberName("unknownToEntry")] UnknownToEntry = 2,
    /// <summary>Both hold the case, under different national record ids.</summary>
    [JsonStringEnumMemberName("recordIdMismatch")] RecordIdMismatch = 3,
    /// <summary>The national record's version is older than the number of versions Entry delivered.</summary>
    [JsonStringEnumMemberName("versionBehind")] VersionBehind = 4,
    /// <summary>The national record's version is newer than the number of versions Entry delivered: changed outside Entry.</summary>
    [JsonStringEnumMemberName("versionAhead")] VersionAhead = 5,
    /// <summary>The book's counts differ: cases Entry holds as delivered against records the national side holds.</summary>
    [JsonStringEnumMemberName("countMismatch")] CountMismatch = 6,
}

/// <summary>One difference found by a reconciliation: ids, numbers and states only, never a name or a date of birth.</summary>
public sealed record ReconciliationDifference
{
    public required string BookCode { get; init; }
    /// <summary>The entry number (Entry's, or the national record's when Entry does not know the case); none for a count.</summary>
    public int? EntryNumber { get; init; }
    /// <summary>The case's id in Entry (the national record's source id).</summary>
    public Guid? SourceId { get; init; }
    /// <summary>The national record id concerned (the national side's, else Entry's).</summary>
    public string? RecordId { get; init; }
    public required ReconciliationDifferenceKind Kind { get; init; }
    public required string Detail { get; init; }
}

/// <summary><c>GET /api/national/reconciliation</c>: a run and the differences it found.</summary>
public sealed record ReconciliationReport
{
    public required long RunId { get; init; }
    /// <summary><c>nightly</c> or <c>manual</c>.</summary>
    public required string Trigger { get; init; }
    /// <summary>The Admin who started a manual run.</summary>
    public string? RequestedBy { get; init; }
    public required ReconciliationStatus Status { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Books with at least one logged case: the only ones compared.</summary>
    public required int BooksChecked { get; init; }
    /// <summary>Cases Entry knows the national side holds (a national record id: synced, or a newer version on its way).</summary>
    public required int EntryDelivered { get; init; }
    /// <summary>Records the national side holds of the books checked.</summary>
    public required int NationalRecords { get; init; }
    public required int DifferenceCount { get; init; }
    /// <summary>True when more differences were found than are stored (<c>NationalDb:Reconciliation:MaxStoredDifferences</c>).</summary>
    public required bool DifferencesTruncated { get; init; }
    /// <summary>Why a failed run failed (a status, a book code; never a payload).</summary>
    public string? FailureReason { get; init; }
    /// <summary>By book code, entry number and kind.</summary>
    public required IReadOnlyList<ReconciliationDifference> Differences { get; init; }
}

/// <summary>The answer to <c>POST /api/national/reconciliation</c> (202): follow the run with <c>GET …?runId=</c>.</summary>
public sealed record ReconciliationStarted(long RunId);

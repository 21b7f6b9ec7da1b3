using System.Text.Json.Serialization;
using Entry.Shared.Books;

namespace Entry.Shared.Entries;

/// <summary>Where a case stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus
{
    /// <summary>Logged, not flagged.</summary>
    [JsonStringEnumMemberName("entered")] Entered = 0,
    /// <summary>Flagged and waiting in the team's verification queue.</summary>
    [JsonStringEnumMemberName("flagged")] Flagged = 1,
    /// <summary>Flagged, then verified (or corrected) by a civil-registry officer of the team.</summary>
    [JsonStringEnumMemberName("verified")] Verified = 2,
    /// <summary>An entry number skipped with a reason: no case data.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped = 3,
}

/// <summary>Why an entry number of a book holds no case to log.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SkipReason>))]
public enum SkipReason
{
    [JsonStringEnumMemberName("pageMissing")] PageMissing = 0,
    [JsonStringEnumMemberName("entryBlank")] EntryBlank = 1,
    [JsonStringEnumMemberName("entryCancelled")] EntryCancelled = 2,
    [JsonStringEnumMemberName("numberNotUsed")] NumberNotUsed = 3,
}

/// <summary>The body of <c>POST /api/entries/skip</c>: an entry number of the held book that holds no case. Idempotent by <c>Id</c>.</summary>
public sealed record SkipEntryRequest
{
    public Guid Id { get; init; }
    public string? BookCode { get; init; }
    public int EntryNumber { get; init; }
    public SkipReason? Reason { get; init; }
    /// <summary>Optional free text (at most 500 characters); no personal data belongs here.</summary>
    public string? Note { get; init; }
    /// <summary>
    /// When the clerk saved it in the browser (their queue's time), sent again unchanged on every retry. A case that reaches
    /// the server after the claim ended is still taken when this time lies inside a claim the clerk held on the book.
    /// </summary>
    public DateTimeOffset? TypedAt { get; init; }
}

/// <summary>A stored case with its data and its history: <c>GET /api/entries/{id}</c> (the clerk who logged it, the team's leader and civil-registry officers, Admins).</summary>
public sealed record CaseEntryDetails
{
    public required Guid Id { get; init; }
    public required string BookCode { get; init; }
    public required BookType Type { get; init; }
    public required int EntryNumber { get; init; }
    public required CaseStatus Status { get; init; }
    public DateOnly? RegistrationDate { get; init; }
    public int? Page { get; init; }
    public bool NeedsVerification { get; init; }
    public VerificationReason? VerificationReason { get; init; }
    public SkipReason? SkipReason { get; init; }
    public BirthCase? Birth { get; init; }
    public MarriageCase? Marriage { get; init; }
    public DeathCase? Death { get; init; }
    public AdoptionCase? Adoption { get; init; }
    public required string ClerkUserName { get; init; }
    public required string ClerkName { get; init; }
    public required DateTimeOffset StoredAt { get; init; }
    /// <summary>1 when stored, +1 per correction or verification; send it back as <c>If-Match</c> to correct.</summary>
    public required int Version { get; init; }
    public required IReadOnlyList<CaseRevision> History { get; init; }
    /// <summary>Where the case stands with the national database.</summary>
    public NationalSyncState National { get; init; }
    public string? NationalRecordId { get; init; }
    /// <summary>Why the national side rejected it, by field (its reasons; never the values).</summary>
    public IReadOnlyDictionary<string, string[]>? NationalErrors { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<RevisionKind>))]
public enum RevisionKind
{
    [JsonStringEnumMemberName("corrected")] Corrected = 0,
    [JsonStringEnumMemberName("verified")] Verified = 1,
    /// <summary>An arbiter's decision between two keyings (quality control).</summary>
    [JsonStringEnumMemberName("arbitrated")] Arbitrated = 2,
}

/// <summary>One change of a stored case: who, when, and each field's value before and after.</summary>
public sealed record CaseRevision(int Version, RevisionKind Kind, string ChangedByUserName, string ChangedByName, DateTimeOffset ChangedAt,
    IReadOnlyList<FieldChange> Changes);

/// <summary>A field by its JSON path (<c>birth.childName</c>, <c>registrationDate</c>) with its values as text.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>A flagged case in the team's verification queue (no personal data: open it for that).</summary>
public sealed record VerificationItem(Guid EntryId, string BookCode, BookType Type, int EntryNumber, int Page, VerificationReason? Reason,
    string ClerkName, DateTimeOffset StoredAt);

/// <summary>The body of <c>POST /api/entries/{id}/verify</c>: nothing to confirm as it is, or the corrected case.</summary>
public sealed record VerifyRequest
{
    /// <summary>The corrected case (same id and book); null confirms the stored case as it is.</summary>
    public CaseEntryRequest? Correction { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<CountReportStatus>))]
public enum CountReportStatus
{
    [JsonStringEnumMemberName("pending")] Pending = 0,
    [JsonStringEnumMemberName("accepted")] Accepted = 1,
    [JsonStringEnumMemberName("rejected")] Rejected = 2,
}

/// <summary>The body of <c>POST /api/books/{bookCode}/count-report</c>: the book holds another number of cases than the inventory says.</summary>
public sealed record CountReportRequest
{
    public int ReportedCount { get; init; }
    public string? Note { get; init; }
}

/// <summary>The body of <c>POST /api/count-reports/{id}/accept</c> (the count the inventory takes; the reported one when absent) and <c>/reject</c> (the reason).</summary>
public sealed record CountDecisionRequest
{
    public int? CaseCount { get; init; }
    public string? Reason { get; init; }
}

public sealed record CountReportDto(long Id, string BookCode, string UnitCode, string UnitName, BookType Type, int InventoryCount, int ReportedCount,
    string? Note, string ReportedByUserName, string ReportedByName, DateTimeOffset ReportedAt, CountReportStatus Status, int? DecidedCount,
    string? DecisionReason, DateTimeOffset? DecidedAt);

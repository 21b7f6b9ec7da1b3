using Entry.Shared.Books;

namespace Entry.Shared.Claims;

/// <summary>The book a clerk holds: what <c>POST /api/claims/next</c> and <c>POST /api/books/{code}/claim</c> answer.</summary>
public sealed record ClaimedBook
{
    public required string Code { get; init; }
    public required BookType Type { get; init; }
    public required string UnitCode { get; init; }
    public required string UnitName { get; init; }
    /// <summary>The label written on the book ("1", "Quyển 1, tập 2").</summary>
    public required string Volume { get; init; }
    public required DateOnly RegisteredFrom { get; init; }
    public required DateOnly RegisteredTo { get; init; }
    public required int CaseCount { get; init; }
    public required BookCondition Condition { get; init; }
    /// <summary>Cases of the book already logged.</summary>
    public required int CasesLogged { get; init; }
    /// <summary>Entry numbers of the book skipped with a reason.</summary>
    public int CasesSkipped { get; init; }
    public required DateTimeOffset ClaimedAt { get; init; }
    /// <summary>When the clerk's shift closes and the claim ends with it.</summary>
    public required DateTimeOffset ClaimEndsAt { get; init; }
}

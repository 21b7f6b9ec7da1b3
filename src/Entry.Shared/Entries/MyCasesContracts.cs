using Entry.Shared.Books;

namespace Entry.Shared.Entries;

/// <summary>
/// One of the clerk's own entries, as <c>GET /api/entries/mine</c> lists them: a logged case with the name of the person it
/// registers (the child, the deceased, the adoptee; husband and wife for a marriage), or a skipped number.
/// </summary>
public sealed record MyCase
{
    public required Guid Id { get; init; }
    public required string BookCode { get; init; }
    public required BookType Type { get; init; }
    public required int EntryNumber { get; init; }
    public required CaseStatus Status { get; init; }
    public required bool NeedsVerification { get; init; }
    public SkipReason? SkipReason { get; init; }
    /// <summary>Personal data: shown to the clerk who typed it, never logged.</summary>
    public string? Name { get; init; }
    /// <summary>The second name of a marriage (the wife's).</summary>
    public string? SecondName { get; init; }
    /// <summary>The day of the shift it was logged in (Asia/Ho_Chi_Minh).</summary>
    public required DateOnly ShiftDate { get; init; }
    public required DateTimeOffset StoredAt { get; init; }
}

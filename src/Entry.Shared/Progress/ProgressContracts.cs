using Entry.Shared.Books;

namespace Entry.Shared.Progress;

/// <summary>Progress of the sprint toward the province target (SPEC §4).</summary>
public sealed record ProgressResponse
{
    /// <summary>The sum of the cases in the inventory.</summary>
    public required long Target { get; init; }
    public required long Entered { get; init; }
    public required long Flagged { get; init; }
    public required long Verified { get; init; }
    public required long Synced { get; init; }
    public required long Rejected { get; init; }
    public required int BooksTotal { get; init; }
    public required int BooksNotStarted { get; init; }
    public required int BooksInProgress { get; init; }
    public required int BooksFinished { get; init; }
    public required IReadOnlyList<TypeProgress> ByType { get; init; }
    /// <summary>One row per child of the province (the districts; the communes where the district level is gone).</summary>
    public required IReadOnlyList<UnitProgress> ByDistrict { get; init; }
}

public sealed record TypeProgress(BookType Type, long Target, long Entered, long Synced);

public sealed record UnitProgress(string UnitCode, string Name, long Target, long Entered, long Synced);

namespace Entry.Shared.Common;

/// <summary>One page of a longer list.</summary>
public sealed record PagedResult<T>
{
    public required IReadOnlyList<T> Items { get; init; }
    /// <summary>1-based page number.</summary>
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int Total { get; init; }
}

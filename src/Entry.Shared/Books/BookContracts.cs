namespace Entry.Shared.Books;

/// <summary>One book of the inventory as the API shows it.</summary>
public sealed record BookDto
{
    public required string Code { get; init; }
    public required string UnitCode { get; init; }
    public required string UnitName { get; init; }
    public required BookType Type { get; init; }
    /// <summary>The label written on the book ("1", "Quyển 1, tập 2").</summary>
    public required string Volume { get; init; }
    public required DateOnly RegisteredFrom { get; init; }
    public required DateOnly RegisteredTo { get; init; }
    public required int CaseCount { get; init; }
    public required BookCondition Condition { get; init; }
    public required BookStatus Status { get; init; }
    /// <summary>True when the period runs past 2019-04-01: its later cases are refused at entry.</summary>
    public required bool SpansCutoff { get; init; }
    /// <summary>Where the book stands in quality control once finished: its sample waiting, in arbitration, accepted, failed and re-keyed.</summary>
    public Entry.Shared.Quality.BookQuality Quality { get; init; }
}

/// <summary>A message about one row of an import file; the header is line 1.</summary>
public sealed record ImportRowMessage(int Line, string? BookCode, string Reason);

/// <summary>
/// The answer to an inventory import: how many rows were stored, and why the others were not. The lists hold the
/// first <c>1000</c> messages each, by line; the counts are of all of them.
/// </summary>
public sealed record ImportResult
{
    public required int Accepted { get; init; }
    public required IReadOnlyList<ImportRowMessage> Warnings { get; init; }
    public required IReadOnlyList<ImportRowMessage> Rejected { get; init; }
    /// <summary>Every warning, including those left out of <see cref="Warnings"/>.</summary>
    public int WarningCount { get; init; }
    /// <summary>Every rejected row, including those left out of <see cref="Rejected"/>.</summary>
    public int RejectedCount { get; init; }
}

using System.Text.Json.Serialization;
using Entry.Shared.Books;

namespace Entry.Shared.Units;

/// <summary>The level of an administrative unit; the tree's depth comes from the data (three levels, or two after the 2025 reform).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitLevel>))]
public enum UnitLevel
{
    [JsonStringEnumMemberName("province")] Province = 0,
    [JsonStringEnumMemberName("district")] District = 1,
    [JsonStringEnumMemberName("commune")] Commune = 2,
}

/// <summary>Books and cases of one type.</summary>
public sealed record TypeTotals(BookType Type, int Books, int Cases);

/// <summary>A unit of the tree with the books it holds itself and the totals of its whole subtree.</summary>
public sealed record UnitNode
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>The unit's kind as officially named (Tỉnh, Huyện, Thị xã, Xã, Phường…).</summary>
    public required string Kind { get; init; }
    public required UnitLevel Level { get; init; }
    public string? ParentCode { get; init; }
    /// <summary>Books held by this unit itself.</summary>
    public required int OwnBooks { get; init; }
    /// <summary>Cases in the books held by this unit itself.</summary>
    public required int OwnCases { get; init; }
    /// <summary>Books of this unit and all units below it.</summary>
    public required int Books { get; init; }
    /// <summary>Cases of this unit and all units below it.</summary>
    public required int Cases { get; init; }
    /// <summary>Subtree totals per book type, in priority order.</summary>
    public required IReadOnlyList<TypeTotals> ByType { get; init; }
    public required IReadOnlyList<UnitNode> Children { get; init; }
}

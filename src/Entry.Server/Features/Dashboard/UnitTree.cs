using Entry.Server.Data;
using Entry.Shared.Progress;
using Entry.Shared.Units;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Dashboard;

public enum PlaceKind
{
    Province,
    District,
    Unit,
}

/// <summary>
/// Where a dashboard or a drill-down looks: the province, a district (the units just under the root — communes after the 2025
/// reform), or a unit below them. <see cref="Scope"/> is the counter scope of its whole subtree.
/// </summary>
public sealed record DashboardPlace(PlaceKind Kind, string Code, string Name, UnitLevel Level, string? DistrictCode)
{
    public ScopeKey Key => Kind switch
    {
        PlaceKind.Province => ScopeKey.Province,
        PlaceKind.District => ScopeKey.District(Code),
        _ => ScopeKey.Unit(Code),
    };

    public string Scope => Key.Name;
}

public sealed record UnitNode(string Code, string Name, UnitLevel Level, string? ParentCode, string? DistrictCode)
{
    /// <summary>Just under the root: a district, or a commune where the province has no district level.</summary>
    public bool IsDistrict => ParentCode is not null && DistrictCode == Code;
}

/// <summary>The province's units, read at once (a province has a few hundred).</summary>
public sealed class UnitTree
{
    private readonly Dictionary<string, UnitNode> byCode;
    private readonly ILookup<string?, UnitNode> byParent;

    private UnitTree(List<UnitNode> units)
    {
        byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        byParent = units.ToLookup(u => u.ParentCode);
        Root = units.Single(u => u.ParentCode is null);
    }

    public UnitNode Root { get; }

    public static async Task<UnitTree> ReadAsync(EntryDb db, CancellationToken ct) =>
        new(await db.Units.AsNoTracking().Select(u => new UnitNode(u.Code, u.Name, u.Level, u.ParentCode, u.DistrictCode)).ToListAsync(ct));

    public UnitNode? Find(string code) => byCode.GetValueOrDefault(code);

    public IEnumerable<UnitNode> ChildrenOf(string code) => byParent[code].OrderBy(u => u.Code, StringComparer.Ordinal);

    public bool HasChildren(string code) => byParent[code].Any();

    public DashboardPlace Province => new(PlaceKind.Province, Root.Code, Root.Name, Root.Level, null);

    /// <summary>The place of a unit code, or null for an unknown code.</summary>
    public DashboardPlace? PlaceOf(string code) => Find(code) switch
    {
        null => null,
        { ParentCode: null } => Province,
        { IsDistrict: true } unit => new DashboardPlace(PlaceKind.District, unit.Code, unit.Name, unit.Level, unit.Code),
        var unit => new DashboardPlace(PlaceKind.Unit, unit.Code, unit.Name, unit.Level, unit.DistrictCode),
    };
}

namespace Entry.Server.Features.Assignment;

/// <summary>How far a paper book travels to a team, nearest first.</summary>
public enum Nearness
{
    SameUnit = 0,
    /// <summary>The team's unit lies in the book's district (the district office or one of its communes).</summary>
    SameDistrict = 1,
    /// <summary>The team's unit is above the book's (the province for a district's book) or just below it (a district for the province's).</summary>
    Parent = 2,
    /// <summary>The team's district touches the book's district.</summary>
    NeighbouringDistrict = 3,
    Elsewhere = 4,
}

/// <summary>The nearness of any unit to any other, from the unit tree and which districts touch.</summary>
public sealed class UnitGeography
{
    private readonly Dictionary<string, string?> _parent;
    private readonly Dictionary<string, string?> _district;
    private readonly DistrictNeighbours _neighbours;

    public UnitGeography(IReadOnlyList<PlanUnit> units, DistrictNeighbours neighbours)
    {
        _parent = units.ToDictionary(u => u.Code, u => u.ParentCode, StringComparer.Ordinal);
        _neighbours = neighbours;
        // A unit's district is its ancestor just below the root (the tree's depth comes from the data).
        _district = units.ToDictionary(u => u.Code, u => DistrictOf(u.Code), StringComparer.Ordinal);
    }

    private string? DistrictOf(string code)
    {
        string? below = null;
        for (string? c = code; c is not null; c = _parent.GetValueOrDefault(c))
        {
            if (_parent.GetValueOrDefault(c) is null)
            {
                return below;
            }
            below = c;
        }
        return null;
    }

    public string? District(string unit) => _district.GetValueOrDefault(unit);

    private readonly Dictionary<(string, string), Nearness> _known = [];

    public Nearness Of(string bookUnit, string teamUnit)
    {
        if (!_known.TryGetValue((bookUnit, teamUnit), out var nearness))
        {
            _known[(bookUnit, teamUnit)] = nearness = Compute(bookUnit, teamUnit);
        }
        return nearness;
    }

    private Nearness Compute(string bookUnit, string teamUnit)
    {
        if (bookUnit == teamUnit)
        {
            return Nearness.SameUnit;
        }
        var (bookDistrict, teamDistrict) = (District(bookUnit), District(teamUnit));
        if (bookDistrict is not null && bookDistrict == teamDistrict)
        {
            return Nearness.SameDistrict;
        }
        if (IsAncestor(teamUnit, bookUnit) || _parent.GetValueOrDefault(teamUnit) == bookUnit)
        {
            return Nearness.Parent;
        }
        if (bookDistrict is not null && teamDistrict is not null && _neighbours.Touch(bookDistrict, teamDistrict))
        {
            return Nearness.NeighbouringDistrict;
        }
        return Nearness.Elsewhere;
    }

    private bool IsAncestor(string ancestor, string unit)
    {
        for (var c = _parent.GetValueOrDefault(unit); c is not null; c = _parent.GetValueOrDefault(c))
        {
            if (c == ancestor)
            {
                return true;
            }
        }
        return false;
    }
}

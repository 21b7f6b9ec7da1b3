using System.Text.Json;
using Entry.Server.Features.Dashboard;

namespace Entry.Server.Features.Assignment;

/// <summary>
/// Which districts touch, read once from the district outlines Entry ships for the map: two districts touch when their
/// outlines share a stretch of boundary (at least two vertices in common; one common vertex is only a corner).
/// </summary>
public sealed class DistrictNeighbours
{
    private const int SharedVerticesForABorder = 2;
    private readonly Dictionary<string, HashSet<string>> _touching;

    public DistrictNeighbours(Dictionary<string, HashSet<string>> touching) => _touching = touching;

    public static DistrictNeighbours Shipped { get; } = Read(
        typeof(DistrictMap).Assembly.GetManifestResourceStream(DistrictMap.EmbeddedOutlines)
        ?? throw new InvalidOperationException($"Embedded resource {DistrictMap.EmbeddedOutlines} is missing."));

    public bool Touch(string a, string b) => _touching.TryGetValue(a, out var set) && set.Contains(b);

    public IReadOnlyCollection<string> Of(string district) => _touching.TryGetValue(district, out var set) ? set : [];

    public static DistrictNeighbours Read(Stream geoJson)
    {
        using var _ = geoJson;
        using var document = JsonDocument.Parse(geoJson);
        var vertices = new Dictionary<string, HashSet<(long, long)>>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var code = feature.GetProperty("properties").GetProperty("code").GetString()!;
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon" ? coordinates.EnumerateArray().ToList() : [coordinates];
            var set = vertices.TryGetValue(code, out var known) ? known : vertices[code] = [];
            foreach (var point in polygons.SelectMany(p => p.EnumerateArray()).SelectMany(ring => ring.EnumerateArray()))
            {
                // About a metre: the outlines of two neighbours repeat the same vertices along their common border.
                set.Add(((long)Math.Round(point[0].GetDouble() * 1e5), (long)Math.Round(point[1].GetDouble() * 1e5)));
            }
        }
        var touching = vertices.Keys.ToDictionary(k => k, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var codes = vertices.Keys.Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < codes.Count; i++)
        {
            for (var j = i + 1; j < codes.Count; j++)
            {
                if (vertices[codes[i]].Count(vertices[codes[j]].Contains) >= SharedVerticesForABorder)
                {
                    touching[codes[i]].Add(codes[j]);
                    touching[codes[j]].Add(codes[i]);
                }
            }
        }
        return new DistrictNeighbours(touching);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Entry.Shared.Monitoring;

namespace Entry.Server.Features.Dashboard;

/// <summary>
/// The districts' outlines as SVG paths, projected once from the shipped GeoJSON: equirectangular, longitude scaled by the cosine
/// of the mean latitude, about <see cref="Width"/> wide, y down, one decimal — small enough for a slow link, no map tiles.
/// </summary>
public sealed class DistrictMap
{
    public const string EmbeddedOutlines = "Entry.Server.Data.Reference.binh-phuoc-districts.geojson";
    public const double Width = 1000;
    private const double Margin = 10;

    private readonly Lazy<(MapOutlines Outlines, string ETag)> built = new(() => Build(OpenEmbedded()));

    public MapOutlines Outlines => built.Value.Outlines;

    /// <summary>A strong validator of the answer, the same for as long as the shipped outlines are.</summary>
    public string ETag => built.Value.ETag;

    private static Stream OpenEmbedded() =>
        typeof(DistrictMap).Assembly.GetManifestResourceStream(EmbeddedOutlines)
        ?? throw new InvalidOperationException($"Embedded resource {EmbeddedOutlines} is missing.");

    public static (MapOutlines Outlines, string ETag) Build(Stream geoJson)
    {
        using var document = JsonDocument.Parse(geoJson);
        var districts = document.RootElement.GetProperty("features").EnumerateArray().Select(feature =>
        {
            var properties = feature.GetProperty("properties");
            var geometry = feature.GetProperty("geometry");
            var polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [Polygon(geometry.GetProperty("coordinates"))],
                "MultiPolygon" => geometry.GetProperty("coordinates").EnumerateArray().Select(Polygon).ToList(),
                var other => throw new InvalidDataException($"Unsupported geometry {other}."),
            };
            return (Code: properties.GetProperty("code").GetString()!, Name: properties.GetProperty("name").GetString()!, Polygons: polygons);
        }).ToList();

        var points = districts.SelectMany(d => d.Polygons).SelectMany(p => p).SelectMany(r => r).ToList();
        var (minLon, maxLon) = (points.Min(p => p.Lon), points.Max(p => p.Lon));
        var (minLat, maxLat) = (points.Min(p => p.Lat), points.Max(p => p.Lat));
        var squeeze = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var scale = (Width - 2 * Margin) / ((maxLon - minLon) * squeeze);
        var height = Math.Ceiling((maxLat - minLat) * scale + 2 * Margin);
        (double X, double Y) Project((double Lon, double Lat) p) =>
            (Math.Round(Margin + (p.Lon - minLon) * squeeze * scale, 1), Math.Round(Margin + (maxLat - p.Lat) * scale, 1));

        var outlines = new MapOutlines($"0 0 {Width.ToString(CultureInfo.InvariantCulture)} {height.ToString(CultureInfo.InvariantCulture)}",
            districts.Select(d =>
            {
                var projected = d.Polygons.Select(p => p.Select(r => r.Select(Project).ToList()).ToList()).ToList();
                var (labelX, labelY) = Centroid(projected.MaxBy(p => Math.Abs(Area(p[0])))![0]);
                return new DistrictOutline(d.Code, d.Name, Path(projected), Math.Round(labelX, 1), Math.Round(labelY, 1));
            }).OrderBy(d => d.Code, StringComparer.Ordinal).ToList());
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(outlines)));
        return (outlines, $"\"{Convert.ToHexString(hash, 0, 12).ToLowerInvariant()}\"");
    }

    /// <summary>A polygon: its outer ring, then its holes.</summary>
    private static List<List<(double Lon, double Lat)>> Polygon(JsonElement rings) =>
        rings.EnumerateArray().Select(ring => ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList()).ToList();

    private static string Path(List<List<List<(double X, double Y)>>> polygons)
    {
        var path = new StringBuilder();
        foreach (var ring in polygons.SelectMany(p => p))
        {
            // The closing point repeats the first (Z draws it) and rounding leaves neighbours that coincide.
            var points = ring.Where((p, i) => i == 0 || p != ring[i - 1]).ToList();
            if (points.Count > 1 && points[^1] == points[0])
            {
                points.RemoveAt(points.Count - 1);
            }
            if (points.Count < 3)
            {
                continue;
            }
            path.Append(path.Length == 0 ? "M" : " M").Append(Number(points[0].X)).Append(' ').Append(Number(points[0].Y)).Append(" L");
            foreach (var (x, y) in points.Skip(1))
            {
                path.Append(' ').Append(Number(x)).Append(' ').Append(Number(y));
            }
            path.Append(" Z");
        }
        return path.ToString();
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Signed area of a ring (shoelace).</summary>
    private static double Area(List<(double X, double Y)> ring) =>
        ring.Zip(ring.Skip(1).Append(ring[0]), (a, b) => a.X * b.Y - b.X * a.Y).Sum() / 2;

    private static (double X, double Y) Centroid(List<(double X, double Y)> ring)
    {
        var area = Area(ring);
        if (Math.Abs(area) < 1e-9)
        {
            return (ring.Average(p => p.X), ring.Average(p => p.Y));
        }
        var pairs = ring.Zip(ring.Skip(1).Append(ring[0])).ToList();
        var x = pairs.Sum(p => (p.First.X + p.Second.X) * (p.First.X * p.Second.Y - p.Second.X * p.First.Y));
        var y = pairs.Sum(p => (p.First.Y + p.Second.Y) * (p.First.X * p.Second.Y - p.Second.X * p.First.Y));
        return (x / (6 * area), y / (6 * area));
    }
}

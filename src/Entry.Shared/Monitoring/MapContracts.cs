namespace Entry.Shared.Monitoring;

/// <summary>
/// <c>GET /api/map/districts</c>: the districts' outlines as SVG paths in one <c>ViewBox</c> (projected on the server from the
/// shipped GeoJSON; no map tiles, so it works inside a closed network). Label coordinates are in the same box.
/// </summary>
public sealed record MapOutlines(string ViewBox, IReadOnlyList<DistrictOutline> Districts);

public sealed record DistrictOutline(string Code, string Name, string Path, double LabelX, double LabelY);

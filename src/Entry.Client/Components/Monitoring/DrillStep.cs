using Entry.Shared.Monitoring;

namespace Entry.Client.Components.Monitoring;

/// <summary>
/// One step down the dashboard's table: a unit opened to its rows (<see cref="Children"/>) or to its own books
/// (<see cref="Books"/>). Read once when opened, so it says when (<see cref="LoadedAt"/>) and can be read again.
/// </summary>
public sealed record DrillStep(DashboardUnitRow Unit, UnitDrillDown? Children, IReadOnlyList<DashboardBookRow>? Books, DateTimeOffset LoadedAt);

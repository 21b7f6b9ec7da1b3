using Entry.Shared.Monitoring;

namespace Entry.Client.Components.Monitoring;

/// <summary>
/// One step down the dashboard's table: a unit opened to its rows (<see cref="Children"/>) or to its own books
/// (<see cref="Books"/>). Read when opened (<see cref="LoadedAt"/>); a district's rows then follow its dashboard's
/// <c>dashboardChanged</c> (<see cref="LiveAt"/>: the newest applied), while books stay as read and can be read again.
/// </summary>
public sealed record DrillStep(DashboardUnitRow Unit, UnitDrillDown? Children, IReadOnlyList<DashboardBookRow>? Books, DateTimeOffset LoadedAt,
    DateTimeOffset? LiveAt = null)
{
    /// <summary>The step with the figures of its dashboard's message; the same step when the message is of another scope or older.</summary>
    public DrillStep With(DashboardLive live)
    {
        if (Children is not { } children || live.Scope != Unit.Scope || live.At < LiveAt)
        {
            return this;
        }
        var units = live.Units.ToDictionary(u => u.Scope);
        return this with
        {
            Children = new UnitDrillDown(
                children.Unit with { Figures = live.Totals, Books = live.Books },
                [.. children.Rows.Select(row => units.TryGetValue(row.Scope, out var u) ? row with { Figures = u.Figures, Books = u.Books } : row)]),
            LiveAt = live.At,
        };
    }
}

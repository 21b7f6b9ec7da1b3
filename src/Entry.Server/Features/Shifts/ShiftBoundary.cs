namespace Entry.Server.Features.Shifts;

/// <summary>
/// One transition of the shift clock: a shift opening at its start or closing at its end.
/// The order (date, shift, transition) is the order in time: at 12:00 and 17:00 the close of one shift comes before the open of the next.
/// </summary>
public readonly record struct ShiftBoundary(DateOnly Date, int Shift, ShiftTransition Transition, DateTimeOffset DueAt)
{
    /// <summary>Every boundary due in [<paramref name="from"/>, <paramref name="to"/>], in order.</summary>
    public static IEnumerable<ShiftBoundary> Between(DateTimeOffset from, DateTimeOffset to)
    {
        for (var date = ShiftCalendar.LocalDate(from); date <= ShiftCalendar.LocalDate(to); date = date.AddDays(1))
        {
            foreach (var shift in ShiftCalendar.Shifts)
            {
                var opened = new ShiftBoundary(date, shift, ShiftTransition.Opened, ShiftCalendar.Start(date, shift));
                var closed = new ShiftBoundary(date, shift, ShiftTransition.Closed, ShiftCalendar.End(date, shift));
                foreach (var boundary in new[] { opened, closed })
                {
                    if (boundary.DueAt >= from && boundary.DueAt <= to)
                    {
                        yield return boundary;
                    }
                }
            }
        }
    }

    /// <summary>The boundaries of the most recent boundary instant at or before <paramref name="now"/> (two at 12:00 and 17:00).</summary>
    public static IReadOnlyList<ShiftBoundary> Latest(DateTimeOffset now)
    {
        // The longest gap between boundaries is the night (22:00–06:00): one day back always holds one.
        var lastDay = Between(now.AddDays(-1), now).ToList();
        var latest = lastDay.Max(b => b.DueAt);
        return lastDay.Where(b => b.DueAt == latest).ToList();
    }
}

using Entry.Shared.Shifts;

namespace Entry.Server.Features.Shifts;

/// <summary>
/// The campaign's three daily shifts in Asia/Ho_Chi_Minh time (UTC+7, no daylight saving):
/// 1 = 06:00–12:00, 2 = 12:00–17:00, 3 = 17:00–22:00. The one place where local time is worked out.
/// </summary>
public static class ShiftCalendar
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    private static readonly (TimeOnly Start, TimeOnly End)[] Times =
    [
        (new TimeOnly(6, 0), new TimeOnly(12, 0)),
        (new TimeOnly(12, 0), new TimeOnly(17, 0)),
        (new TimeOnly(17, 0), new TimeOnly(22, 0)),
    ];

    public static readonly int[] Shifts = [1, 2, 3];

    public static bool IsShift(int shift) => shift is >= 1 and <= 3;

    public static double Hours(int shift) => (Times[shift - 1].End - Times[shift - 1].Start).TotalHours;

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateTimeOffset Start(DateOnly date, int shift) => At(date, Times[shift - 1].Start);

    public static DateTimeOffset End(DateOnly date, int shift) => At(date, Times[shift - 1].End);

    public static ShiftSlot Slot(DateOnly date, int shift) => new(date, shift, Start(date, shift), End(date, shift));

    /// <summary>The shift open at that instant (start inclusive, end exclusive), or null in the night gap 22:00–06:00.</summary>
    public static ShiftSlot? OpenAt(DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        foreach (var shift in Shifts)
        {
            if (instant >= Start(date, shift) && instant < End(date, shift))
            {
                return Slot(date, shift);
            }
        }
        return null;
    }

    /// <summary>The first shift starting after that instant.</summary>
    public static ShiftSlot NextAfter(DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        for (var day = 0; day < 2; day++)
        {
            foreach (var shift in Shifts)
            {
                if (Start(date.AddDays(day), shift) > instant)
                {
                    return Slot(date.AddDays(day), shift);
                }
            }
        }
        throw new InvalidOperationException("unreachable: a shift starts every day");
    }

    /// <summary>The Monday of the week holding that date.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The 21 shifts of a week, in order.</summary>
    public static IEnumerable<ShiftSlot> Week(DateOnly weekStart) =>
        Enumerable.Range(0, 7).SelectMany(d => Shifts.Select(s => Slot(weekStart.AddDays(d), s)));
}

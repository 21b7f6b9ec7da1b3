using Entry.Server.Features.Shifts;

namespace Entry.Server.Tests.Shifts;

public sealed class ShiftCalendarTests
{
    private static readonly DateOnly Day = new(2026, 3, 3);

    [Theory]
    [InlineData(5, 59, null, 1, 0)]
    [InlineData(6, 0, 1, 2, 0)]
    [InlineData(11, 59, 1, 2, 0)]
    [InlineData(12, 0, 2, 3, 0)]
    [InlineData(16, 59, 2, 3, 0)]
    [InlineData(17, 0, 3, 1, 1)]
    [InlineData(21, 59, 3, 1, 1)]
    [InlineData(22, 0, null, 1, 1)]
    [InlineData(3, 0, null, 1, 0)]
    public void At_a_local_time_the_open_shift_and_the_next_one_are_known(int hour, int minute, int? open, int next, int nextDaysLater)
    {
        var instant = Local.At(Day, hour, minute);

        var openSlot = ShiftCalendar.OpenAt(instant);
        var nextSlot = ShiftCalendar.NextAfter(instant);

        Assert.Equal(open, openSlot?.Shift);
        if (openSlot is not null)
        {
            Assert.Equal(Day, openSlot.Date);
            Assert.True(openSlot.Starts <= instant && instant < openSlot.Ends);
        }
        Assert.Equal(next, nextSlot.Shift);
        Assert.Equal(Day.AddDays(nextDaysLater), nextSlot.Date);
    }

    [Fact]
    public void Shift_times_are_local_to_Ho_Chi_Minh_City_at_utc_plus_7()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero), ShiftCalendar.Start(Day, 1));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 15, 0, 0, TimeSpan.Zero), ShiftCalendar.End(Day, 3));
        Assert.Equal(Day, ShiftCalendar.LocalDate(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_week_starts_on_Monday_and_holds_21_shifts()
    {
        var monday = new DateOnly(2026, 3, 2);

        Assert.Equal(monday, ShiftCalendar.WeekStart(monday));
        Assert.Equal(monday, ShiftCalendar.WeekStart(new DateOnly(2026, 3, 8)));
        Assert.Equal(monday.AddDays(7), ShiftCalendar.WeekStart(new DateOnly(2026, 3, 9)));
        var week = ShiftCalendar.Week(monday).ToList();
        Assert.Equal(21, week.Count);
        Assert.Equal((monday, 1), (week[0].Date, week[0].Shift));
        Assert.Equal((monday.AddDays(6), 3), (week[^1].Date, week[^1].Shift));
    }

    [Fact]
    public void A_day_has_six_boundaries_in_order_with_each_close_before_the_next_open()
    {
        var boundaries = ShiftBoundary.Between(Local.At(Day, 0, 0), Local.At(Day, 23, 59)).ToList();

        Assert.Equal(
            [(1, ShiftTransition.Opened, 6), (1, ShiftTransition.Closed, 12), (2, ShiftTransition.Opened, 12),
             (2, ShiftTransition.Closed, 17), (3, ShiftTransition.Opened, 17), (3, ShiftTransition.Closed, 22)],
            boundaries.Select(b => (b.Shift, b.Transition, ShiftCalendar.ToLocal(b.DueAt).Hour)));
        Assert.All(boundaries, b => Assert.Equal(Day, b.Date));
    }

    [Fact]
    public void The_latest_boundary_at_12_30_is_the_close_of_shift_1_then_the_open_of_shift_2()
    {
        var latest = ShiftBoundary.Latest(Local.At(Day, 12, 30));

        Assert.Equal([(1, ShiftTransition.Closed), (2, ShiftTransition.Opened)], latest.Select(b => (b.Shift, b.Transition)));
    }

    [Fact]
    public void The_latest_boundary_in_the_night_is_the_close_of_yesterdays_shift_3()
    {
        var latest = Assert.Single(ShiftBoundary.Latest(Local.At(Day, 3, 0)));

        Assert.Equal((Day.AddDays(-1), 3, ShiftTransition.Closed), (latest.Date, latest.Shift, latest.Transition));
    }
}

using Entry.Server.Features.Dashboard;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Monitoring;

namespace Entry.Server.Tests.Dashboard;

/// <summary>The dashboard's arithmetic, on figures given (no server).</summary>
public sealed class DashboardMathTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static SprintSettingsResponse Sprint(DateOnly start, DateOnly end) => new(start, end, 80, null, null);

    [Fact]
    public void The_shift_window_ends_at_the_open_shift_and_reaches_back_21_shifts()
    {
        var shifts = DashboardMath.LastShifts(Local.At(Today, 9, 0));

        Assert.Equal(21, shifts.Count);
        Assert.Equal((Today, 1), shifts[^1]);
        Assert.Equal((Today.AddDays(-1), 3), shifts[^2]);
        Assert.Equal((Today.AddDays(-7), 2), shifts[0]);
    }

    [Theory]
    [InlineData(12, 0, 0, 2)]
    [InlineData(23, 30, 0, 3)]
    [InlineData(5, 59, -1, 3)]
    [InlineData(6, 0, 0, 1)]
    public void Between_shifts_the_window_ends_at_the_last_one_closed(int hour, int minute, int dayOffset, int shift)
    {
        Assert.Equal((Today.AddDays(dayOffset), shift), DashboardMath.LastShifts(Local.At(Today, hour, minute))[^1]);
    }

    [Fact]
    public void The_cumulative_line_counts_cases_done_before_the_start_into_the_first_day_and_stops_today()
    {
        var start = Today.AddDays(-2);
        var doneOn = new Dictionary<DateOnly, long> { [start] = 1, [start.AddDays(1)] = 2, [Today] = 3 };

        var days = DashboardMath.Days(Sprint(start, start.AddDays(9)), Today, target: 1000, doneNow: 10, doneOn);

        Assert.Equal(10, days.Count);
        Assert.Equal([5L, 7L, 10L], days.Take(3).Select(d => d.Cumulative!.Value));
        Assert.Equal([1L, 2L, 3L], days.Take(3).Select(d => d.Done!.Value));
        Assert.All(days.Skip(3), d => Assert.Null(d.Done));
        Assert.All(days.Skip(3), d => Assert.Null(d.Cumulative));
        Assert.Equal([100L, 200L, 1000L], new[] { days[0].Needed, days[1].Needed, days[^1].Needed });
    }

    [Fact]
    public void The_pace_is_the_average_of_the_last_seven_whole_days_and_the_finish_is_the_one_projected()
    {
        var start = Today.AddDays(-10);
        var doneOn = Enumerable.Range(1, 10).ToDictionary(i => Today.AddDays(-i), i => i <= 7 ? 10L : 500L);
        doneOn[Today] = 4;
        var end = Today.AddDays(19);

        var projection = DashboardMath.Projection(Sprint(start, end), Today, target: 1000, doneNow: 300, doneOn, projectedFinish: Today.AddDays(70));

        Assert.Equal(10, projection.PerDay);
        Assert.Equal(Today.AddDays(70), projection.ProjectedFinish);
        Assert.Equal(51, projection.DaysLate);
        Assert.Equal(35, projection.NeededPerDay);
        Assert.Equal(end, projection.EndDate);
        Assert.False(projection.OnTrack);
    }

    [Fact]
    public void On_the_first_day_the_pace_is_today_so_far_and_an_early_finish_is_on_track()
    {
        var projection = DashboardMath.Projection(Sprint(Today, Today.AddDays(29)), Today, target: 1000, doneNow: 50,
            new Dictionary<DateOnly, long> { [Today] = 50 }, projectedFinish: Today.AddDays(19));

        Assert.Equal(50, projection.PerDay);
        Assert.Equal(Today.AddDays(19), projection.ProjectedFinish);
        Assert.Equal(-10, projection.DaysLate);
        Assert.True(projection.OnTrack);
    }

    [Fact]
    public void Without_a_projected_finish_there_is_none_shown_and_when_all_is_done_it_is_today()
    {
        var sprint = Sprint(Today.AddDays(-3), Today.AddDays(3));

        var idle = DashboardMath.Projection(sprint, Today, target: 100, doneNow: 0, new Dictionary<DateOnly, long>(), projectedFinish: null);
        var done = DashboardMath.Projection(sprint, Today, target: 100, doneNow: 100, new Dictionary<DateOnly, long>(), projectedFinish: null);

        Assert.Equal((0d, null, null, false), (idle.PerDay, idle.ProjectedFinish, idle.DaysLate, idle.OnTrack));
        Assert.Equal(100.0 / 4, idle.NeededPerDay);
        Assert.Equal((Today, true, 0d), (done.ProjectedFinish!.Value, done.OnTrack, done.NeededPerDay));
    }

    [Fact]
    public void The_teams_behind_are_those_short_of_their_plan_furthest_first_at_most_ten()
    {
        var teams = Enumerable.Range(1, 14).Select(i => DashboardMath.TeamAgainstPlan(i, $"T{i}", "25195", "Tân Phú", plannedCases: 100, done: i * 10));

        var behind = DashboardMath.Behind(teams);

        Assert.Equal(9, behind.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], behind.Select(t => t.TeamId));
        Assert.Equal((100L, 10L, 90L, 10d), (behind[0].Planned, behind[0].Done, behind[0].Shortfall, behind[0].PercentOfPlan));
        Assert.Equal(10, DashboardMath.Behind(Enumerable.Range(1, 14).Select(i => DashboardMath.TeamAgainstPlan(i, "T", "1", "U", 1000, i))).Count);
    }
}

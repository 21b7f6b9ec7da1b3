using Entry.Client.Components.Monitoring;

namespace Entry.Client.Tests.Monitoring;

/// <summary>The dashboard charts' axes: round value ticks, and labels few enough not to run into each other.</summary>
public sealed class ChartAxisTests
{
    [Theory]
    [InlineData(327_680, 8, 50_000)]
    [InlineData(104_277, 8, 20_000)]
    [InlineData(95, 6, 20)]
    [InlineData(100, 6, 20)]
    [InlineData(101, 6, 50)]
    [InlineData(7, 6, 2)]
    [InlineData(3, 6, 1)]
    [InlineData(0, 6, 1)]
    public void The_step_is_one_two_or_five_times_a_power_of_ten_and_fits_the_ticks(double max, int ticks, int step)
    {
        Assert.Equal(step, ChartAxis.NiceStep(max, ticks));
    }

    [Fact]
    public void Every_tick_is_a_multiple_of_a_round_step_from_zero_past_the_maximum_and_within_the_bound()
    {
        foreach (var max in new[] { 1.0, 9, 42, 250, 1_234, 99_999, 327_680, 2_500_000 })
        {
            var ticks = ChartAxis.Ticks(max, 8);

            Assert.Equal(0, ticks[0]);
            Assert.True(ticks[^1] >= max);
            Assert.True(ticks.Count <= 8, $"{max}: {ticks.Count} ticks");
            var step = ticks[1];
            var leading = step / (long)Math.Pow(10, Math.Floor(Math.Log10(step)));
            Assert.Contains(leading, new long[] { 1, 2, 5 });
            Assert.All(ticks.Select((t, i) => (t, i)), x => Assert.Equal(x.i * step, x.t));
        }
    }

    [Fact]
    public void Labels_are_thinned_to_every_nth_from_the_first_and_blanks_stay_blank()
    {
        var days = Enumerable.Range(1, 14).Select(d => $"{d:00}/11").ToArray();

        var thinned = ChartAxis.Thin(days, 7);

        Assert.Equal(["01/11", "", "03/11", "", "05/11", "", "07/11", "", "09/11", "", "11/11", "", "13/11", ""], thinned);
        // Three shifts a day: only the days' labels count.
        var shifts = Enumerable.Range(0, 21).Select(i => i % 3 == 0 ? $"{20 + i / 3}/11" : "").ToArray();
        Assert.Equal(shifts, ChartAxis.Thin(shifts, 7));
        Assert.Equal(4, ChartAxis.Thin(shifts, 4).Count(l => l.Length > 0));
    }
}

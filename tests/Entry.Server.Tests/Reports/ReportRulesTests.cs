using Entry.Shared.Monitoring;

namespace Entry.Server.Tests.Reports;

public sealed class ReportRulesTests
{
    [Theory]
    [InlineData(799, 1000, 79.9)]
    [InlineData(7995, 10000, 80.0)]
    [InlineData(1, 3, 33.3)]
    [InlineData(2, 3, 66.7)]
    [InlineData(0, 0, 0.0)]
    [InlineData(40, 40, 100.0)]
    public void The_percentage_is_done_of_total_rounded_to_one_decimal(long done, long total, double percent) =>
        Assert.Equal(percent, ReportRules.Percent(done, total));

    [Theory]
    [InlineData(79.9, 80, false)]
    [InlineData(80.0, 80, true)]
    [InlineData(80.1, 80, true)]
    [InlineData(12.5, 12.5, true)]
    [InlineData(12.4, 12.5, false)]
    public void Dat_when_the_percentage_as_shown_reaches_the_target(double percent, double target, bool met)
    {
        Assert.Equal(met, ReportRules.Met(percent, (decimal)target));
        Assert.Equal(met ? "Đạt" : "Không đạt", ReportRules.ResultText(met));
    }

    [Fact]
    public void A_percentage_just_under_the_target_that_rounds_up_to_it_is_Dat()
    {
        // 79.95 % is shown as 80 %: the rule reads the percentage as shown.
        Assert.True(ReportRules.Met(ReportRules.Percent(7995, 10000), 80m));
        Assert.False(ReportRules.Met(ReportRules.Percent(7994, 10000), 80m));
    }

    [Theory]
    [InlineData(12.9, 12.5, "Tăng 0,4%")]
    [InlineData(89.5, 99.0, "Giảm 9,5%")]
    [InlineData(100.0, 100.0, "Bằng")]
    [InlineData(100.0, 12.5, "Tăng 87,5%")]
    public void The_change_is_the_difference_of_the_rounded_percentages_in_words(double percent, double previous, string words)
    {
        var change = ReportRules.Change(percent, previous);

        Assert.Equal(words, ReportRules.ChangeText(change));
    }

    [Fact]
    public void Without_a_previous_report_there_is_no_change()
    {
        Assert.Equal(ReportChange.None, ReportRules.Kind(null));
        Assert.Equal("", ReportRules.ChangeText(null));
        Assert.Equal("100%", ReportRules.PercentText(100));
        Assert.Equal("12,5%", ReportRules.PercentText(12.5));
    }
}

using System.Globalization;
using Entry.Client.Services;

namespace Entry.Client.Tests.Culture;

/// <summary>English is British English: day-first dates and 24-hour times; an English stored by the older app still reads as English.</summary>
public sealed class CultureChoiceTests
{
    [Theory]
    [InlineData("en-GB", true)]
    [InlineData("en-US", true)]
    [InlineData("vi-VN", false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    public void A_stored_choice_is_English_for_either_English(string? stored, bool english)
    {
        Assert.Equal(english, CultureChoice.IsEnglishChoice(stored));
    }

    [Fact]
    public void English_writes_dates_day_first_and_times_on_the_24_hour_clock()
    {
        var english = CultureInfo.GetCultureInfo(CultureChoice.English);
        var at = new DateTime(2026, 2, 12, 17, 5, 0);

        Assert.Equal("12/02/2026", new DateOnly(2026, 2, 12).ToString("d", english));
        Assert.Equal("12/02/2026 17:05", at.ToString("g", english));
    }
}

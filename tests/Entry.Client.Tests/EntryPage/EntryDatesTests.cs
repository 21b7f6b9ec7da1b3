using Entry.Client.Components.EntryPage;

namespace Entry.Client.Tests.EntryPage;

/// <summary>Dates typed at the keyboard: the forms a clerk types, two-digit years read against the book, days that do not exist.</summary>
public sealed class EntryDatesTests
{
    [Theory]
    [InlineData("15031970", 1975, 1970, 3, 15)]
    [InlineData("150370", 1975, 1970, 3, 15)]
    [InlineData("15/3/1970", 1975, 1970, 3, 15)]
    [InlineData("5/3/70", 1975, 1970, 3, 5)]
    [InlineData("15.03.1970", 1975, 1970, 3, 15)]
    [InlineData(" 15-03-1970 ", 1975, 1970, 3, 15)]
    [InlineData("150345", 1975, 1945, 3, 15)]
    [InlineData("150375", 1975, 1975, 3, 15)]
    [InlineData("150376", 1975, 1876, 3, 15)]
    [InlineData("010100", 2005, 2000, 1, 1)]
    [InlineData("29/02/2000", 2005, 2000, 2, 29)]
    public void A_typed_date_is_read_and_shown_as_dd_mm_yyyy(string typed, int latestYear, int year, int month, int day)
    {
        var read = EntryDates.Read(typed, latestYear);

        Assert.Equal(new DateOnly(year, month, day), read.Date);
        Assert.Equal($"{day:00}/{month:00}/{year}", read.Shown);
    }

    [Theory]
    [InlineData("31021970", "31/02/1970", true)]
    [InlineData("31/2/1970", "31/02/1970", true)]
    [InlineData("29/02/1900", "29/02/1900", true)]
    [InlineData("31/04/70", "31/04/1970", true)]
    [InlineData("15/13/1970", "15/13/1970", false)]
    [InlineData("00/03/1970", "00/03/1970", true)]
    public void A_day_that_does_not_exist_is_no_date_but_is_shown_as_typed_in_full(string typed, string shown, bool monthExists)
    {
        var read = EntryDates.Read(typed, 1975);

        Assert.Null(read.Date);
        Assert.False(read.Unreadable);
        Assert.Equal(shown, read.Shown);
        Assert.Equal(monthExists, read.MonthExists);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hôm qua")]
    [InlineData("1503197")]
    [InlineData("1970-03-15")]
    [InlineData("15/03")]
    [InlineData("150/3/1970")]
    public void Text_that_is_no_date_is_unreadable(string typed)
    {
        var read = EntryDates.Read(typed, 1975);

        Assert.Null(read.Date);
        Assert.True(read.Unreadable);
    }
}

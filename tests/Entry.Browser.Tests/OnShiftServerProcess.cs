using System.Globalization;

namespace Entry.Browser.Tests;

/// <summary>
/// A server whose clock is moved (Entry:Clock:Offset) so that a shift stays open for at least an hour: the clerk can log a
/// case whatever the hour of the test run (shifts run 06:00–22:00 in Asia/Ho_Chi_Minh, UTC+7).
/// </summary>
public sealed class OnShiftServerProcess : ServerProcess
{
    public TimeSpan ClockOffset { get; } = OffsetIntoShift(DateTimeOffset.UtcNow);

    protected override void Configure(IDictionary<string, string?> environment) =>
        environment["Entry__Clock__Offset"] = ClockOffset.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Zero from 06:00 to 21:00 local; otherwise the whole minutes to 06:05 of the next morning.</summary>
    public static TimeSpan OffsetIntoShift(DateTimeOffset utcNow)
    {
        var local = utcNow.ToOffset(TimeSpan.FromHours(7));
        if (local.TimeOfDay >= TimeSpan.FromHours(6) && local.TimeOfDay < TimeSpan.FromHours(21))
        {
            return TimeSpan.Zero;
        }
        var morning = new DateTimeOffset(local.Date, local.Offset).AddHours(6).AddMinutes(5);
        if (morning <= local)
        {
            morning = morning.AddDays(1);
        }
        return TimeSpan.FromMinutes(Math.Ceiling((morning - local).TotalMinutes));
    }
}

/// <summary>The dashboard's browser tests: their own server on an open shift, and Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class OnShiftBrowserCollection : ICollectionFixture<OnShiftServerProcess>, ICollectionFixture<ChromiumBrowser>
{
    public const string Name = "Browser on shift";
}

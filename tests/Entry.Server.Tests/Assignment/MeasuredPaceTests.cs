using Entry.Server.Features.Assignment;

namespace Entry.Server.Tests.Assignment;

/// <summary>How a team's measured pace replaces the configured rate.</summary>
public sealed class MeasuredPaceTests
{
    [Fact]
    public void Before_a_few_logged_shifts_the_configured_rate_holds()
    {
        var pace = TeamPace.Estimate(loggedShifts: 2, clerkHours: 40, cases: 800, configuredRate: 6, priorClerkHours: 20, minLoggedShifts: 3);

        Assert.False(pace.Measured);
        Assert.Equal(6, pace.CasesPerClerkHour);
    }

    [Fact]
    public void After_a_few_shifts_the_measured_pace_leads_with_the_configured_rate_as_the_prior()
    {
        var few = TeamPace.Estimate(loggedShifts: 3, clerkHours: 60, cases: 600, configuredRate: 6, priorClerkHours: 20, minLoggedShifts: 3);
        var many = TeamPace.Estimate(loggedShifts: 60, clerkHours: 1200, cases: 12000, configuredRate: 6, priorClerkHours: 20, minLoggedShifts: 3);

        Assert.True(few.Measured);
        Assert.Equal((600 + 6 * 20) / 80.0, few.CasesPerClerkHour, 9);
        Assert.InRange(many.CasesPerClerkHour, 9.9, 10); // many shifts at 10 an hour: the team's own pace
    }
}

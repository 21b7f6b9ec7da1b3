using System.Net;
using System.Net.Http.Json;
using Entry.Shared.Auth;
using Entry.Shared.Shifts;

namespace Entry.Server.Tests.Shifts;

[Collection(MovedClockCollection.Name)]
public sealed class ShiftEndpointTests
{
    private static readonly DateOnly Today = new(2026, 3, 3);

    [Fact]
    public async Task The_clock_answers_the_open_shift_and_the_next_one_for_the_moved_clock()
    {
        await using var server = new ClockedFactory(Local.At(Today, 7, 0), clockEnabled: false);
        var clerk = await server.ClientAsAsync(Roles.Clerk);

        var morning = (await clerk.GetFromJsonAsync<ShiftClockState>("/api/shifts/clock"))!;
        server.Time.SetUtcNow(Local.At(Today, 22, 30));
        // A bearer token lasts an hour of the moved clock too: sign in again.
        clerk = await server.ClientAsAsync(Roles.Clerk);
        var night = (await clerk.GetFromJsonAsync<ShiftClockState>("/api/shifts/clock"))!;

        Assert.Equal(Local.At(Today, 7, 0), morning.Now);
        Assert.Equal(TimeSpan.FromHours(7), morning.Now.Offset);
        Assert.Equal((Today, 1), (morning.Open!.Date, morning.Open.Shift));
        Assert.Equal((Today, 2), (morning.Next.Date, morning.Next.Shift));
        Assert.Null(night.Open);
        Assert.Equal((Today.AddDays(1), 1, Local.At(Today.AddDays(1), 6, 0)), (night.Next.Date, night.Next.Shift, night.Next.Starts));
    }

    [Fact]
    public async Task The_log_lists_the_recorded_boundaries_in_order_with_the_caught_up_ones_marked()
    {
        await using var server = new ClockedFactory(Local.At(Today.AddDays(-1), 11, 0), clockEnabled: false);
        await server.CatchUpAsync();
        server.Time.SetUtcNow(Local.At(Today.AddDays(-1), 12, 0, 10));
        await server.CatchUpAsync();
        server.Time.SetUtcNow(Local.At(Today, 7, 0));
        await server.CatchUpAsync();
        var admin = await server.AdminAsync();

        var log = (await admin.GetFromJsonAsync<List<ShiftLogEntry>>("/api/shifts/log?days=2"))!;
        var today = (await admin.GetFromJsonAsync<List<ShiftLogEntry>>("/api/shifts/log"))!;

        Assert.Equal(
            [(1, "opened", true), (1, "closed", false), (2, "opened", false), (2, "closed", true), (3, "opened", true), (3, "closed", true), (1, "opened", true)],
            log.Select(e => (e.Shift, e.Transition, e.CaughtUp)));
        Assert.Equal(Local.At(Today, 6, 0), log[^1].DueAt);
        Assert.Equal(Local.At(Today, 7, 0), log[^1].RecordedAt);
        var only = Assert.Single(today);
        Assert.Equal((Today, 1, "opened"), (only.Date, only.Shift, only.Transition));
    }

    [Fact]
    public async Task The_log_refuses_a_number_of_days_out_of_range()
    {
        await using var server = new ClockedFactory(Local.At(Today, 7, 0), clockEnabled: false);
        var admin = await server.AdminAsync();

        var response = await admin.GetAsync("/api/shifts/log?days=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"days\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

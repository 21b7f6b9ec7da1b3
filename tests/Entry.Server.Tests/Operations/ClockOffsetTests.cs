using System.Net.Http.Json;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Shifts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Entry.Server.Tests.Operations;

/// <summary><c>Entry:Clock:Offset</c> moves the server's clock (and Quartz's, process-wide: hence the collection).</summary>
[Collection(MovedClockCollection.Name)]
public sealed class ClockOffsetTests
{
    [Fact]
    public async Task A_server_started_with_an_offset_answers_the_shifted_time()
    {
        var offset = TimeSpan.FromDays(3) + TimeSpan.FromHours(5);
        await using var server = new OffsetFactory(offset.ToString());
        var clerk = await server.ClientAsAsync(Roles.Clerk);

        var before = DateTimeOffset.UtcNow;
        var clock = (await clerk.GetFromJsonAsync<ShiftClockState>("/api/shifts/clock"))!;
        var after = DateTimeOffset.UtcNow;

        Assert.InRange(clock.Now, before + offset, after + offset);
        Assert.Equal(TimeSpan.FromHours(7), clock.Now.Offset);
        Assert.True(clock.Next.Starts > clock.Now);
    }

    [Fact]
    public async Task Without_an_offset_the_server_keeps_the_system_clock()
    {
        await using var server = new OffsetFactory(null);

        Assert.Same(TimeProvider.System, server.Service<TimeProvider>());
    }

    [Theory]
    [InlineData("400.00:00:00")]
    [InlineData("-367.00:00:00")]
    public async Task An_offset_beyond_a_year_stops_the_start_naming_the_setting(string offset)
    {
        await using var server = new OffsetFactory(offset);

        var error = Assert.Throws<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains(nameof(Entry.Server.Hosting.ClockOptions.Offset), error.Message);
    }

    private sealed class OffsetFactory(string? offset) : EntryFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Entry:Shifts:Enabled", "false");
            if (offset is not null)
            {
                builder.UseSetting("Entry:Clock:Offset", offset);
            }
        }
    }
}

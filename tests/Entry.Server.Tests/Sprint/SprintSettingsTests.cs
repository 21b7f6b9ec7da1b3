using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Sprint;
using Entry.Server.Tests.Support;
using Entry.Server.Tests.Teams;
using Entry.Shared.Auth;
using Entry.Shared.Monitoring;

namespace Entry.Server.Tests.Sprint;

public sealed class SprintSettingsTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Fact]
    public async Task An_admin_sets_the_sprint_and_every_role_reads_it()
    {
        var admin = await factory.AdminAsync();
        var start = new DateOnly(2026, 11, 2);

        var set = await admin.PutAsJsonAsync("/api/sprint", new SprintSettingsRequest(start, start.AddDays(45), 85.5m));
        var targetOnly = await admin.PutAsJsonAsync("/api/sprint", new SprintSettingsRequest(null, null, 90m));
        var read = await (await factory.ClientAsAsync(Roles.Clerk)).GetFromJsonAsync<SprintSettingsResponse>("/api/sprint");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var first = (await set.Content.ReadFromJsonAsync<SprintSettingsResponse>())!;
        Assert.Equal((start, start.AddDays(45), 85.5m, "root"), (first.StartDate, first.EndDate, first.ReportTargetPercent, first.UpdatedBy));
        Assert.NotNull(first.UpdatedAt);
        Assert.Equal(HttpStatusCode.OK, targetOnly.StatusCode);
        Assert.Equal((start, start.AddDays(45), 90m, "root"), (read!.StartDate, read.EndDate, read.ReportTargetPercent, read.UpdatedBy));
    }

    public static readonly TheoryData<string, string> BadBodies = new()
    {
        { """{ "startDate": "2026-12-01", "endDate": "2026-11-30" }""", "endDate" },
        { """{ "startDate": "2030-01-01" }""", "startDate" },
        { """{ "startDate": "2026-01-01", "endDate": "2062-01-01" }""", "endDate" },
        { """{ "reportTargetPercent": 100.5 }""", "reportTargetPercent" },
        { """{ "reportTargetPercent": -1 }""", "reportTargetPercent" },
        { """{ "reportTargetPercent": 80.125 }""", "reportTargetPercent" },
        { """{ "reportTargetPercent": "tám mươi" }""", "reportTargetPercent" },
        { """{ "startDate": "01/11/2026" }""", "startDate" },
        { """{ "endDate": "2026-02-30" }""", "endDate" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_settings_are_a_problem_naming_the_field_and_nothing_changes(string body, string field)
    {
        var admin = await factory.AdminAsync();
        var before = await admin.GetFromJsonAsync<SprintSettingsResponse>("/api/sprint");

        var response = await admin.PutAsync("/api/sprint", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await TeamSetup.ProblemAsync(response)).Fields);
        Assert.Equal(before, await admin.GetFromJsonAsync<SprintSettingsResponse>("/api/sprint"));
    }

    [Fact]
    public async Task An_end_date_already_past_is_allowed()
    {
        var admin = await factory.AdminAsync();
        var today = ShiftCalendar.LocalDate(DateTimeOffset.UtcNow);
        var current = (await admin.GetFromJsonAsync<SprintSettingsResponse>("/api/sprint"))!;

        var response = await admin.PutAsJsonAsync("/api/sprint", new SprintSettingsRequest(today.AddDays(-40), today.AddDays(-10), null));
        (await admin.PutAsJsonAsync("/api/sprint", new SprintSettingsRequest(current.StartDate, current.EndDate, null))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class SprintDefaultsTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Fact]
    public async Task Until_an_admin_sets_them_the_sprint_runs_from_today_with_the_default_target()
    {
        var today = ShiftCalendar.LocalDate(DateTimeOffset.UtcNow);

        var settings = await (await factory.ClientAsAsync(Roles.Monitor)).GetFromJsonAsync<SprintSettingsResponse>("/api/sprint");

        Assert.Equal((today, today.AddDays(SprintSettingsStore.DefaultDays), SprintSettingsStore.DefaultTargetPercent, null as string, (DateTimeOffset?)null),
            (settings!.StartDate, settings.EndDate, settings.ReportTargetPercent, settings.UpdatedBy, settings.UpdatedAt));
    }
}

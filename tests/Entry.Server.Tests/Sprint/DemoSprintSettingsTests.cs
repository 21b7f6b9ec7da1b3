using System.Net.Http.Json;
using Entry.Server.Data.Demo;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;

namespace Entry.Server.Tests.Sprint;

/// <summary>What the demo writes for the monitoring pages: the sprint's settings and a district Monitor's view.</summary>
public sealed class DemoSprintSettingsTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    [Fact]
    public async Task The_demo_sprint_runs_30_days_from_the_first_rostered_day_with_a_target_of_80_percent()
    {
        var firstRosteredDay = ShiftCalendar.WeekStart(ShiftCalendar.LocalDate(DateTimeOffset.UtcNow));
        var monitor = await factory.SignedInClientAsync("monitor", "Demo-2026");

        var settings = (await monitor.GetFromJsonAsync<SprintSettingsResponse>("/api/sprint"))!;

        Assert.Equal((firstRosteredDay, firstRosteredDay.AddDays(DemoSprint.SprintDays), 80m),
            (settings.StartDate, settings.EndDate, settings.ReportTargetPercent));
    }

    [Fact]
    public async Task The_demo_district_monitor_sees_progress_and_the_report_of_Dong_Xoai_only()
    {
        var monitor = await factory.SignedInClientAsync("monitor689", "Demo-2026");

        var progress = (await monitor.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;
        var report = (await monitor.GetFromJsonAsync<ProgressReport>("/api/reports/progress"))!;

        Assert.Equal("689", Assert.Single(progress.ByDistrict).UnitCode);
        Assert.Equal(progress.ByDistrict[0].Target, progress.Target);
        Assert.InRange(progress.Target, 1, 1_457_883);
        Assert.Equal(("district:689", "Thành phố Đồng Xoài"), (report.Scope, report.ScopeName));
        Assert.Equal(progress.Target, report.Total.Total);
        Assert.Equal("689", report.Rows[0].UnitCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using static Entry.Server.Tests.Reports.ReportWorld;

namespace Entry.Server.Tests.Reports;

/// <summary>The report's figures against the database's own counts, on the two days of <see cref="ReportWorld"/>.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class ReportFigureTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private static string Query(string? district = null) =>
        $"?date={Day2:yyyy-MM-dd}&previous={Day1:yyyy-MM-dd}" + (district is null ? "" : $"&district={district}");

    [Fact]
    public async Task A_district_report_equals_the_database_truth_with_the_change_since_the_previous_report()
    {
        var truth = await world.TruthAsync();

        var report = (await world.Admin.GetFromJsonAsync<ProgressReport>("/api/reports/progress" + Query("688")))!;

        Assert.Equal((Day2, Day1, "district:688", "Thị xã Phước Long"), (report.Date, report.PreviousDate!.Value, report.Scope, report.ScopeName));
        // The district office holds no book: left out.
        Assert.Equal([(1, ThacMo, "Phường Thác Mơ"), (2, LongThuy, "Phường Long Thủy")], report.Rows.Select(r => (r.No, r.UnitCode, r.UnitName)));
        foreach (var row in report.Rows)
        {
            AssertRow(row, truth[row.UnitCode], world.Day1Truth[row.UnitCode], report.TargetPercent);
        }
        var thacMo = report.Rows.Single(r => r.UnitCode == ThacMo);
        var longThuy = report.Rows.Single(r => r.UnitCode == LongThuy);
        // Recounted from 40 to 60 cases with 3 logged: 7.5 % → 5 %.
        Assert.Equal((60, 3, 0, 5.0, 7.5, -2.5, ReportChange.Down), (thacMo.Total, thacMo.Entered, thacMo.Skipped, thacMo.Percent, thacMo.PreviousPercent, thacMo.Change, thacMo.ChangeKind));
        Assert.Equal("Giảm 2,5%", ReportRules.ChangeText(thacMo.Change));
        // 4 logged and 1 skipped of 40: 5 % → 12.5 %.
        Assert.Equal((40, 4, 1, 12.5, 5.0, 7.5, ReportChange.Up), (longThuy.Total, longThuy.Entered, longThuy.Skipped, longThuy.Percent, longThuy.PreviousPercent, longThuy.Change, longThuy.ChangeKind));
        AssertRow(report.Total, truth[ThacMo] + truth[LongThuy], world.Day1Truth[ThacMo] + world.Day1Truth[LongThuy], report.TargetPercent);
        Assert.Equal(0, report.Total.No);
    }

    [Fact]
    public async Task A_province_report_shows_the_province_office_and_each_district_with_its_communes()
    {
        var truth = await world.TruthAsync();
        Truth Of(Func<string, bool> units, IReadOnlyDictionary<string, Truth> from) =>
            from.Where(t => units(t.Key)).Select(t => t.Value).Aggregate(new Truth(0, 0, 0), (a, b) => a + b);

        var report = (await world.ProvinceMonitor.GetFromJsonAsync<ProgressReport>("/api/reports/progress" + Query()))!;

        Assert.Equal(("province", "Tỉnh Bình Phước"), (report.Scope, report.ScopeName));
        Assert.Equal(["70", "688", "689"], report.Rows.Select(r => r.UnitCode));
        Assert.Contains("Sở Tư pháp", report.Rows[0].UnitName);
        AssertRow(report.Rows[0], truth["70"], world.Day1Truth["70"], report.TargetPercent);
        AssertRow(report.Rows[1], Of(u => u is ThacMo or LongThuy, truth), Of(u => u is ThacMo or LongThuy, world.Day1Truth), report.TargetPercent);
        AssertRow(report.Rows[2], Of(u => u is TanPhu or "689", truth), Of(u => u is TanPhu or "689", world.Day1Truth), report.TargetPercent);
        Assert.Equal(ReportChange.Same, report.Rows[2].ChangeKind);
        Assert.Equal("Bằng", ReportRules.ChangeText(report.Rows[2].Change));
        AssertRow(report.Total, Of(_ => true, truth), Of(_ => true, world.Day1Truth), report.TargetPercent);
        // The total's percentage comes from the sums, not from averaging the rows.
        Assert.Equal(ReportRules.Percent(report.Rows.Sum(r => r.Entered + r.Skipped), report.Rows.Sum(r => r.Total)), report.Total.Percent);
    }

    [Fact]
    public async Task Today_s_snapshot_holds_the_figures_the_live_report_showed_and_is_listed_among_the_dates()
    {
        var live = (await world.Admin.GetFromJsonAsync<ProgressReport>("/api/reports/progress" + Query("689")))!;

        var taken = await world.Admin.PostAsync("/api/reports/snapshots", null);
        var again = await world.Admin.PostAsync("/api/reports/snapshots", null);
        var stored = (await world.Admin.GetFromJsonAsync<ProgressReport>("/api/reports/progress" + Query("689")))!;
        var dates = await world.ProvinceMonitor.GetFromJsonAsync<List<DateOnly>>("/api/reports/dates");

        Assert.True(live.Live);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var snapshot = (await again.Content.ReadFromJsonAsync<SnapshotTaken>())!;
        Assert.Equal(Day2, snapshot.Date);
        Assert.Equal((await taken.Content.ReadFromJsonAsync<SnapshotTaken>())!.Rows, snapshot.Rows);
        Assert.Equal(snapshot.Rows, await world.Factory.WithDbAsync(db => Task.FromResult(db.DailySnapshots.Count(s => s.Date == Day2))));
        Assert.False(stored.Live);
        Assert.Equal(live.Rows, stored.Rows);
        Assert.Equal(live.Total, stored.Total);
        Assert.Equal([Day2, Day1], dates);
    }

    [Fact]
    public async Task Dat_follows_the_target_the_admin_sets_through_the_sprint_settings()
    {
        async Task<ProgressReport> AtAsync(decimal target)
        {
            (await world.Admin.PutAsJsonAsync("/api/sprint", new SprintSettingsRequest(null, null, target))).EnsureSuccessStatusCode();
            return (await world.ProvinceMonitor.GetFromJsonAsync<ProgressReport>("/api/reports/progress" + Query("689")))!;
        }

        var at20 = await AtAsync(20m);
        var above = await AtAsync(20.1m);
        await AtAsync(SprintSettingsStoreDefault);

        // Tân Phú: 4 of 20 cases, exactly 20 %.
        var tanPhu = at20.Rows.Single(r => r.UnitCode == TanPhu);
        Assert.Equal((20m, 20.0, true, "Đạt"), (at20.TargetPercent, tanPhu.Percent, tanPhu.Met, ReportRules.ResultText(tanPhu.Met)));
        Assert.False(at20.Rows.Single(r => r.UnitCode == "689").Met);
        Assert.False(at20.Total.Met);
        var short20 = above.Rows.Single(r => r.UnitCode == TanPhu);
        Assert.Equal((20.1m, false, "Không đạt"), (above.TargetPercent, short20.Met, ReportRules.ResultText(short20.Met)));
    }

    private const decimal SprintSettingsStoreDefault = 80m;

    [Fact]
    public async Task Progress_of_a_district_monitor_is_their_district_only()
    {
        var district = (await world.DistrictMonitor.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;
        var province = (await world.ProvinceMonitor.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;
        var truth = await world.TruthAsync();

        Assert.Equal(truth[TanPhu].Total + truth["689"].Total, district.Target);
        Assert.Equal(truth[TanPhu].Entered, district.Entered);
        Assert.Equal(2, district.BooksTotal);
        Assert.Equal(("689", district.Target, district.Entered), (Assert.Single(district.ByDistrict).UnitCode, district.ByDistrict[0].Target, district.ByDistrict[0].Entered));
        Assert.Equal(district.Target, district.ByType.Sum(t => t.Target));
        Assert.Equal(truth.Values.Sum(t => t.Total), province.Target);
        Assert.Equal(truth.Values.Sum(t => t.Entered), province.Entered);
        Assert.Equal(11, province.ByDistrict.Count);
    }

    private static void AssertRow(ProgressReportRow row, Truth now, Truth before, decimal target)
    {
        Assert.Equal((now.Total, now.Entered, now.Skipped, now.Percent), (row.Total, row.Entered, row.Skipped, row.Percent));
        Assert.Equal(before.Percent, row.PreviousPercent);
        Assert.Equal(ReportRules.Change(now.Percent, before.Percent), row.Change);
        Assert.Equal(ReportRules.Kind(row.Change), row.ChangeKind);
        Assert.Equal((decimal)now.Percent >= target, row.Met);
    }
}

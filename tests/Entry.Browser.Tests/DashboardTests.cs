using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>The monitors' dashboard, map and report in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task The_province_dashboard_and_map_move_when_the_demo_clerk_logs_a_case()
    {
        Output.WriteLine($"server clock offset: {Server.ClockOffset}");
        var page = await NewPageAsync();
        await SignInAsync(page, "monitor", "Demo-2026");
        await page.GetByTestId("nav-dashboard").ClickAsync(new() { Timeout = Timeout });
        var total = page.GetByTestId("dashboard-total-done");
        await Assertions.Expect(total).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d"), new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("dashboard-live")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid^=map-district-]")).ToHaveCountAsync(11, new() { Timeout = Timeout });
        var before = long.Parse(await total.InnerTextAsync(), NumberStyles.Number, Vi);
        var row = page.GetByTestId("dashboard-unit-row-689");
        var rowBefore = await row.InnerTextAsync();
        // The map's figure for Đồng Xoài (its hover title: "Đồng Xoài: 0% (7 / 104.277)") moves with it.
        var mapTitle = page.GetByTestId("map-district-689").Locator("title");
        var mapTitleBefore = await mapTitle.TextContentAsync();
        // Set in this very document: still there at the end means the page was never reloaded.
        await page.EvaluateAsync("window.dashboardNotReloaded = true");

        using var clerk = await DemoClerk.SignInAsync(Server.BaseAddress);
        var claim = await DemoClerk.HoldBirthBookAsync(clerk);
        claim.EnsureSuccessStatusCode();
        var book = await claim.Content.ReadFromJsonAsync<JsonElement>();
        await DemoClerk.LogBirthCaseAsync(clerk, book);

        await Assertions.Expect(total).ToHaveTextAsync((before + 1).ToString("N0", Vi), new() { Timeout = Timeout });
        await Assertions.Expect(row).Not.ToHaveTextAsync(rowBefore, new() { Timeout = Timeout });
        await Assertions.Expect(mapTitle).Not.ToHaveTextAsync(mapTitleBefore!, new() { Timeout = Timeout });
        Assert.True(await page.EvaluateAsync<bool>("window.dashboardNotReloaded === true"), "the dashboard was reloaded");

        await ScreenshotAsync(page, "dashboard.png");
        await ScreenshotAsync(page.GetByTestId("dashboard-map"), "map.png");
    }

    [Fact]
    public async Task A_district_drilled_into_stays_live_beside_the_province_totals()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "monitor", "Demo-2026");
        await page.GetByTestId("nav-dashboard").ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("dashboard-live")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Timeout });
        var total = page.GetByTestId("dashboard-total-done");
        await Assertions.Expect(total).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d"), new() { Timeout = Timeout });

        using var clerk = await DemoClerk.SignInAsync(Server.BaseAddress);
        var claim = await DemoClerk.HoldBirthBookAsync(clerk);
        claim.EnsureSuccessStatusCode();
        var book = await claim.Content.ReadFromJsonAsync<JsonElement>();
        // The demo clerk's team works for Đồng Xoài: the case lands on the row of the held book's unit (a commune, or the city's office).
        var unitCode = book.GetProperty("unitCode").GetString()!;

        await page.GetByTestId("dashboard-unit-row-689").ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("dashboard-crumb-689")).ToBeVisibleAsync(new() { Timeout = Timeout });
        var head = page.GetByTestId("dashboard-unit-head");
        var row = page.GetByTestId($"dashboard-unit-row-{unitCode}");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = Timeout });
        // Watched beside the province: no "as of" note once the district's figures came.
        await Assertions.Expect(page.GetByTestId("dashboard-as-of")).ToHaveCountAsync(0, new() { Timeout = Timeout });
        var before = long.Parse(await total.InnerTextAsync(), NumberStyles.Number, Vi);
        var (rowBefore, headBefore) = (await row.InnerTextAsync(), await head.InnerTextAsync());
        await page.EvaluateAsync("window.dashboardNotReloaded = true");

        await DemoClerk.LogBirthCaseAsync(clerk, book);

        await Assertions.Expect(total).ToHaveTextAsync((before + 1).ToString("N0", Vi), new() { Timeout = Timeout });
        await Assertions.Expect(row).Not.ToHaveTextAsync(rowBefore, new() { Timeout = Timeout });
        await Assertions.Expect(head).Not.ToHaveTextAsync(headBefore, new() { Timeout = Timeout });
        Assert.True(await page.EvaluateAsync<bool>("window.dashboardNotReloaded === true"), "the dashboard was reloaded");
        await ScreenshotAsync(page, "dashboard-drill.png");

        // A unit's books stay as read: the note and the refresh button are back.
        await row.ClickAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-books")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("dashboard-as-of")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.GetByTestId("dashboard-crumb-root").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-unit-row-689")).ToHaveAttributeAsync("data-scope", "district:689", new() { Timeout = Timeout });
    }

    [Fact]
    public async Task A_district_monitor_sees_only_their_district()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "monitor689", "Demo-2026");
        await page.GetByTestId("nav-dashboard").ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("dashboard-units")).ToBeVisibleAsync(new() { Timeout = Timeout });
        // Đồng Xoài's communes (six-digit codes under 689), never another district's row.
        await Assertions.Expect(page.Locator("[data-testid^=dashboard-unit-row-]").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("dashboard-unit-row-688")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("dashboard-unit-row-690")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "dashboard-district.png");
    }

    [Fact]
    public async Task The_monitor_exports_the_report_as_csv_that_keeps_vietnamese_and_prints_it()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "monitor", "Demo-2026");
        await page.GetByTestId("nav-report").ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("report-row-689")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("report-table")).ToContainTextAsync("Thành phố Đồng Xoài");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-download-csv").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), "entry-report-" + Guid.NewGuid().ToString("N") + ".csv");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Contains("Thành phố Đồng Xoài", Encoding.UTF8.GetString(bytes));

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-download-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename);

        // Printing: the app bar and buttons are hidden by the print stylesheet, the table stays.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByTestId("report-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("report-download-csv")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "report-print.png");
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>
/// The figures a monitor reads agree and can be read: one projected finish on the dashboard and the teams page, labels of the
/// map and of the charts that do not run into each other, every row of the districts' table, and a district Monitor's pages
/// scoped to and named after their district.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MonitorFiguresTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const string DistrictName = "Đồng Xoài";

    [Fact]
    public async Task A_district_monitor_reads_their_district_named_on_every_page()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "monitor689", "Demo-2026");

        await page.GotoAsync("inventory");
        var label = page.GetByTestId("target-label");
        await Assertions.Expect(label).ToContainTextAsync(DistrictName, new() { Timeout = Timeout });
        await Assertions.Expect(label).Not.ToContainTextAsync("toàn tỉnh");
        var inventoryTarget = await page.GetByTestId("province-target").InnerTextAsync();
        await ScreenshotAsync(page, "district-monitor-inventory.png");

        await page.GotoAsync("dashboard");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(DistrictName, new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("dashboard-total-target")).ToContainTextAsync(inventoryTarget, new() { Timeout = Timeout });
        await ScreenshotAsync(page, "district-monitor-dashboard.png");

        await page.GotoAsync("report");
        await Assertions.Expect(page.GetByTestId("report-meta")).ToContainTextAsync(DistrictName, new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("report-row-688")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "district-monitor-report.png");

        await page.GotoAsync("teams");
        await Assertions.Expect(page.GetByTestId("projection")).ToContainTextAsync(DistrictName, new() { Timeout = Timeout });
        await ScreenshotAsync(page, "district-monitor-teams.png");

        await page.GotoAsync("board");
        await Assertions.Expect(page.GetByTestId("board-team-choice")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("board-error")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "district-monitor-board.png");
    }

    [Fact]
    public async Task The_dashboard_projects_the_teams_page_date_and_its_teams_behind_move_without_a_reload()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "monitor689", "Demo-2026");
        await page.GotoAsync("teams");
        var teamsFinish = page.GetByTestId("province-finish");
        await Assertions.Expect(teamsFinish).ToHaveTextAsync(new Regex(@"^\d{2}/\d{2}/\d{4}$"), new() { Timeout = Timeout });
        var date = await teamsFinish.InnerTextAsync();

        await page.GotoAsync("dashboard");
        await Assertions.Expect(page.GetByTestId("dashboard-projected-finish")).ToHaveTextAsync(date, new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("dashboard-live")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Timeout });
        var behind = page.GetByTestId("dashboard-teams-behind");
        var before = await behind.InnerTextAsync();
        await page.EvaluateAsync("window.dashboardNotReloaded = true");

        using var clerk = await DemoClerk.SignInAsync(Server.BaseAddress);
        var claim = await DemoClerk.HoldBirthBookAsync(clerk);
        claim.EnsureSuccessStatusCode();
        await DemoClerk.LogBirthCaseAsync(clerk, await claim.Content.ReadFromJsonAsync<JsonElement>());

        // The demo clerk's team (Đồng Xoài's) is behind its plan: its count of done moves on the hub.
        await Assertions.Expect(behind).Not.ToHaveTextAsync(before, new() { Timeout = Timeout });
        Assert.True(await page.EvaluateAsync<bool>("window.dashboardNotReloaded === true"), "the dashboard was reloaded");
    }

    [Fact]
    public async Task The_province_dashboard_shows_every_district_row_and_labels_that_do_not_overlap()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "monitor", "Demo-2026");
        await page.GotoAsync("dashboard");
        await Assertions.Expect(page.Locator("[data-testid^=map-label-]")).ToHaveCountAsync(11, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid^=map-label-]").First).ToContainTextAsync("%", new() { Timeout = Timeout });

        // The province's own books and its 11 districts, all in the page: no scroll box hides the last.
        var rows = page.Locator("[data-testid=dashboard-units] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(12, new() { Timeout = Timeout });
        Assert.True(await page.EvaluateAsync<bool>("""
            () => { const box = document.querySelector('[data-testid=dashboard-units]').closest('.table-scroll');
                    return box.scrollHeight <= box.clientHeight + 1; }
            """), "the districts' table scrolls inside its box");

        AssertApart(await BoxesAsync(page, "[data-testid^=map-label-]"), "map labels");
        foreach (var chart in new[] { "dashboard-shift-chart", "dashboard-day-chart", "dashboard-cumulative-chart" })
        {
            AssertApart(await BoxesAsync(page, $"[data-testid={chart}] svg text"), chart);
        }
        var ticks = (await page.Locator("[data-testid=dashboard-cumulative-chart] svg text").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        var values = ticks.Where(t => Regex.IsMatch(t, @"^[\d.]+$")).Select(t => long.Parse(t.Replace(".", ""), CultureInfo.InvariantCulture)).Order().ToList();
        Assert.True(values.Count >= 3, $"value ticks: {string.Join(", ", ticks)}");
        var step = values[1] - values[0];
        Assert.All(values, v => Assert.Equal(0, v % step));
        Assert.Contains(step / (long)Math.Pow(10, Math.Floor(Math.Log10(step))), new long[] { 1, 2, 5 });

        await ScreenshotAsync(page.GetByTestId("dashboard-map"), "map-labels-apart.png");
        await ScreenshotAsync(page.GetByTestId("dashboard-cumulative-chart"), "cumulative-round-ticks.png");
    }

    private sealed record Rect(string Text, double X, double Y, double Width, double Height)
    {
        public bool Overlaps(Rect o) => X < o.X + o.Width && o.X < X + Width && Y < o.Y + o.Height && o.Y < Y + Height;
    }

    private static async Task<IReadOnlyList<Rect>> BoxesAsync(IPage page, string selector)
    {
        var boxes = await page.EvaluateAsync<JsonElement>("""
            selector => [...document.querySelectorAll(selector)]
                .filter(e => e.textContent.trim().length > 0)
                .map(e => { const r = e.getBoundingClientRect();
                            return { text: e.textContent.trim(), x: r.x, y: r.y, width: r.width, height: r.height }; })
            """, selector);
        return [.. boxes.EnumerateArray().Select(b => new Rect(b.GetProperty("text").GetString()!, b.GetProperty("x").GetDouble(),
            b.GetProperty("y").GetDouble(), b.GetProperty("width").GetDouble(), b.GetProperty("height").GetDouble()))];
    }

    private static void AssertApart(IReadOnlyList<Rect> boxes, string what)
    {
        Assert.NotEmpty(boxes);
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(boxes[i].Overlaps(boxes[j]), $"{what}: '{boxes[i].Text}' and '{boxes[j].Text}' overlap");
            }
        }
    }
}

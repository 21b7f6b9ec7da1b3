using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>
/// Each role's main page on a phone (390 × 844): the menu is behind the menu button, the language switch and sign-out are
/// in the drawer and work, and no page is wider than the screen (a wide table scrolls inside its own box).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : LayoutTest(server, chromium, output)
{
    private const int Width = 390;
    private const int Height = 844;

    [Theory]
    [InlineData("clerk", "entry")]
    [InlineData("leader", "team")]
    [InlineData("monitor", "dashboard")]
    [InlineData("admin", "dashboard")]
    public async Task On_a_phone_the_main_page_reaches_the_menu_the_language_switch_and_sign_out(string userName, string section)
    {
        var page = await PhoneAsync();
        await LayoutSteps.SignInFromHomeAsync(page, userName);
        var (path, ready) = LayoutSteps.HomeOf[userName];
        await Assertions.Expect(page).ToHaveURLAsync(LayoutSteps.EndsWithPath(path), new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = Timeout });

        // The app bar's menu is not shown on a phone; the menu button is.
        await Assertions.Expect(page.GetByTestId("nav-" + section)).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("sign-out")).ToBeHiddenAsync();
        await ScreenshotAsync(page, $"phone-{userName}.png");
        await ExpectFitsTheScreenAsync(page, path);

        // The drawer: the role's pages, the language switch and sign-out.
        await page.GetByTestId("menu-button").ClickAsync();
        var drawer = page.GetByTestId("nav-drawer");
        await Assertions.Expect(page.GetByTestId("drawer-nav-" + section)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("drawer-nav-" + section)).ToContainTextAsync(VietnameseLabel[section]);
        await Assertions.Expect(page.GetByTestId("drawer-sign-out")).ToBeVisibleAsync();
        // The drawer slides in: measure once it has arrived at the screen's left edge.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=nav-drawer]').getBoundingClientRect().left >= 0");
        await ExpectWithinTheScreenAsync(page.GetByTestId("drawer-sign-out"));
        await ExpectWithinTheScreenAsync(page.GetByTestId("drawer-language-switch"));
        await ScreenshotAsync(page, $"phone-{userName}-menu.png");

        // Switching the language reloads the page in English, still on the role's page.
        await page.GetByTestId("drawer-language-switch").ClickAsync();
        await Assertions.Expect(page.GetByTestId("language-switch")).ToContainTextAsync("Tiếng Việt", new() { Timeout = Timeout });
        await Assertions.Expect(page).ToHaveURLAsync(LayoutSteps.EndsWithPath(path));
        await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.GetByTestId("menu-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drawer-nav-" + section)).ToContainTextAsync(EnglishLabel[section]);

        // Signing out from the drawer ends the sign-in: the app shows the sign-in form, and the role's page asks for it again.
        await page.GetByTestId("drawer-sign-out").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(drawer).ToHaveCountAsync(0);
        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync(new() { Timeout = Timeout });
    }

    [Theory]
    [InlineData("clerk", "team", "[data-testid=tab-roster]")]
    [InlineData("clerk", "inventory", "[data-testid=province-target]")]
    [InlineData("leader", "board", "[data-testid=board-shift], [data-testid=board-no-shift]")]
    [InlineData("leader", "review", "[data-testid=verification-item], [data-testid=verification-empty]")]
    [InlineData("monitor", "report", "[data-testid=report-table]")]
    [InlineData("monitor", "teams", "[data-testid=team-row]")]
    [InlineData("admin", "count-reports", "[data-testid=count-reports], [data-testid=count-reports-empty]")]
    [InlineData("admin", "inventory", "[data-testid=province-target]")]
    public async Task Other_pages_fit_a_phone_screen(string userName, string path, string ready)
    {
        var page = await PhoneAsync();
        await LayoutSteps.SignInFromHomeAsync(page, userName);
        await page.GetByTestId("menu-button").ClickAsync();
        await page.GetByTestId("drawer-nav-" + path).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(LayoutSteps.EndsWithPath(path), new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await ExpectClosedAsync(page.GetByTestId("nav-drawer"));
        await ScreenshotAsync(page, $"phone-{userName}-{path}.png");
        await ExpectFitsTheScreenAsync(page, path);
    }

    [Fact]
    public async Task On_a_phone_a_pending_count_reports_decision_is_on_the_screen_without_scrolling_sideways()
    {
        using var leader = await ApiSession.SignInAsync(Server.BaseAddress, "leader");
        using var admin = await ApiSession.SignInAsync(Server.BaseAddress, "admin");
        var team = (await leader.GetFromJsonAsync<JsonElement>("api/teams/mine")).GetProperty("team").GetProperty("id").GetInt32();
        var queue = await leader.GetFromJsonAsync<JsonElement>($"api/teams/{team}/queue?page=1&pageSize=50");
        // The second book from the end of the first page: no other test works on it, and a rejection leaves its count as it is.
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        var book = items[^2].GetProperty("book");
        var code = book.GetProperty("code").GetString()!;
        var count = book.GetProperty("caseCount").GetInt32();
        try
        {
            using var reported = await leader.PostAsJsonAsync($"api/books/{Uri.EscapeDataString(code)}/count-report",
                new { reportedCount = count + 1, note = "Sổ có thêm 1 trang" });
            Assert.True(reported.StatusCode == HttpStatusCode.Created, await reported.Content.ReadAsStringAsync());

            var page = await PhoneAsync();
            await SignInAsync(page, "admin", LayoutSteps.Password);
            await page.GotoAsync("count-reports");
            var row = page.Locator($"[data-testid=count-report][data-book='{code}']");
            await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = Timeout });
            await row.ScrollIntoViewIfNeededAsync();
            await ScreenshotAsync(page, "phone-admin-count-reports-pending.png");
            await ExpectFitsTheScreenAsync(page, "count-reports");
            foreach (var part in new[] { "count-report-count", "count-report-accept", "count-report-reason", "count-report-reject" })
            {
                await ExpectWithinTheWidthAsync(row.GetByTestId(part));
            }

            await row.Locator("input[data-testid=count-report-reason]").FillAsync("Đã kiểm tra: đủ trang");
            await row.GetByTestId("count-report-reject").ClickAsync();
            await Assertions.Expect(page.GetByTestId("count-report-notice")).ToContainTextAsync(code, new() { Timeout = Timeout });
            await Assertions.Expect(row).ToHaveCountAsync(0);
        }
        finally
        {
            // Nothing of this test stays pending for the others: a report the page did not decide is rejected here.
            var pending = await admin.GetFromJsonAsync<JsonElement>("api/count-reports?status=pending");
            foreach (var report in pending.EnumerateArray().Where(r => r.GetProperty("bookCode").GetString() == code))
            {
                using var rejected = await admin.PostAsJsonAsync($"api/count-reports/{report.GetProperty("id").GetInt64()}/reject", new { reason = "test" });
            }
        }
    }

    private static readonly Dictionary<string, string> VietnameseLabel = new()
    {
        ["entry"] = "Nhập liệu", ["team"] = "Đội của tôi", ["dashboard"] = "Điều hành",
    };

    private static readonly Dictionary<string, string> EnglishLabel = new()
    {
        ["entry"] = "Data entry", ["team"] = "My team", ["dashboard"] = "Dashboard",
    };

    private Task<IPage> PhoneAsync() => OpenAsync(Width, Height);

    /// <summary>A closed drawer stays in the page, moved out of the screen.</summary>
    private static Task ExpectClosedAsync(ILocator drawer) =>
        Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));

    /// <summary>
    /// The page scrolls down only: it is no wider than the screen, and nothing on it reaches past the right edge unless
    /// a box of its own scrolls or clips it (a wide table scrolls sideways in its card, the tab bar has its arrows).
    /// </summary>
    private static async Task ExpectFitsTheScreenAsync(IPage page, string path)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('body *')]
                .filter(e => {
                    const r = e.getBoundingClientRect();
                    if (r.width === 0 || r.right <= window.innerWidth + 1 || e.closest('.mud-drawer, .mud-popover')) return false;
                    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                        if (getComputedStyle(a).overflowX !== 'visible') return false;
                    }
                    return true; })
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            """);
        Assert.True(width <= Width && wide.Length == 0,
            $"/{path} is {width} px wide on a {Width} px screen; past the edge: {string.Join(" | ", wide)}");
    }

    private static async Task ExpectWithinTheWidthAsync(ILocator element)
    {
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= Width, $"{box.X:0}–{box.X + box.Width:0} px is not within the {Width} px screen");
    }

    private static async Task ExpectWithinTheScreenAsync(ILocator element)
    {
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= Width && box.Y >= 0 && box.Y + box.Height <= Height,
            $"{box.X},{box.Y} {box.Width}×{box.Height} is not within the {Width}×{Height} screen");
    }
}

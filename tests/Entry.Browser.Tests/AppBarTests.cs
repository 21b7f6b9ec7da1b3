using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>On a 1366 × 768 laptop the Admin's menu, the role with the most pages, fits the app bar on one line in both languages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AppBarTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : LayoutTest(server, chromium, output)
{
    private const int Width = 1366;

    [Fact]
    public async Task The_admins_menu_labels_stay_on_one_line_unclipped_at_1366_px_in_Vietnamese_and_English()
    {
        var page = await OpenAsync(Width, 768);
        await SignInAsync(page, "admin", LayoutSteps.Password);
        await Assertions.Expect(page.GetByTestId("nav-count-reports")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await ExpectOneLineAsync(page, "vi");
        await ScreenshotAsync(page.Locator(".mud-appbar"), "appbar-admin-1366.png");

        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.GetByTestId("nav-count-reports").Locator(".nav-label")).ToHaveTextAsync("Counts", new() { Timeout = Timeout });
        await ExpectOneLineAsync(page, "en");
        await ScreenshotAsync(page.Locator(".mud-appbar"), "appbar-admin-1366-en.png");
    }

    /// <summary>
    /// Every menu item shows its whole label on one line: its label is one line high, nothing is cut off inside the button,
    /// the items do not overlap each other or the language switch, and sign-out ends within the screen.
    /// </summary>
    private static async Task ExpectOneLineAsync(IPage page, string language)
    {
        var items = page.Locator(".app-nav [data-testid^=nav-]");
        var count = await items.CountAsync();
        Assert.True(count >= 7, $"the Admin's menu has {count} items");
        double previousRight = 0;
        for (var i = 0; i < count; i++)
        {
            var item = items.Nth(i);
            var label = item.Locator(".nav-label");
            var text = await label.InnerTextAsync();
            Assert.False(string.IsNullOrWhiteSpace(text), $"{language}: menu item {i} shows no label at {Width} px");
            var lines = await label.EvaluateAsync<double>(
                "e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e.closest('.mud-button-root')).lineHeight)");
            Assert.True(lines < 1.5, $"{language}: \"{text}\" takes {lines:0.0} lines");
            var clipped = await item.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth + 1");
            Assert.False(clipped, $"{language}: \"{text}\" is cut off inside its button");
            var box = (await item.BoundingBoxAsync())!;
            Assert.True(box.X >= previousRight - 0.5, $"{language}: \"{text}\" overlaps the item before it");
            previousRight = box.X + box.Width;
        }

        var language_ = (await page.GetByTestId("language-switch").BoundingBoxAsync())!;
        Assert.True(previousRight <= language_.X, $"{language}: the menu ({previousRight:0} px) runs under the language switch ({language_.X:0} px)");
        var signOut = (await page.GetByTestId("sign-out").BoundingBoxAsync())!;
        Assert.True(signOut.X >= language_.X + language_.Width && signOut.X + signOut.Width <= Width,
            $"{language}: sign-out ends at {signOut.X + signOut.Width:0} px on a {Width} px screen");
        Assert.True(await page.GetByTestId("sign-out").IsVisibleAsync());
    }
}

using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>The browser app against the real server: sign in through the page, read the inventory.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InventoryPageTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task Admin_signs_in_and_sees_the_province_total_on_the_inventory_page()
    {
        var page = await NewPageAsync();

        await SignInAsync(page, "admin", "Demo-2026");

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(Server.BaseAddress, "inventory").ToString(), new() { Timeout = Timeout });
        var target = page.GetByTestId("province-target");
        await Assertions.Expect(target).ToHaveTextAsync("1.457.884", new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("total-books")).ToHaveTextAsync("27.548");
        await Assertions.Expect(page.GetByText("Chỉ tiêu toàn tỉnh")).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("unit-row").CountAsync() > 1, "the province row is expanded to its districts");

        await ScreenshotAsync(page, "inventory.png");
    }

    [Fact]
    public async Task The_English_switch_shows_the_province_total_with_English_digit_grouping()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "admin", "Demo-2026");
        await Assertions.Expect(page.GetByTestId("province-target")).ToHaveTextAsync("1.457.884", new() { Timeout = Timeout });

        await page.GetByTestId("language-switch").ClickAsync();

        await Assertions.Expect(page.GetByTestId("province-target")).ToHaveTextAsync("1,457,884", new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByText("Province target")).ToBeVisibleAsync();
        Assert.Equal("en-GB", await page.EvaluateAsync<string>("localStorage.getItem('entry.culture')"));

        await ScreenshotAsync(page, "inventory-en.png");
    }

    [Fact]
    public async Task A_search_without_diacritics_finds_a_commune_whose_books_open_on_click()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "monitor", "Demo-2026");
        await Assertions.Expect(page.GetByTestId("province-target")).ToHaveTextAsync("1.457.884", new() { Timeout = Timeout });

        await page.Locator("input[data-testid=unit-search]").FillAsync("tan dong");

        // The match shows with the units above it, opened on the way down: province, Đồng Xoài, the ward.
        var commune = page.Locator("[data-testid=unit-row][data-unit-code='25198']");
        await Assertions.Expect(commune).ToContainTextAsync("Phường Tân Đồng", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=unit-row][data-unit-code='689']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=unit-row][data-unit-code='688']")).ToHaveCountAsync(0);

        await commune.ClickAsync();

        await Assertions.Expect(page.GetByTestId("unit-books-title")).ToContainTextAsync("Phường Tân Đồng", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=unit-books] tbody tr").First).ToContainTextAsync("KS-", new() { Timeout = Timeout });

        await ScreenshotAsync(page, "unit-books.png");
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_user_on_the_sign_in_page_with_the_reason()
    {
        var page = await NewPageAsync();

        // A user no other test signs in as: the failed attempt counts toward that account's lockout only.
        var answer = await SubmitSignInAsync(page, "u689-03", "not-the-password");

        Assert.True(answer.Status == 401, $"a wrong password answers 401, this sign-in answered {answer.Status}: {await answer.TextAsync()}");
        await Assertions.Expect(page.GetByTestId("login-error")).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.EndsWith("/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }
}

using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>The browser app against the real server: sign in through the page, read the inventory.</summary>
public sealed class InventoryPageTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : IClassFixture<ServerProcess>, IClassFixture<ChromiumBrowser>, IDisposable
{
    // The first load compiles nothing but fetches and starts the .NET runtime in the page: give it time.
    private const float Timeout = 60_000;

    [Fact]
    public async Task Admin_signs_in_and_sees_the_province_total_on_the_inventory_page()
    {
        var page = await NewPageAsync();

        await SignInAsync(page, "admin", "Demo-2026");

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "inventory").ToString(), new() { Timeout = Timeout });
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
        Assert.Equal("en-US", await page.EvaluateAsync<string>("localStorage.getItem('entry.culture')"));

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

        await SignInAsync(page, "monitor", "not-the-password");

        await Assertions.Expect(page.GetByTestId("login-error")).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.EndsWith("/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        // A failing test is easier to read with the server's last words beside the browser's.
        var log = server.Output;
        output.WriteLine(server.HasExited ? "The server process has exited." : "The server process is running.");
        output.WriteLine("server output (last 4000 characters):");
        output.WriteLine(log.Length > 4000 ? log[^4000..] : log);
    }

    private async Task<IPage> NewPageAsync()
    {
        // A fresh context per test: its own cookies and localStorage, so the language starts as Vietnamese.
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                output.WriteLine($"browser console: {message.Text}");
            }
        };
        return page;
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("inventory");
        // Not signed in: the app sends the visitor to the sign-in page.
        await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync(new() { Timeout = Timeout });
        // MudTextField puts the attributes it does not know on the <input> itself.
        await page.Locator("input[data-testid=login-username]").FillAsync(userName);
        var passwordField = page.Locator("input[data-testid=login-password]");
        await passwordField.FillAsync(password);
        await passwordField.PressAsync("Enter");
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}

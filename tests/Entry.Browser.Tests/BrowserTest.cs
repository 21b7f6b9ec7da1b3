using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>What every browser test does: a fresh page, signing in through the form, a screenshot, the server's log on failure.</summary>
public abstract class BrowserTest(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output) : IDisposable
{
    // The first load compiles nothing but fetches and starts the .NET runtime in the page: give it time.
    protected const float Timeout = 60_000;

    static BrowserTest()
    {
        // What an assertion without a timeout of its own waits for: a figure follows a click or a hub event within a
        // second on a quiet machine, but the suite also runs on a busy one. Waiting ends as soon as the condition holds.
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    protected ServerProcess Server => server;

    protected ITestOutputHelper Output => output;

    public void Dispose()
    {
        // A failing test is easier to read with the server's last words beside the browser's.
        var log = server.Output;
        output.WriteLine(server.HasExited ? "The server process has exited." : "The server process is running.");
        output.WriteLine("server output (last 4000 characters):");
        output.WriteLine(log.Length > 4000 ? log[^4000..] : log);
        GC.SuppressFinalize(this);
    }

    protected async Task<IPage> NewPageAsync()
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

    /// <summary>
    /// Signs in through the form and waits until the app has left the sign-in page. A refused sign-in fails here with
    /// the server's answer (429 of the sign-in limit, 401 of a wrong password or a locked account), not later as a
    /// figure that never shows.
    /// </summary>
    protected static async Task SignInAsync(IPage page, string userName, string password)
    {
        var answer = await SubmitSignInAsync(page, userName, password);
        if (answer.Status != 200)
        {
            Assert.Fail($"signing in as {userName} through the page answered {answer.Status}: {await answer.TextAsync()}");
        }

        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/login"), new() { Timeout = Timeout });
    }

    /// <summary>Fills in the sign-in form, sends it and gives back the server's answer to it, whatever it was.</summary>
    protected static async Task<IResponse> SubmitSignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("inventory");
        // Not signed in: the app sends the visitor to the sign-in page.
        await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync(new() { Timeout = Timeout });
        // MudTextField puts the attributes it does not know on the <input> itself.
        await page.Locator("input[data-testid=login-username]").FillAsync(userName);
        var passwordField = page.Locator("input[data-testid=login-password]");
        await passwordField.FillAsync(password);
        return await page.RunAndWaitForResponseAsync(
            () => passwordField.PressAsync("Enter"),
            response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/api/auth/login",
            new() { Timeout = Timeout });
    }

    protected async Task ScreenshotAsync(IPage page, string name)
    {
        var path = ScreenshotPath(name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    protected async Task ScreenshotAsync(ILocator element, string name)
    {
        var path = ScreenshotPath(name);
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        output.WriteLine($"screenshot: {path}");
    }

    /// <summary>Where screenshots go: TestResults/screenshots beside the test assembly (kept as the run's artifacts).</summary>
    private static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Entry.Browser.Tests;

/// <summary>Steps the layout tests share: signing in from the app's address (no return address), a page's main content shown.</summary>
internal static class LayoutSteps
{
    public const float Timeout = 60_000;
    public const string Password = ApiSession.DemoPassword;

    /// <summary>Each role's page after signing in, and the test id of something only that page shows once loaded.</summary>
    public static readonly IReadOnlyDictionary<string, (string Path, string Ready)> HomeOf = new Dictionary<string, (string, string)>
    {
        ["clerk"] = ("entry", "[data-testid=held-book], [data-testid=no-book]"),
        ["leader"] = ("team", "[data-testid=tab-roster]"),
        ["monitor"] = ("dashboard", "[data-testid=dashboard-total-done]"),
        ["admin"] = ("dashboard", "[data-testid=dashboard-total-done]"),
    };

    /// <summary>Opens the app's address signed out, signs in through the form and waits until the app has left the sign-in page.</summary>
    public static async Task SignInFromHomeAsync(IPage page, string userName)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.EndsWith("/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.Locator("input[data-testid=login-username]").FillAsync(userName);
        var password = page.Locator("input[data-testid=login-password]");
        await password.FillAsync(Password);
        var answer = await page.RunAndWaitForResponseAsync(
            () => password.PressAsync("Enter"),
            response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/api/auth/login",
            new() { Timeout = Timeout });
        if (answer.Status != 200)
        {
            Assert.Fail($"signing in as {userName} answered {answer.Status}: {await answer.TextAsync()}");
        }

        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/login"), new() { Timeout = Timeout });
    }

    public static Regex EndsWithPath(string path) => new($"/{Regex.Escape(path)}(\\?.*)?$");
}

using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>Each role lands where its work is and is offered only the pages the server lets it use.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleHomeTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : LayoutTest(server, chromium, output)
{
    [Theory]
    [InlineData("clerk")]
    [InlineData("leader")]
    [InlineData("monitor")]
    [InlineData("admin")]
    public async Task Each_role_lands_on_its_work_after_signing_in_and_at_the_apps_address(string userName)
    {
        var page = await OpenAsync();
        await LayoutSteps.SignInFromHomeAsync(page, userName);
        var (path, ready) = LayoutSteps.HomeOf[userName];

        await Assertions.Expect(page).ToHaveURLAsync(LayoutSteps.EndsWithPath(path), new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("nav-" + path)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("nav-active"));

        // Signed in already, the app's address leads there too.
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(LayoutSteps.EndsWithPath(path), new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = Timeout });
    }

    [Fact]
    public async Task A_clerk_who_is_not_a_civil_registry_officer_is_not_offered_the_review()
    {
        // The demo clerk is one of the team's "others"; u689-02 is one of its civil-registry officers and reviews.
        var page = await OpenAsync();
        await SignInAsync(page, "clerk", LayoutSteps.Password);
        await Assertions.Expect(page.GetByTestId("nav-entry")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("nav-team")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("nav-review")).ToHaveCountAsync(0);

        var officer = await OpenAsync();
        await SignInAsync(officer, "u689-02", LayoutSteps.Password);
        await officer.GetByTestId("nav-review").ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(officer.Locator("[data-testid=verification-item], [data-testid=verification-empty]").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(officer.GetByTestId("review-error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admins_team_address_shows_every_team_and_no_error()
    {
        var page = await OpenAsync();
        await SignInAsync(page, "admin", LayoutSteps.Password);
        await page.GotoAsync("team");

        await Assertions.Expect(page).ToHaveURLAsync(LayoutSteps.EndsWithPath("teams"), new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("team-row").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("team-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-team")).ToHaveCountAsync(0);
    }
}

using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>Every team at a glance for an Admin, and a leader reordering the team's book queue.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamOverviewTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task An_admin_sees_every_team_and_the_projected_finish()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "admin", "Demo-2026");
        await page.GetByTestId("nav-teams").ClickAsync(new() { Timeout = Timeout });

        // The demo sprint has a complete team for the province and each of its 11 districts and 111 communes.
        var rows = page.GetByTestId("team-row");
        await Assertions.Expect(rows).ToHaveCountAsync(123, new() { Timeout = Timeout });
        var dongXoai = page.Locator("[data-testid=team-row][data-unit-code='689']");
        await Assertions.Expect(dongXoai).ToContainTextAsync("12/12");
        await Assertions.Expect(page.GetByTestId("province-finish")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{2}/\d{2}/\d{4}$"));

        await page.Locator("[data-testid=filter-incomplete]").CheckAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        await page.Locator("[data-testid=filter-incomplete]").UncheckAsync();

        await dongXoai.ClickAsync();
        await Assertions.Expect(page.GetByTestId("team-short-shifts")).ToContainTextAsync("Tổ nhập liệu Thành phố Đồng Xoài");

        await ScreenshotAsync(page, "teams.png");
    }

    [Fact]
    public async Task A_district_monitor_sees_only_the_teams_of_their_district()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "monitor689", "Demo-2026");
        await Assertions.Expect(page.GetByTestId("nav-teams")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.GetByTestId("nav-teams").ClickAsync();

        // Thành phố Đồng Xoài's own team and its eight communes' teams; the province's and other districts' are not there.
        var rows = page.GetByTestId("team-row");
        await Assertions.Expect(rows).ToHaveCountAsync(9, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=team-row][data-unit-code='689']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=team-row][data-unit-code='70']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=team-row][data-unit-code='688']")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "teams-district-monitor.png");
    }

    [Fact]
    public async Task A_leader_moves_a_book_up_the_team_queue()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "leader", "Demo-2026");
        await Assertions.Expect(page.GetByTestId("nav-team")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.GotoAsync("team/queue");

        var codes = page.GetByTestId("queue-code");
        await Assertions.Expect(codes.Nth(1)).ToBeVisibleAsync(new() { Timeout = Timeout });
        var first = await codes.Nth(0).InnerTextAsync();
        var second = await codes.Nth(1).InnerTextAsync();
        await Assertions.Expect(page.GetByTestId("queue-finish")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{2}/\d{2}/\d{4}$"));

        await page.GetByTestId("queue-up").Nth(1).ClickAsync();

        await Assertions.Expect(codes.Nth(0)).ToHaveTextAsync(second, new() { Timeout = Timeout });
        await Assertions.Expect(codes.Nth(1)).ToHaveTextAsync(first);
        await ScreenshotAsync(page, "queue.png");
    }
}

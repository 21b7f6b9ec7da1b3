using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>The team leader's roster against the real server: a plan that breaks a rule is refused in place and stored nowhere.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamRosterTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task A_leader_plans_a_shift_that_breaks_a_rule_and_sees_the_reason()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "leader", "Demo-2026");
        await page.GetByTestId("nav-team").ClickAsync(new() { Timeout = Timeout });

        // The demo team of Đồng Xoài, its week from Monday: 3 shifts × 7 days.
        await Assertions.Expect(page.GetByTestId("team-unit")).ToContainTextAsync("Đồng Xoài", new() { Timeout = Timeout });
        var cells = page.GetByTestId("roster-cell");
        await Assertions.Expect(cells).ToHaveCountAsync(21, new() { Timeout = Timeout });

        // A shift of this week that is neither over nor under way, so it cannot end while the test runs. Late on a
        // Sunday there is none left: the demo roster covers next week too.
        var open = page.Locator("[data-testid=roster-cell][data-editable=true]:not(.open)");
        var nextWeek = await open.CountAsync() == 0;
        if (nextWeek)
        {
            await page.GetByTestId("week-next").ClickAsync();
            await Assertions.Expect(page.GetByTestId("week-this")).ToBeEnabledAsync(new() { Timeout = Timeout });
        }
        var cell = open.First;
        var date = await cell.GetAttributeAsync("data-date");
        var shift = await cell.GetAttributeAsync("data-shift");
        var before = await cell.GetByTestId("cell-person").AllInnerTextsAsync();
        Assert.True(before.Count >= 4, $"the demo roster puts at least 4 people on shift {shift} of {date}");
        Output.WriteLine($"shift {shift} of {date}: {string.Join(", ", before)}");

        await cell.ClickAsync();
        var editor = page.GetByTestId("shift-editor");
        await Assertions.Expect(editor).ToBeVisibleAsync(new() { Timeout = Timeout });

        // Untick every police officer on the shift.
        var police = editor.Locator("[data-testid=plan-member][data-category=PoliceOfficer] input[type=checkbox]");
        Assert.True(await police.CountAsync() > 0, "the demo team has police officers");
        for (var i = 0; i < await police.CountAsync(); i++)
        {
            if (await police.Nth(i).IsCheckedAsync())
            {
                await police.Nth(i).UncheckAsync();
            }
        }
        await Assertions.Expect(editor.Locator("[data-testid=plan-count][data-category=PoliceOfficer]")).ToContainTextAsync("0/");

        await page.GetByTestId("plan-save").ClickAsync();

        var reason = editor.Locator("[data-testid=plan-issue][data-code=noPoliceOfficer]");
        await Assertions.Expect(reason).ToHaveTextAsync("Ca phải có ít nhất 1 công an", new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("plan-issues")).ToContainTextAsync("Không lưu được lịch ca này");
        await ScreenshotAsync(page, "roster.png");

        // Nothing was stored: after a reload the shift has the people it had.
        await page.ReloadAsync();
        if (nextWeek)
        {
            await page.GetByTestId("week-next").ClickAsync(new() { Timeout = Timeout });
        }
        var same = page.Locator($"[data-testid=roster-cell][data-date='{date}'][data-shift='{shift}']");
        await Assertions.Expect(same).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.Equal(before, await same.GetByTestId("cell-person").AllInnerTextsAsync());
        await Assertions.Expect(same).ToHaveAttributeAsync("data-ok", "true");
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>The leader's live board: a clerk claims a book and logs a case elsewhere, and the open board follows.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task The_leaders_board_follows_a_clerk_claiming_a_book_and_logging_a_case_without_a_reload()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "leader", "Demo-2026");
        await page.GetByTestId("nav-board").ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("board-connection")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=board-shift], [data-testid=board-no-shift]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        // Set in this very document: still there at the end means the page was never reloaded.
        await page.EvaluateAsync("window.boardNotReloaded = true");

        // The demo clerk of the leader's team, through the API in a session of its own.
        using var clerk = await DemoClerk.SignInAsync(Server.BaseAddress);
        var claim = await DemoClerk.HoldBirthBookAsync(clerk);

        // Between 22:00 and 06:00 in Bình Phước no shift is open: nothing can be claimed and the board says so.
        if (claim.StatusCode == HttpStatusCode.Forbidden)
        {
            var local = DateTime.UtcNow.AddHours(7).TimeOfDay;
            var problem = await claim.Content.ReadFromJsonAsync<JsonElement>();
            Output.WriteLine($"refused at {local:hh\\:mm} in Asia/Ho_Chi_Minh: {problem}");
            Assert.False(local > TimeSpan.FromHours(6.05) && local < TimeSpan.FromHours(21.95), "a shift is open from 06:00 to 22:00, so a book is handed out");
            Assert.Equal("No shift open", problem.GetProperty("title").GetString());
            await Assertions.Expect(page.GetByTestId("board-no-shift")).ToContainTextAsync("Hiện không có ca làm việc nào đang mở");
            await ScreenshotAsync(page, "board.png");
            return;
        }
        claim.EnsureSuccessStatusCode();
        var book = await claim.Content.ReadFromJsonAsync<JsonElement>();
        var code = book.GetProperty("code").GetString()!;
        var logged = book.GetProperty("casesLogged").GetInt32();
        Output.WriteLine($"the clerk holds {code}, {logged} cases logged");

        var row = page.Locator($"[data-testid=board-row][data-user='clerk']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-book", code, new() { Timeout = Timeout });
        var before = int.Parse(await row.GetByTestId("board-cases-shift").InnerTextAsync(), NumberStyles.Number, CultureInfo.GetCultureInfo("vi-VN"));

        var stored = await DemoClerk.LogBirthCaseAsync(clerk, book);
        Output.WriteLine($"logged entry {stored.GetProperty("entryNumber")} of {code}");

        await Assertions.Expect(row.GetByTestId("board-cases-shift")).ToHaveTextAsync((before + 1).ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), new() { Timeout = Timeout });
        await Assertions.Expect(row.GetByTestId("board-book-logged")).ToContainTextAsync($"{logged + 1} / ");
        Assert.True(await page.EvaluateAsync<bool>("window.boardNotReloaded === true"), "the board was reloaded");
        await ScreenshotAsync(page, "board.png");
    }

    [Fact]
    public async Task After_the_connection_drops_the_board_resyncs_and_shows_what_was_logged_meanwhile()
    {
        var page = await NewPageAsync();
        // The hub's socket passes through the test, which can cut it; a held negotiation keeps the page away meanwhile.
        IWebSocketRoute? socket = null;
        IWebSocketRoute? server = null;
        await page.RouteWebSocketAsync("**/hubs/sprint**", route =>
        {
            socket = route;
            server = route.ConnectToServer();
        });
        var comeBack = new TaskCompletionSource();
        var holdNegotiation = false;
        await page.RouteAsync("**/hubs/sprint/negotiate**", async route =>
        {
            if (holdNegotiation)
            {
                await comeBack.Task;
            }
            await route.ContinueAsync();
        });
        await SignInAsync(page, "leader", "Demo-2026");
        await page.GetByTestId("nav-board").ClickAsync(new() { Timeout = Timeout });
        var connection = page.GetByTestId("board-connection");
        await Assertions.Expect(connection).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=board-shift], [data-testid=board-no-shift]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.EvaluateAsync("window.boardNotReloaded = true");

        using var clerk = await DemoClerk.SignInAsync(Server.BaseAddress);
        var claim = await DemoClerk.HoldBirthBookAsync(clerk);
        if (claim.StatusCode == HttpStatusCode.Forbidden)
        {
            // Outside shift hours nothing can be logged; the claim test above covers the board's night view.
            Output.WriteLine($"no shift open at {DateTime.UtcNow.AddHours(7):HH:mm} in Asia/Ho_Chi_Minh: nothing to resync");
            return;
        }
        claim.EnsureSuccessStatusCode();
        var book = await claim.Content.ReadFromJsonAsync<JsonElement>();
        var row = page.Locator("[data-testid=board-row][data-user='clerk']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-book", book.GetProperty("code").GetString()!, new() { Timeout = Timeout });
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var before = int.Parse(await row.GetByTestId("board-cases-shift").InnerTextAsync(), NumberStyles.Number, vi);

        holdNegotiation = true;
        await server!.CloseAsync();
        await socket!.CloseAsync();
        await Assertions.Expect(connection).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = Timeout });
        // Logged while the board is away: no event reaches it, only the resync after the reconnect.
        await DemoClerk.LogBirthCaseAsync(clerk, book);
        await Assertions.Expect(row.GetByTestId("board-cases-shift")).ToHaveTextAsync(before.ToString("N0", vi));
        comeBack.SetResult();

        await Assertions.Expect(connection).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Timeout });
        await Assertions.Expect(row.GetByTestId("board-cases-shift")).ToHaveTextAsync((before + 1).ToString("N0", vi), new() { Timeout = Timeout });
        Assert.True(await page.EvaluateAsync<bool>("window.boardNotReloaded === true"), "the board was reloaded");
    }
}

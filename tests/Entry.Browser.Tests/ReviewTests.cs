using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>
/// The review pages against the real server: a civil-registry officer of the demo team verifies a flagged case the demo
/// clerk logged; an Admin accepts a count report the demo leader filed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    // u689-02 and u689-03 are the civil-registry officers of the Đồng Xoài team (with its leader); the demo clerk is in it.
    private const string Officer = "u689-02";
    private const string Password = ApiSession.DemoPassword;

    [Fact]
    public async Task The_demo_teams_civil_registry_officer_verifies_a_flagged_case_from_the_keyboard()
    {
        using var clerk = await DemoClerk.SignInAsync(Server.BaseAddress);
        var book = await HeldBirthBookAsync(clerk);

        var page = await NewPageAsync();
        await SignInAsync(page, Officer, Password);
        if (book is null)
        {
            // Between 22:00 and 06:00 in Bình Phước no shift is open, so nothing can be logged: the page still opens with its queues.
            var local = DateTime.UtcNow.AddHours(7).TimeOfDay;
            Output.WriteLine($"no shift open at {local:hh\\:mm} in Asia/Ho_Chi_Minh: nothing to verify");
            Assert.False(local > TimeSpan.FromHours(6.05) && local < TimeSpan.FromHours(21.95), "a shift is open from 06:00 to 22:00, so a book is handed out");
            await page.GetByTestId("nav-review").ClickAsync(new() { Timeout = Timeout });
            await Assertions.Expect(page.GetByTestId("verification-queue")).ToBeAttachedAsync(new() { Timeout = Timeout });
            await ScreenshotAsync(page, "review.png");
            return;
        }
        var logged = await DemoClerk.LogBirthCaseAsync(clerk, book.Value, needsVerification: true);
        var (id, number) = (logged.GetProperty("id").GetGuid(), logged.GetProperty("entryNumber").GetInt32());
        var code = book.Value.GetProperty("code").GetString()!;

        await page.GetByTestId("nav-review").ClickAsync(new() { Timeout = Timeout });
        var item = page.Locator($"[data-testid=verification-item][data-book='{code}'][data-entry='{number}']");
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = Timeout });
        // The queue is a list of buttons: focus and Enter open a case.
        await item.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var opened = page.GetByTestId("review-case");
        await Assertions.Expect(opened).ToHaveAttributeAsync("data-entry-id", id.ToString(), new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("review-status")).ToContainTextAsync("Chờ xác minh");
        await Assertions.Expect(page.Locator("input[data-testid=f-childName]")).ToHaveValueAsync("Điểu Thị Hoa");
        await Assertions.Expect(page.GetByTestId("review-history-empty")).ToBeVisibleAsync();

        var verify = page.GetByTestId("review-verify");
        await verify.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("review-notice")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("review-status")).ToContainTextAsync("Đã xác minh");
        await Assertions.Expect(page.GetByTestId("review-revision")).ToContainTextAsync(Officer);
        // The history in words: the flag and its reason as the form names them, not the stored true/false and enum names.
        var changes = page.GetByTestId("review-change");
        await Assertions.Expect(changes.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Cần xác minh:") })).ToHaveTextAsync("Cần xác minh: Có → Không");
        await Assertions.Expect(changes.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Lý do cần xác minh:") })).ToHaveTextAsync("Lý do cần xác minh: Không đọc được → (để trống)");
        await Assertions.Expect(page.GetByTestId("review-history")).Not.ToContainTextAsync("true");
        // One primary action, and nothing of the entry page that does not apply here.
        Assert.Equal(1, await page.Locator("[data-testid=review-case] ~ * .mud-button-filled").CountAsync());
        await Assertions.Expect(page.GetByTestId("correcting")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Ctrl+Enter lưu")).ToHaveCountAsync(0);
        await Assertions.Expect(item).ToHaveCountAsync(0, new() { Timeout = Timeout });
        await ScreenshotAsync(page, "review.png");

        var stored = await (await clerk.GetAsync($"api/entries/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("verified", stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_admin_accepts_a_count_report_with_another_count()
    {
        using var leader = await ApiSession.SignInAsync(Server.BaseAddress, "leader");
        using var admin = await ApiSession.SignInAsync(Server.BaseAddress, "admin");
        var team = (await leader.GetFromJsonAsync<JsonElement>("api/teams/mine")).GetProperty("team").GetProperty("id").GetInt32();
        var queue = await leader.GetFromJsonAsync<JsonElement>($"api/teams/{team}/queue?page=1&pageSize=50");
        // A book from the end of the first page: no other test works on it.
        var book = queue.GetProperty("items").EnumerateArray().Last().GetProperty("book");
        var code = book.GetProperty("code").GetString()!;
        var count = book.GetProperty("caseCount").GetInt32();
        try
        {
            var reported = await leader.PostAsJsonAsync($"api/books/{Uri.EscapeDataString(code)}/count-report", new { reportedCount = count + 3, note = "Sổ có thêm 3 trang" });
            Assert.True(reported.StatusCode == HttpStatusCode.Created, await reported.Content.ReadAsStringAsync());

            var page = await NewPageAsync();
            await SignInAsync(page, "admin", Password);
            // The menu counts what waits for the Admin's decision.
            await Assertions.Expect(page.GetByTestId("pending-count-badge")).ToBeVisibleAsync(new() { Timeout = Timeout });
            await page.GetByTestId("nav-count-reports").ClickAsync(new() { Timeout = Timeout });
            var row = page.Locator($"[data-testid=count-report][data-book='{code}']");
            await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = Timeout });
            await row.Locator("input[data-testid=count-report-count]").FillAsync((count + 2).ToString(CultureInfo.InvariantCulture));
            await row.Locator("input[data-testid=count-report-count]").PressAsync("Enter");

            await Assertions.Expect(page.GetByTestId("count-report-notice")).ToContainTextAsync(code, new() { Timeout = Timeout });
            await Assertions.Expect(row).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Đã chấp nhận" }).ClickAsync();
            await Assertions.Expect(page.Locator($"[data-testid=count-report][data-book='{code}'] [data-testid=count-report-decision]"))
                .ToContainTextAsync((count + 2).ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), new() { Timeout = Timeout });
            await ScreenshotAsync(page, "count-reports.png");

            // The inventory follows: the book's count in the team's queue is the accepted one.
            Assert.Equal(count + 2, await CaseCountAsync(leader, team, code));
        }
        finally
        {
            // The server is shared by the browser tests: the book gets its count back even when a step above failed,
            // so the province target stays 1.457.884 for the others.
            await RestoreCaseCountAsync(leader, admin, team, code, count);
        }
    }

    [Fact]
    public async Task The_teams_page_shows_the_national_sync_and_follows_it_without_a_reload()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "admin", Password);
        await page.GetByTestId("nav-teams").ClickAsync(new() { Timeout = Timeout });
        var panel = page.GetByTestId("national-status");
        await Assertions.Expect(panel.GetByTestId("national-circuit")).ToHaveAttributeAsync("data-circuit", "closed", new() { Timeout = Timeout });
        await page.EvaluateAsync("window.teamsNotReloaded = true");
        var before = await AnsweredOrWaitingAsync(page);

        using var clerk = await DemoClerk.SignInAsync(Server.BaseAddress);
        var book = await HeldBirthBookAsync(clerk);
        if (book is null)
        {
            Output.WriteLine($"no shift open at {DateTime.UtcNow.AddHours(7):HH:mm} in Asia/Ho_Chi_Minh: nothing to sync");
            return;
        }
        // A case that needs no verification: it goes to the national database as it is.
        await DemoClerk.LogBirthCaseAsync(clerk, book.Value);

        // Waiting, held until verified (it is flagged), synced or rejected: the new case shows in one of them, told by the hub.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await AnsweredOrWaitingAsync(page) <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the national status did not follow the new case");
            await Task.Delay(200);
        }
        Assert.True(await page.EvaluateAsync<bool>("window.teamsNotReloaded === true"), "the page was reloaded");
        await ScreenshotAsync(page, "teams-national.png");
    }

    private static async Task<long> AnsweredOrWaitingAsync(IPage page)
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        long Read(string text) => long.Parse(text, NumberStyles.Number, vi);
        return Read(await page.GetByTestId("national-backlog").InnerTextAsync())
            + Read(await page.GetByTestId("national-held").InnerTextAsync())
            + Read(await page.GetByTestId("national-synced").InnerTextAsync())
            + Read(await page.GetByTestId("national-rejected").InnerTextAsync());
    }

    /// <summary>The birth book the clerk holds or claims; null when no shift is open.</summary>
    private static async Task<JsonElement?> HeldBirthBookAsync(HttpClient clerk)
    {
        using var claim = await DemoClerk.HoldBirthBookAsync(clerk);
        if (claim.StatusCode == HttpStatusCode.Forbidden)
        {
            return null;
        }
        Assert.True(claim.IsSuccessStatusCode, $"claiming a book: {(int)claim.StatusCode} {await claim.Content.ReadAsStringAsync()}");
        return await claim.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<int> CaseCountAsync(HttpClient leader, int team, string code)
    {
        var queue = await leader.GetFromJsonAsync<JsonElement>($"api/teams/{team}/queue?page=1&pageSize=50");
        return queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("book"))
            .Single(b => b.GetProperty("code").GetString() == code).GetProperty("caseCount").GetInt32();
    }

    /// <summary>Puts the book's inventory count back to <paramref name="count"/>: a report still pending is accepted with it, a changed count is reported and accepted back.</summary>
    private static async Task RestoreCaseCountAsync(HttpClient leader, HttpClient admin, int team, string code, int count)
    {
        var pending = await admin.GetFromJsonAsync<JsonElement>("api/count-reports?status=pending");
        foreach (var report in pending.EnumerateArray().Where(r => r.GetProperty("bookCode").GetString() == code))
        {
            await AcceptAsync(admin, report.GetProperty("id").GetInt64(), count);
        }

        if (await CaseCountAsync(leader, team, code) != count)
        {
            var back = await leader.PostAsJsonAsync($"api/books/{Uri.EscapeDataString(code)}/count-report", new { reportedCount = count, note = "Trả lại số cũ" });
            Assert.True(back.StatusCode == HttpStatusCode.Created, await back.Content.ReadAsStringAsync());
            var report = await back.Content.ReadFromJsonAsync<JsonElement>();
            await AcceptAsync(admin, report.GetProperty("id").GetInt64(), count);
        }

        Assert.Equal(count, await CaseCountAsync(leader, team, code));
    }

    private static async Task AcceptAsync(HttpClient admin, long reportId, int count)
    {
        using var accepted = await admin.PostAsJsonAsync($"api/count-reports/{reportId}/accept", new { caseCount = count });
        Assert.True(accepted.IsSuccessStatusCode, $"accepting count report {reportId}: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
    }
}

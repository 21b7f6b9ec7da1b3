using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>
/// Quality control in the browser against the real server: a clerk of the demo team finishes a book, a teammate re-keys its
/// sample blind with one difference, the team's civil-registry officer arbitrates it, and the Admin's dashboard shows
/// the province's accuracy change while it is open.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QualityTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    // The demo clerk's team is Đồng Xoài's (unit 689): u689-02 is one of its civil-registry officers.
    private const string Officer = "u689-02";
    private const string FirstName = "Điểu Thị Hoa";
    private const string SecondName = "Điểu Thị Hòa";

    [Fact]
    public async Task A_teammate_rekeys_a_finished_book_with_one_difference_and_the_officer_arbitrates_it_while_the_dashboard_watches()
    {
        using var admin = await ApiSession.SignInAsync(Server.BaseAddress, "admin");
        var settings = await admin.GetFromJsonAsync<JsonElement>("api/quality/settings");
        // Every clerk at the book rate, and that rate as low as allowed: the book's sample is its one or two drawn entries.
        await PutSettingsAsync(admin, new { sampleRate = 0.001, newClerkCases = 0, newClerkRate = 1.0, highErrorRate = 0.02, highErrorSampleRate = 0.2,
            lowErrorRate = 0.005, lowErrorMinFields = 500, lowErrorSampleRate = 0.02, acceptanceErrorRate = 0.02 });
        try
        {
            // A teammate of the demo clerk, not the demo clerk: the other tests' view of the demo clerk's cases stays theirs.
            var (firstKeyer, clerk) = await TeammateOnShiftAsync();
            using var firstSession = clerk;
            var book = await FinishSmallBirthBookAsync(clerk);
            var code = book.GetProperty("code").GetString()!;
            var registered = DateOnly.Parse(book.GetProperty("registeredFrom").GetString()!, CultureInfo.InvariantCulture);
            var keyer = await TeammateWhoMayRekeyAsync(code);
            Output.WriteLine($"book {code} finished by {firstKeyer}; {keyer} re-keys its sample");

            var dashboard = await NewPageAsync();
            await SignInAsync(dashboard, "admin", ApiSession.DemoPassword);
            await dashboard.GotoAsync("dashboard");
            var card = dashboard.GetByTestId("dashboard-quality");
            await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = Timeout });
            var before = await card.InnerTextAsync();

            // The teammate takes the check from the team's quality queue and keys the drawn entries from the paper: the form is blank.
            var page = await NewPageAsync();
            await SignInAsync(page, keyer, ApiSession.DemoPassword);
            await page.GetByTestId("nav-quality").ClickAsync(new() { Timeout = Timeout });
            var row = page.Locator($"[data-testid=quality-queue-item][data-book='{code}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-quality", "SampleWaiting", new() { Timeout = Timeout });
            await row.GetByTestId("quality-claim").ClickAsync();
            await Assertions.Expect(page.GetByTestId("quality-pass")).ToHaveAttributeAsync("data-book", code, new() { Timeout = Timeout });
            var numbers = page.GetByTestId("quality-number");
            var drawn = await numbers.CountAsync();
            Assert.InRange(drawn, 1, 5);
            await Assertions.Expect(page.Locator("input[data-testid=f-childName]")).ToHaveValueAsync("");
            await ScreenshotAsync(page, "quality-rekeying.png");
            await page.SetViewportSizeAsync(390, 844);
            await ScreenshotAsync(page, "quality-rekeying-phone.png");
            // The link drops on the first save: the page says so and keeps what was typed; saving again sends the same keying.
            var sent = new List<string>();
            await page.RouteAsync("**/api/quality/entries", async route =>
            {
                sent.Add(JsonDocument.Parse(route.Request.PostData!).RootElement.GetProperty("id").GetString()!);
                await (sent.Count == 1 ? route.AbortAsync() : route.ContinueAsync());
            });
            for (var i = 0; i < drawn; i++)
            {
                var number = await page.Locator("input[data-testid=f-entryNumber]").InputValueAsync();
                await KeyBirthCaseAsync(page, registered, i == 0 ? SecondName : FirstName);
                await page.Keyboard.PressAsync("Control+Enter");
                if (i == 0)
                {
                    await Assertions.Expect(page.GetByTestId("quality-problem")).ToBeVisibleAsync(new() { Timeout = Timeout });
                    await Assertions.Expect(page.Locator("input[data-testid=f-childName]")).ToHaveValueAsync(SecondName);
                    await page.Locator("input[data-testid=f-childName]").PressAsync("Control+Enter");
                }
                var notice = page.GetByTestId("quality-notice");
                await Assertions.Expect(notice).ToContainTextAsync(i == drawn - 1 ? code : number, new() { Timeout = Timeout });
            }
            await Assertions.Expect(page.GetByTestId("quality-notice")).ToContainTextAsync("Đã nhập lại xong mẫu");
            Assert.Equal(sent[0], sent[1]);
            Assert.Equal(drawn + 1, sent.Count);

            // The officer sees both keyings side by side, the child's name marked, and takes the second (the paper says Hòa).
            var officer = await NewPageAsync();
            await SignInAsync(officer, Officer, ApiSession.DemoPassword);
            await officer.GetByTestId("nav-review").ClickAsync(new() { Timeout = Timeout });
            var item = officer.Locator($"[data-testid=arbitration-item][data-book='{code}']");
            await Assertions.Expect(item).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await item.ClickAsync();
            var differs = officer.Locator("[data-testid=arbitration-field][data-differs=true]");
            await Assertions.Expect(differs).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await Assertions.Expect(differs).ToHaveAttributeAsync("data-field", "birth.childName");
            await Assertions.Expect(differs).ToContainTextAsync(FirstName);
            await Assertions.Expect(differs).ToContainTextAsync(SecondName);
            await Assertions.Expect(officer.Locator("[data-testid=arbitration-field][data-differs=false]").First).ToBeVisibleAsync();
            await ScreenshotAsync(officer, "quality-arbitration.png");
            await officer.SetViewportSizeAsync(390, 844);
            await ScreenshotAsync(officer, "quality-arbitration-phone.png");
            await officer.EvaluateAsync("localStorage.setItem('entry.culture', 'en-GB')");
            await officer.ReloadAsync();
            await item.ClickAsync(new() { Timeout = Timeout });
            await Assertions.Expect(differs).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await ScreenshotAsync(officer, "quality-arbitration-en.png");
            await officer.EvaluateAsync("localStorage.setItem('entry.culture', 'vi-VN')");
            await officer.ReloadAsync();
            await item.ClickAsync(new() { Timeout = Timeout });
            await Assertions.Expect(differs).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await officer.GetByTestId("arbitration-second").ClickAsync();
            var decided = officer.GetByTestId("arbitration-notice");
            // One wrong field of the book's few compared is above the 2 % threshold: the book is re-keyed in full.
            await Assertions.Expect(decided).ToContainTextAsync("Không đạt", new() { Timeout = Timeout });
            await Assertions.Expect(item).ToHaveCountAsync(0, new() { Timeout = Timeout });

            // The case is the decision now; the open dashboard's accuracy moved without a reload.
            var stored = await admin.GetFromJsonAsync<JsonElement>($"api/quality/books/{Uri.EscapeDataString(code)}");
            Assert.Equal("failedRekeying", stored.GetProperty("quality").GetString());
            await Assertions.Expect(dashboard.GetByTestId("dashboard-accuracy")).ToBeVisibleAsync(new() { Timeout = Timeout });
            await Assertions.Expect(card).Not.ToHaveTextAsync(before, new() { Timeout = Timeout });
            await Assertions.Expect(dashboard.GetByTestId("dashboard-accuracy")).Not.ToHaveTextAsync("100,00 %");
            await ScreenshotAsync(card, "quality-dashboard.png");

            // The team's leader sees the book on the board's quality queue, re-keyed in full now, and the team's figures by clerk.
            var board = await NewPageAsync();
            await SignInAsync(board, "leader", ApiSession.DemoPassword);
            await board.GetByTestId("nav-board").ClickAsync(new() { Timeout = Timeout });
            await Assertions.Expect(board.Locator($"[data-testid=quality-queue-item][data-book='{code}']"))
                .ToHaveAttributeAsync("data-quality", "FailedRekeying", new() { Timeout = Timeout });
            var clerkRow = board.GetByTestId("board-quality-figures").Locator($"[data-testid=quality-figure-row][data-key='{firstKeyer}']");
            await Assertions.Expect(clerkRow).ToBeVisibleAsync(new() { Timeout = Timeout });
            await Assertions.Expect(clerkRow).Not.ToContainTextAsync("100,00 %");
            await ScreenshotAsync(board, "quality-board.png");
        }
        finally
        {
            await PutSettingsAsync(admin, settings);
        }
    }

    [Fact]
    public async Task The_Admin_sets_the_sample_rate_in_percent_and_a_rate_out_of_range_is_refused_beside_its_field()
    {
        using var admin = await ApiSession.SignInAsync(Server.BaseAddress, "admin");
        var settings = await admin.GetFromJsonAsync<JsonElement>("api/quality/settings");
        try
        {
            var page = await NewPageAsync();
            await SignInAsync(page, "admin", ApiSession.DemoPassword);
            await page.GotoAsync("dashboard");
            await page.GetByTestId("quality-settings-edit").ClickAsync(new() { Timeout = Timeout });
            var rate = page.Locator("input[data-testid=quality-sampleRate]");
            await rate.FillAsync("150");
            await page.GetByTestId("quality-settings-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("quality-settings").GetByText("Nhập một tỉ lệ từ 0,1 % đến 100 %.")).ToBeVisibleAsync(new() { Timeout = Timeout });
            await rate.FillAsync("7,5");
            await page.GetByTestId("quality-settings-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("quality-settings-current")).ToContainTextAsync("Mẫu 7,5 %", new() { Timeout = Timeout });
            var stored = await admin.GetFromJsonAsync<JsonElement>("api/quality/settings");
            Assert.Equal(0.075, stored.GetProperty("sampleRate").GetDouble(), 6);
            await ScreenshotAsync(page.GetByTestId("quality-settings"), "quality-settings.png");
        }
        finally
        {
            await PutSettingsAsync(admin, settings);
        }
    }

    private static async Task PutSettingsAsync(HttpClient admin, object settings)
    {
        using var response = await admin.PutAsJsonAsync("api/quality/settings", settings);
        Assert.True(response.IsSuccessStatusCode, $"quality settings: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// A member of the demo clerk's team other than the demo clerk, the leader and the officers, rostered on the open
    /// shift (the server's claim says so: it hands them the next book, given back at once), signed in.
    /// </summary>
    private async Task<(string UserName, HttpClient Session)> TeammateOnShiftAsync()
    {
        var refusals = new List<string>();
        for (var n = 4; n <= 12; n++)
        {
            var user = $"u689-{n:00}";
            var session = await ApiSession.SignInAsync(Server.BaseAddress, user);
            using var claim = await session.PostAsync("api/claims/next", null);
            if (claim.IsSuccessStatusCode)
            {
                var held = (await claim.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
                using var released = await session.PostAsync($"api/books/{Uri.EscapeDataString(held)}/release", null);
                return (user, session);
            }
            refusals.Add($"{user}: {(int)claim.StatusCode}");
            session.Dispose();
        }
        throw new InvalidOperationException("no teammate on the open shift: " + string.Join("; ", refusals));
    }

    /// <summary>The smallest birth book nobody has started in the clerk's team queue, claimed and logged to its last entry.</summary>
    private static async Task<JsonElement> FinishSmallBirthBookAsync(HttpClient clerk)
    {
        var team = await clerk.GetFromJsonAsync<JsonElement>("api/teams/mine");
        var teamId = team.GetProperty("team").GetProperty("id").GetInt32();
        var queue = await clerk.GetFromJsonAsync<JsonElement>($"api/teams/{teamId}/queue?pageSize=500");
        var candidate = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("book"))
            .Where(b => b.GetProperty("type").GetString() == "birth" && b.GetProperty("status").GetString() == "notStarted")
            .OrderBy(b => b.GetProperty("caseCount").GetInt32()).First();
        var code = candidate.GetProperty("code").GetString()!;
        using var claim = await clerk.PostAsync($"api/books/{Uri.EscapeDataString(code)}/claim", null);
        Assert.True(claim.IsSuccessStatusCode, $"claiming {code}: {(int)claim.StatusCode} {await claim.Content.ReadAsStringAsync()}");
        var book = await claim.Content.ReadFromJsonAsync<JsonElement>();
        var registered = DateOnly.Parse(book.GetProperty("registeredFrom").GetString()!, CultureInfo.InvariantCulture);
        for (var number = 1; number <= book.GetProperty("caseCount").GetInt32(); number++)
        {
            using var logged = await clerk.PostAsJsonAsync("api/entries", DemoClerk.BirthCase(code, number, registered, childName: FirstName));
            Assert.True(logged.StatusCode == HttpStatusCode.Created, $"logging {code} {number}: {(int)logged.StatusCode} {await logged.Content.ReadAsStringAsync()}");
        }
        return book;
    }

    /// <summary>A member of the team on the open shift who is neither its leader nor a civil-registry officer: the server says who may claim.</summary>
    private async Task<string> TeammateWhoMayRekeyAsync(string code)
    {
        var refusals = new List<string>();
        for (var n = 4; n <= 12; n++)
        {
            var user = $"u689-{n:00}";
            using var session = await ApiSession.SignInAsync(Server.BaseAddress, user);
            using var claim = await session.PostAsync($"api/quality/books/{Uri.EscapeDataString(code)}/claim", null);
            if (claim.IsSuccessStatusCode)
            {
                using var released = await session.PostAsync($"api/quality/books/{Uri.EscapeDataString(code)}/release", null);
                Assert.True(released.IsSuccessStatusCode, $"giving back the check: {(int)released.StatusCode}");
                return user;
            }
            refusals.Add($"{user}: {(int)claim.StatusCode} {await claim.Content.ReadAsStringAsync()}");
        }
        throw new InvalidOperationException("no teammate may re-key: " + string.Join("; ", refusals));
    }

    /// <summary>The birth form filled as the paper says (the first keying's values), with <paramref name="childName"/>; the entry number is the one the page offers.</summary>
    private static async Task KeyBirthCaseAsync(IPage page, DateOnly registered, string childName)
    {
        await EntryPage.FillBirthCaseAsync(page, registered, childName, pageNumber: 1, bornDaysBefore: 10);
        await EntryPage.Input(page, "f-fatherName").PressAsync("Tab");
    }
}

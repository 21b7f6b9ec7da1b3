using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>The clerk's entry page against the real server: claim a book, log a birth case without touching the mouse.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DataEntryTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task A_clerk_claims_a_book_and_logs_a_birth_case_from_the_keyboard()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "clerk", "Demo-2026");
        await page.GetByTestId("nav-entry").ClickAsync(new() { Timeout = Timeout });

        var heldBook = page.GetByTestId("held-book");
        await Assertions.Expect(page.Locator("[data-testid=held-book], [data-testid=no-book]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        if (await heldBook.IsVisibleAsync() && await heldBook.GetAttributeAsync("data-type") != "Birth")
        {
            // Another test's chosen book: give it back, the queue's next book is a birth book.
            await page.GetByTestId("release").ClickAsync();
            await Assertions.Expect(page.GetByTestId("no-book")).ToBeVisibleAsync(new() { Timeout = Timeout });
        }

        if (await page.GetByTestId("no-book").IsVisibleAsync())
        {
            await page.GetByTestId("claim-next").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=held-book], [data-testid=claim-refusal]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        }

        // Between 22:00 and 06:00 in Bình Phước no shift is open: the page says so instead of handing out a book.
        var refusal = page.GetByTestId("claim-refusal");
        if (await refusal.IsVisibleAsync())
        {
            var local = DateTime.UtcNow.AddHours(7).TimeOfDay;
            Output.WriteLine($"refused at {local:hh\\:mm} in Asia/Ho_Chi_Minh: {await refusal.InnerTextAsync()}");
            Assert.False(local > TimeSpan.FromHours(6.05) && local < TimeSpan.FromHours(21.95), "a shift is open from 06:00 to 22:00, so a book is handed out");
            await Assertions.Expect(refusal).ToHaveAttributeAsync("data-code", "claim.noShiftOpen");
            await Assertions.Expect(refusal).ToContainTextAsync("Hiện không có ca làm việc nào đang mở");
            await ScreenshotAsync(page, "entry.png");
            return;
        }

        // The Đồng Xoài queue starts with birth books.
        await Assertions.Expect(heldBook).ToHaveAttributeAsync("data-type", "Birth");
        var from = DateOnly.ParseExact((await heldBook.GetAttributeAsync("data-from"))!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var logged = int.Parse(await page.GetByTestId("cases-logged").InnerTextAsync(), CultureInfo.InvariantCulture);
        var entryNumber = page.Locator("input[data-testid=f-entryNumber]");
        // The next free number of the book: other tests of the run may have logged or skipped some of its numbers.
        await Assertions.Expect(entryNumber).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"), new() { Timeout = Timeout });
        await Assertions.Expect(entryNumber).ToBeFocusedAsync();
        var number = int.Parse(await entryNumber.InputValueAsync(), CultureInfo.InvariantCulture);
        Assert.True(number > logged, $"the proposed entry number {number} follows the {logged} cases logged");
        Output.WriteLine($"book {await heldBook.GetAttributeAsync("data-code")} from {from:yyyy-MM-dd}, {logged} cases logged, entry {number} next");

        // Field by field with Tab, as a clerk types from the paper register; Enter in the last field saves.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(from.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("3");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Điểu Thị H'Bia");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("f-sex")).ToBeFocusedAsync();
        await page.GetByTestId("f-sex").SelectOptionAsync("female");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(from.AddDays(-12).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Xã Tân Thành, thị xã Đồng Xoài");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Thị K'Lung");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Điểu K'Lung");
        await Assertions.Expect(page.Locator("input[data-testid=f-fatherName]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync((logged + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        await Assertions.Expect(entryNumber).ToHaveValueAsync((number + 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator($"[data-testid=saved-case][data-entry='{number}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[data-testid=f-childName]")).ToHaveValueAsync("");
        await Assertions.Expect(entryNumber).ToBeFocusedAsync();
        await ScreenshotAsync(page, "entry.png");

        // A date that is no date is caught in place; a case the server refuses keeps what was typed, the reason under its field.
        var childName = page.Locator("input[data-testid=f-childName]");
        await childName.PressSequentiallyAsync("Nguyễn Văn An");
        await page.GetByTestId("f-sex").SelectOptionAsync("male");
        var born = page.Locator("input[data-testid=f-dateOfBirth]");
        await born.PressSequentiallyAsync("31/02/1970");
        await page.Locator("input[data-testid=f-placeOfBirth]").PressSequentiallyAsync("Đồng Xoài");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(FieldError(page, "f-dateOfBirth")).ToContainTextAsync("Ngày 31/02/1970 không tồn tại", new() { Timeout = Timeout });
        await born.FillAsync(from.AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(FieldError(page, "f-motherName")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(childName).ToHaveValueAsync("Nguyễn Văn An");
        await Assertions.Expect(page.GetByTestId("save")).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync((logged + 1).ToString(CultureInfo.InvariantCulture));
        await ScreenshotAsync(page, "entry-refused.png");

        // The network drops the first two sends: the form goes on at once (the case waits, never shown saved before the
        // server's answer), and the case is sent again with the same id and stored once.
        var ids = new List<string>();
        await page.RouteAsync("**/api/entries", async route =>
        {
            var body = System.Text.Json.JsonDocument.Parse(route.Request.PostData!);
            ids.Add(body.RootElement.GetProperty("id").GetString()!);
            if (ids.Count <= 2)
            {
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await page.Locator("input[data-testid=f-motherName]").PressSequentiallyAsync("Trần Thị Bình");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(entryNumber).ToHaveValueAsync((number + 2).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        var resent = page.Locator($"[data-testid=saved-case][data-entry='{number + 1}']");
        await Assertions.Expect(resent).ToHaveAttributeAsync("data-state", "queued");
        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync((logged + 2).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        await Assertions.Expect(resent).ToHaveAttributeAsync("data-state", "saved");
        Assert.Equal(3, ids.Count);
        Assert.Single(ids.Distinct());
    }

    private static ILocator FieldError(IPage page, string testId) =>
        page.Locator($".mud-input-control:has(input[data-testid={testId}]) .mud-input-helper-text.mud-input-error");
}

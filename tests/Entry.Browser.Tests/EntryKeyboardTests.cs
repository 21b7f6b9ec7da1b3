using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>
/// The entry page at the keyboard: dates read when their field is left (the real reason for a day that does not exist, the
/// typed date shown again as dd/mm/yyyy), the keyboard on the first faulty field after a refused save, Alt+V with the reason
/// chosen by 1–3 and Ctrl+Enter saving from anywhere, and the clerk's earlier cases found again after a reload.
/// Each test works on a birth book of the demo clerk and leaves held what it found held.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EntryKeyboardTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task A_date_that_does_not_exist_is_refused_in_Vietnamese_when_left_and_typed_dates_are_shown_again_as_dd_mm_yyyy()
    {
        await using var held = await HeldBirthBook.TakeAsync(Server.BaseAddress);
        var page = await OpenEntryAsync();
        var from = held.RegisteredFrom;

        var born = EntryPage.Input(page, "f-dateOfBirth");
        await born.FocusAsync();
        await page.Keyboard.TypeAsync("31021970");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(FieldError(page, "f-dateOfBirth")).ToContainTextAsync("Ngày 31/02/1970 không tồn tại", new() { Timeout = Timeout });
        await Assertions.Expect(FieldError(page, "f-dateOfBirth")).ToContainTextAsync("tháng 02/1970 chỉ có 28 ngày");
        await ScreenshotAsync(page, "entry-date-does-not-exist.png");

        // A two-digit year is read against the book's period; one-digit days and months are filled out.
        var registered = EntryPage.Input(page, "f-registrationDate");
        await registered.FocusAsync();
        await page.Keyboard.TypeAsync(from.ToString("ddMMyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(registered).ToHaveValueAsync(from.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        var birth = from.AddDays(-12);
        await born.FillAsync("");
        await born.PressSequentiallyAsync($"{birth.Day}/{birth.Month}/{birth.Year}");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(born).ToHaveValueAsync(birth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Assertions.Expect(FieldError(page, "f-dateOfBirth")).Not.ToBeVisibleAsync();

        // A refused save puts the keyboard on the first faulty field: the page's own check, then the server's.
        await EntryPage.Input(page, "f-page").FillAsync("2");
        await EntryPage.Input(page, "f-childName").FillAsync("Nguyễn Văn An");
        await page.GetByTestId("f-sex").SelectOptionAsync("male");
        await born.FillAsync("31021970");
        var place = EntryPage.Input(page, "f-placeOfBirth");
        await place.FillAsync("Đồng Xoài");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(born).ToBeFocusedAsync(new() { Timeout = Timeout });
        await Assertions.Expect(FieldError(page, "f-dateOfBirth")).ToContainTextAsync("Ngày 31/02/1970 không tồn tại");

        await born.FillAsync(birth.ToString("ddMMyyyy", CultureInfo.InvariantCulture));
        await place.FocusAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(FieldError(page, "f-motherName")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(EntryPage.Input(page, "f-motherName")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync(held.CasesLogged.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Alt_V_flags_the_case_1_to_3_choose_the_reason_and_Ctrl_Enter_saves_it_flagged()
    {
        await using var held = await HeldBirthBook.TakeAsync(Server.BaseAddress);
        var page = await OpenEntryAsync();
        var entryNumber = EntryPage.Input(page, "f-entryNumber");
        await Assertions.Expect(entryNumber).ToBeFocusedAsync(new() { Timeout = Timeout });
        var logged = int.Parse(await page.GetByTestId("cases-logged").InnerTextAsync(), CultureInfo.InvariantCulture);
        var from = held.RegisteredFrom;

        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(from.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("5");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Thị Mai");
        await page.GetByTestId("f-sex").SelectOptionAsync("female");
        await EntryPage.Input(page, "f-dateOfBirth").FillAsync(from.AddDays(-3).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await EntryPage.Input(page, "f-placeOfBirth").FillAsync("Xã Tiến Hưng");
        await EntryPage.Input(page, "f-motherName").FillAsync("Thị K'Lung");
        var father = EntryPage.Input(page, "f-fatherName");
        await father.FocusAsync();
        await page.Keyboard.TypeAsync("Điểu");

        // Alt+V in the middle of a name: the keyboard goes to the reasons; Ctrl+Enter there saves, and the server's refusal
        // (no reason chosen) puts the keyboard back on them.
        await page.Keyboard.PressAsync("Alt+v");
        await Assertions.Expect(page.Locator("input[data-testid=f-needsVerification]")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("f-reason-illegible")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("error-verificationReason")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("f-reason-illegible")).ToBeFocusedAsync();

        // 2 chooses "missing information" and gives the keyboard back to the name, where the next letters land.
        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(page.GetByTestId("f-reason-missingInformation")).ToBeCheckedAsync();
        await Assertions.Expect(father).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(" K'Lung");
        await Assertions.Expect(father).ToHaveValueAsync("Điểu K'Lung");
        await ScreenshotAsync(page, "entry-flagged-reason.png");

        // Ctrl+Enter from a list saves too.
        await page.GetByTestId("f-sex").FocusAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync((logged + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        var number = int.Parse(await entryNumber.InputValueAsync(), CultureInfo.InvariantCulture) - 1;
        await Assertions.Expect(page.Locator($"[data-testid=saved-case][data-entry='{number}']")).ToContainTextAsync("Cần xác minh");
        await Assertions.Expect(page.Locator($"[data-testid=my-case][data-entry='{number}']")).ToHaveAttributeAsync("data-status", "flagged", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("input[data-testid=f-needsVerification]")).Not.ToBeCheckedAsync();
        await Assertions.Expect(entryNumber).ToBeFocusedAsync();
    }

    [Fact]
    public async Task After_a_reload_the_clerk_finds_an_earlier_case_by_its_number_with_its_name_and_reopens_it()
    {
        await using var held = await HeldBirthBook.TakeAsync(Server.BaseAddress);
        var stored = await DemoClerk.LogBirthCaseAsync(held.Clerk, held.Book);
        var number = stored.GetProperty("entryNumber").GetInt32();
        var page = await OpenEntryAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("held-book")).ToBeVisibleAsync(new() { Timeout = Timeout });

        var list = page.GetByTestId("my-cases");
        await Assertions.Expect(list).ToHaveAttributeAsync("data-scope", "book", new() { Timeout = Timeout });
        await page.Locator("input[data-testid=my-cases-find]").FillAsync(number.ToString(CultureInfo.InvariantCulture));
        var row = list.Locator($"[data-testid=my-case][data-entry='{number}']");
        await Assertions.Expect(row.GetByTestId("my-case-name")).ToHaveTextAsync("Điểu Thị Hoa", new() { Timeout = Timeout });
        await Assertions.Expect(list.GetByTestId("my-case")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "entry-my-cases.png");

        // Today's cases of every book hold it too, with the book's code.
        await page.GetByTestId("my-cases-today").ClickAsync();
        await Assertions.Expect(list).ToHaveAttributeAsync("data-scope", "today");
        await Assertions.Expect(row).ToContainTextAsync(held.Code, new() { Timeout = Timeout });

        // Reopened in the form as stored; Esc puts it back untouched.
        await row.GetByTestId("my-case-correct").ClickAsync();
        await Assertions.Expect(page.GetByTestId("correcting")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(EntryPage.Input(page, "f-childName")).ToHaveValueAsync("Điểu Thị Hoa");
        await Assertions.Expect(EntryPage.Input(page, "f-entryNumber")).ToHaveValueAsync(number.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("save-hint")).ToContainTextAsync("Esc");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("correcting")).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("save-hint")).ToContainTextAsync("Alt+V");
    }

    private async Task<IPage> OpenEntryAsync()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "clerk", ApiSession.DemoPassword);
        await EntryPage.OpenAsync(page);
        await Assertions.Expect(page.GetByTestId("held-book")).ToHaveAttributeAsync("data-type", "Birth", new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("birth-form")).ToBeVisibleAsync();
        return page;
    }

    private static ILocator FieldError(IPage page, string testId) =>
        page.Locator($".mud-input-control:has(input[data-testid={testId}]) .mud-input-helper-text.mud-input-error");

    /// <summary>
    /// A birth book held by the demo clerk for the test: the one held, else the queue's next (a book of another type held is
    /// given back first); afterwards the clerk holds again what they held before.
    /// </summary>
    private sealed class HeldBirthBook : IAsyncDisposable
    {
        private string? _before;

        public HttpClient Clerk { get; private init; } = null!;
        public JsonElement Book { get; private set; }
        public string Code => Book.GetProperty("code").GetString()!;
        public int CasesLogged => Book.GetProperty("casesLogged").GetInt32();
        public DateOnly RegisteredFrom => DateOnly.Parse(Book.GetProperty("registeredFrom").GetString()!, CultureInfo.InvariantCulture);

        public static async Task<HeldBirthBook> TakeAsync(Uri server)
        {
            var held = new HeldBirthBook { Clerk = await DemoClerk.SignInAsync(server) };
            using (var mine = await held.Clerk.GetAsync("api/claims/mine"))
            {
                held._before = mine.IsSuccessStatusCode ? (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString() : null;
            }

            using var answer = await DemoClerk.HoldBirthBookAsync(held.Clerk);
            Assert.True(answer.IsSuccessStatusCode, $"holding a birth book: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            held.Book = await answer.Content.ReadFromJsonAsync<JsonElement>();
            return held;
        }

        public async ValueTask DisposeAsync()
        {
            if (_before != Code)
            {
                using var released = await Clerk.PostAsync($"api/books/{Uri.EscapeDataString(Code)}/release", null);
                if (_before is not null)
                {
                    using var claimed = await Clerk.PostAsync($"api/books/{Uri.EscapeDataString(_before)}/claim", null);
                }
            }

            Clerk.Dispose();
        }
    }
}

using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>The entry page beyond birth books: a marriage case from the keyboard, its correction, a skipped number, a count report.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EntryFormsTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task A_clerk_chooses_a_marriage_book_logs_a_case_from_the_keyboard_and_corrects_it()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "clerk", "Demo-2026");
        await EntryPage.OpenAsync(page);
        await EntryPage.ReleaseHeldAsync(page);
        if (!await EntryPage.ClaimChosenAsync(page, "Marriage"))
        {
            await EntryPage.ExpectNightRefusalAsync(page);
            return;
        }

        var heldBook = page.GetByTestId("held-book");
        await Assertions.Expect(heldBook).ToHaveAttributeAsync("data-type", "Marriage");
        await Assertions.Expect(page.GetByTestId("marriage-form")).ToBeVisibleAsync();
        var from = DateOnly.ParseExact((await heldBook.GetAttributeAsync("data-from"))!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var logged = int.Parse(await page.GetByTestId("cases-logged").InnerTextAsync(), CultureInfo.InvariantCulture);
        var left = int.Parse(await page.GetByTestId("cases-left").InnerTextAsync(), CultureInfo.InvariantCulture);
        var entryNumber = EntryPage.Input(page, "f-entryNumber");
        await Assertions.Expect(entryNumber).ToBeFocusedAsync(new() { Timeout = Timeout });
        var number = int.Parse(await entryNumber.InputValueAsync(), CultureInfo.InvariantCulture);

        // The register's order: number, registration date (typed without slashes), page, husband, his birth date, wife, hers, place.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(from.ToString("ddMMyyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("7");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Điểu Văn Lâm");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(from.AddYears(-30).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Thị H'Bia");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(from.AddYears(-24).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("UBND phường Tân Phú, Đồng Xoài");
        await Assertions.Expect(EntryPage.Input(page, "f-registrationPlace")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync((logged + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("cases-left")).ToHaveTextAsync((left - 1).ToString(CultureInfo.InvariantCulture));
        var saved = page.Locator($"[data-testid=saved-case][data-entry='{number}']");
        await Assertions.Expect(saved).ToHaveAttributeAsync("data-state", "saved");
        await Assertions.Expect(entryNumber).ToHaveValueAsync((number + 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(entryNumber).ToBeFocusedAsync();
        await Assertions.Expect(EntryPage.Input(page, "f-husbandName")).ToHaveValueAsync("");
        // The registration date and the page carry over to the next case of the same page.
        await Assertions.Expect(EntryPage.Input(page, "f-page")).ToHaveValueAsync("7");

        // Alt+V flags the case and puts the keyboard on the reason; again, it unflags.
        await page.Keyboard.PressAsync("Alt+v");
        await Assertions.Expect(page.Locator("input[data-testid=f-needsVerification]")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("f-reason-illegible")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+v");
        await Assertions.Expect(page.Locator("input[data-testid=f-needsVerification]")).Not.ToBeCheckedAsync();
        await ScreenshotAsync(page, "entry-marriage.png");

        // The saved case comes back into the form as stored; the correction is sent with the version read.
        await saved.GetByTestId("correct-case").ClickAsync();
        await Assertions.Expect(page.GetByTestId("correcting")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(EntryPage.Input(page, "f-registrationDate")).ToBeFocusedAsync();
        var wife = EntryPage.Input(page, "f-wifeName");
        await Assertions.Expect(wife).ToHaveValueAsync("Thị H'Bia");
        await Assertions.Expect(entryNumber).ToHaveValueAsync(number.ToString(CultureInfo.InvariantCulture));
        await wife.FillAsync("Thị H'Bia Niê");
        await wife.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("entry-notice")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("correcting")).Not.ToBeVisibleAsync();
        await Assertions.Expect(entryNumber).ToHaveValueAsync((number + 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync((logged + 1).ToString(CultureInfo.InvariantCulture));
        await ScreenshotAsync(page, "entry-corrected.png");

        // A Telex input method composes "Lâm" in place (L, a, a, m): each step stays in the field and the committed word is kept.
        var husband = EntryPage.Input(page, "f-husbandName");
        await husband.FocusAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        foreach (var step in new[] { "L", "La", "Lâ", "Lâm" })
        {
            await cdp.SendAsync("Input.imeSetComposition", new Dictionary<string, object> { ["text"] = step, ["selectionStart"] = step.Length, ["selectionEnd"] = step.Length });
        }

        await cdp.SendAsync("Input.insertText", new Dictionary<string, object> { ["text"] = "Lâm" });
        await page.Keyboard.TypeAsync(" Văn");
        await Assertions.Expect(husband).ToHaveValueAsync("Lâm Văn");
        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync((logged + 1).ToString(CultureInfo.InvariantCulture));

        await EntryPage.ReleaseHeldAsync(page);
    }

    [Fact]
    public async Task A_clerk_skips_an_entry_number_and_reports_a_different_case_count_from_the_keyboard()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "clerk", "Demo-2026");
        await EntryPage.OpenAsync(page);
        await EntryPage.ReleaseHeldAsync(page);
        if (!await EntryPage.ClaimChosenAsync(page, "Death"))
        {
            await EntryPage.ExpectNightRefusalAsync(page);
            return;
        }

        await Assertions.Expect(page.GetByTestId("death-form")).ToBeVisibleAsync();
        var entryNumber = EntryPage.Input(page, "f-entryNumber");
        await Assertions.Expect(entryNumber).ToBeFocusedAsync(new() { Timeout = Timeout });
        var number = int.Parse(await entryNumber.InputValueAsync(), CultureInfo.InvariantCulture);
        var left = int.Parse(await page.GetByTestId("cases-left").InnerTextAsync(), CultureInfo.InvariantCulture);
        var caseCount = int.Parse(await page.GetByTestId("case-count").InnerTextAsync(), CultureInfo.InvariantCulture);

        // Skip: the dialog opens on the form's entry number; Tab to the reason, Tab to the note, Enter confirms.
        await page.GetByTestId("open-skip").ClickAsync();
        var skipNumber = EntryPage.Input(page, "skip-entryNumber");
        await Assertions.Expect(skipNumber).ToBeFocusedAsync(new() { Timeout = Timeout });
        await Assertions.Expect(skipNumber).ToHaveValueAsync(number.ToString(CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("skip-reason")).ToBeFocusedAsync();
        await page.GetByTestId("skip-reason").SelectOptionAsync("EntryBlank");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("dòng để trống trong sổ");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("skip-dialog")).Not.ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("cases-left")).ToHaveTextAsync((left - 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("cases-skipped")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid=saved-case][data-entry='{number}'][data-skipped=true]")).ToHaveAttributeAsync("data-state", "saved");
        await Assertions.Expect(entryNumber).ToHaveValueAsync((number + 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(entryNumber).ToBeFocusedAsync();

        // The paper book holds one case more than the inventory says.
        await page.GetByTestId("open-count-report").ClickAsync();
        var reported = EntryPage.Input(page, "report-count");
        await Assertions.Expect(reported).ToBeFocusedAsync(new() { Timeout = Timeout });
        await page.Keyboard.TypeAsync((caseCount + 1).ToString(CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("trang cuối có thêm một trường hợp");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("entry-notice")).ToContainTextAsync((caseCount + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("count-report-dialog")).Not.ToBeVisibleAsync();
        await ScreenshotAsync(page, "entry-skip.png");

        await EntryPage.ReleaseHeldAsync(page);
    }
}

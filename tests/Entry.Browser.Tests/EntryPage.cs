using Microsoft.Playwright;

namespace Entry.Browser.Tests;

/// <summary>Steps the entry page tests share: open the page as the demo clerk, give back what is held, claim a book of a type.</summary>
internal static class EntryPage
{
    public const float Timeout = 60_000;

    public static async Task OpenAsync(IPage page)
    {
        await page.GetByTestId("nav-entry").ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=held-book], [data-testid=no-book]")).ToBeVisibleAsync(new() { Timeout = Timeout });
    }

    public static async Task ReleaseHeldAsync(IPage page)
    {
        if (await page.GetByTestId("held-book").IsVisibleAsync())
        {
            await page.GetByTestId("release").ClickAsync();
            await Assertions.Expect(page.GetByTestId("no-book")).ToBeVisibleAsync(new() { Timeout = Timeout });
        }
    }

    /// <summary>Claims the first book of <paramref name="type"/> in the team's queue from the keyboard; false when the server refused (no shift open).</summary>
    public static async Task<bool> ClaimChosenAsync(IPage page, string type)
    {
        await page.GetByTestId("choose-book").ClickAsync();
        var picker = page.GetByTestId("picker-type");
        await Assertions.Expect(picker).ToBeFocusedAsync(new() { Timeout = Timeout });
        await picker.SelectOptionAsync(type);
        await Assertions.Expect(page.Locator($"[data-testid=picker-book][data-type={type}]").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("claim-book").First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=held-book], [data-testid=claim-refusal]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        return await page.GetByTestId("held-book").IsVisibleAsync();
    }

    /// <summary>Between 22:00 and 06:00 in Bình Phước no shift is open: the page says so instead of handing out a book.</summary>
    public static async Task ExpectNightRefusalAsync(IPage page)
    {
        var refusal = page.GetByTestId("claim-refusal");
        var local = DateTime.UtcNow.AddHours(7).TimeOfDay;
        Assert.False(local > TimeSpan.FromHours(6.05) && local < TimeSpan.FromHours(21.95), "a shift is open from 06:00 to 22:00, so a book is handed out");
        await Assertions.Expect(refusal).ToHaveAttributeAsync("data-code", "claim.noShiftOpen");
    }

    public static ILocator Input(IPage page, string testId) => page.Locator($"input[data-testid={testId}]");

    /// <summary>The birth form filled with a valid case at its entry number (registered on <paramref name="registered"/>), not saved.</summary>
    public static async Task FillBirthCaseAsync(IPage page, DateOnly registered, string childName, int pageNumber, int bornDaysBefore)
    {
        await Input(page, "f-registrationDate").FillAsync(registered.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Input(page, "f-page").FillAsync(pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Input(page, "f-childName").FillAsync(childName);
        await page.GetByTestId("f-sex").SelectOptionAsync("female");
        await Input(page, "f-dateOfBirth").FillAsync(registered.AddDays(-bornDaysBefore).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Input(page, "f-placeOfBirth").FillAsync("Xã Tân Thành, thị xã Đồng Xoài");
        await Input(page, "f-motherName").FillAsync("Thị K'Lung");
        await Input(page, "f-fatherName").FillAsync("Điểu K'Lung");
    }
}

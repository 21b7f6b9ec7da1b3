using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>The Admin's inventory upload on /inventory: each rejected row with its line and reason, and the rejected rows as a file.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InventoryImportPageTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task The_admin_uploads_a_csv_and_sees_each_rejected_row_with_its_line_and_reason_and_downloads_them()
    {
        // Rows that are all refused: the server is shared by the browser tests, so the inventory (and its 1.457.884) stays as it is.
        var code = "BT-" + Guid.NewGuid().ToString("N")[..10];
        var csv = string.Join("\n",
            "book_code,unit_code,type,volume,registered_from,registered_to,case_count,condition",
            $"{code}-a,99999,birth,1,1995-01-01,1995-12-31,84,good",
            $"{code}-b,25216,birth,1,2020-01-01,2020-12-31,84,good",
            $"=HYPERLINK(1),25216,birth,1,1995-01-01,1995-12-31,84,good") + "\n";
        var page = await NewPageAsync();
        await SignInAsync(page, "admin", ApiSession.DemoPassword);
        await Assertions.Expect(page.GetByTestId("inventory-import")).ToBeVisibleAsync(new() { Timeout = Timeout });

        await page.Locator("input.inventory-file").SetInputFilesAsync(new FilePayload
        {
            Name = "so-moi.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });

        await Assertions.Expect(page.GetByTestId("import-accepted")).ToContainTextAsync("so-moi.csv: đã lưu 0 sổ", new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("import-rejected-count")).ToContainTextAsync("3 dòng bị từ chối");
        var rows = page.GetByTestId("import-rejected-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(0).GetByTestId("row-line")).ToHaveTextAsync("2");
        await Assertions.Expect(rows.Nth(0).GetByTestId("row-reason")).ToContainTextAsync("99999");
        await Assertions.Expect(rows.Nth(1).GetByTestId("row-line")).ToHaveTextAsync("3");
        await Assertions.Expect(rows.Nth(1).GetByTestId("row-reason")).ToContainTextAsync("01/04/2019");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-download-rejected").ClickAsync());
        Assert.Equal("cac-dong-bi-tu-choi.csv", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), "entry-rejected-" + Guid.NewGuid().ToString("N") + ".csv");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Dòng;Mã sổ;Lý do", lines[0]);
        Assert.StartsWith($"2;{code}-a;", lines[1]);
        Assert.Contains("99999", lines[1]);
        // A cell that starts like a formula is written as text.
        Assert.StartsWith("4;'=HYPERLINK(1);", lines[3]);

        await page.SetViewportSizeAsync(1366, 768);
        await page.GetByTestId("inventory-import").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "inventory-import-1366.png");
        await page.SetViewportSizeAsync(390, 844);
        // On a phone the rows scroll inside their card, the line first: scrolled to, it is in view.
        await rows.Nth(0).GetByTestId("row-line").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(rows.Nth(0).GetByTestId("row-line")).ToBeInViewportAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("import-download-rejected")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "inventory-import-390.png");
    }

    [Fact]
    public async Task A_book_is_found_by_a_part_of_its_code_and_a_team_by_its_name_without_marks()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "admin", ApiSession.DemoPassword);
        await Assertions.Expect(page.GetByTestId("province-target")).ToHaveTextAsync("1.457.884", new() { Timeout = Timeout });

        await page.Locator("input[data-testid=find-book]").FillAsync("ks-25216");
        await page.Locator("input[data-testid=find-book]").PressAsync("Enter");

        var books = page.Locator("[data-testid=unit-books] tbody tr");
        await Assertions.Expect(books.First).ToContainTextAsync("KS-25216", new() { Timeout = Timeout });
        foreach (var row in await books.AllInnerTextsAsync())
        {
            Assert.Contains("KS-25216", row);
        }

        await page.GotoAsync("board");
        // MudAutocomplete may put the test id on its <input> or around it.
        var picker = page.Locator("[data-testid=board-team-choice]").Locator("xpath=self::input | .//input").First;
        await picker.FillAsync("dong xoai", new() { Timeout = Timeout });
        var option = page.GetByTestId("team-option").Filter(new() { HasText = "Đồng Xoài" }).First;
        await Assertions.Expect(option).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("team-option").Filter(new() { HasText = "Phước Long" })).ToHaveCountAsync(0);
        await option.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"[?&]team=\d+"), new() { Timeout = Timeout });
    }
}

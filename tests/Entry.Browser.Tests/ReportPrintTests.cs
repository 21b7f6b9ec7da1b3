using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>The printed report carries the province's official heading and a place to sign, as its own reports do.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportPrintTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task The_printed_report_shows_the_issuing_body_the_motto_the_place_date_line_and_the_signature_block()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "monitor", ApiSession.DemoPassword);
        await page.GetByTestId("nav-report").ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("report-row-689")).ToBeVisibleAsync(new() { Timeout = Timeout });
        // On screen: one compact line, no heading block.
        await Assertions.Expect(page.GetByTestId("report-official-compact")).ToContainTextAsync("UBND TỈNH BÌNH PHƯỚC");
        await Assertions.Expect(page.GetByTestId("report-official")).ToBeHiddenAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        var heading = page.GetByTestId("report-official");
        await Assertions.Expect(heading).ToBeVisibleAsync();
        await Assertions.Expect(heading).ToContainTextAsync("UBND TỈNH BÌNH PHƯỚC");
        await Assertions.Expect(heading).ToContainTextAsync("SỞ TƯ PHÁP");
        await Assertions.Expect(heading).ToContainTextAsync("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        await Assertions.Expect(heading).ToContainTextAsync("Độc lập - Tự do - Hạnh phúc");
        await Assertions.Expect(heading).ToContainTextAsync("/BC-STP");
        await Assertions.Expect(page.GetByTestId("report-place-date")).ToHaveTextAsync(new Regex(@"^Bình Phước, ngày \d{2} tháng \d{2} năm \d{4}$"));
        await Assertions.Expect(page.GetByTestId("report-signature")).ToContainTextAsync("GIÁM ĐỐC");
        await Assertions.Expect(page.GetByTestId("report-official-compact")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("sign-out")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "report-print-heading.png");

        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = false });
        Assert.True(pdf.Length > 10_000, $"the printed report is a PDF of {pdf.Length} bytes");
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "report-print.pdf"), pdf);
    }
}

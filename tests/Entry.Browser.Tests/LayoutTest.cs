using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>
/// A browser test at a chosen screen size whose pages are closed when it ends, so a page left on a live view logs
/// nothing into a test that is over.
/// </summary>
public abstract class LayoutTest(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output), IAsyncLifetime
{
    private readonly List<IPage> _pages = [];

    protected async Task<IPage> OpenAsync(int width = 1440, int height = 1000)
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        _pages.Add(page);
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in _pages)
        {
            await page.Context.CloseAsync();
        }
    }
}

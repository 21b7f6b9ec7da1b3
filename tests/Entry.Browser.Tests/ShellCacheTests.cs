using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>
/// The service worker's copy of the app across releases: a release renames the files it changed (a new fingerprint), and
/// once the page has loaded the new names the copies under the old ones go, so a commune laptop's cache does not grow by
/// one app per release.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ShellCacheTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const string OfflineReady = "html[data-offline-ready=true]";

    [Fact]
    public async Task Copies_of_an_earlier_release_are_dropped_once_the_page_has_loaded_the_current_files()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("login");
        await Assertions.Expect(page.Locator(OfflineReady)).ToHaveCountAsync(1, new() { Timeout = Timeout });

        // An earlier release as the cache would hold it: the app's own assembly under another fingerprint, and a file of
        // that release that this one no longer loads at start-up.
        var planted = await page.EvaluateAsync<string[]>("""
            async () => {
                const cache = await caches.open('entry-shell-v1');
                const current = (await cache.keys()).map(r => new URL(r.url).pathname)
                    .find(p => /\/_framework\/Entry\.Client\.[a-z0-9]{10}\.wasm$/.test(p));
                const older = current.replace(/\.[a-z0-9]{10}\.wasm$/, '.zzzzzzzzzz.wasm');
                const other = '/_framework/Entry.Retired.zzzzzzzzzz.wasm';
                await cache.put(older, new Response('an earlier release'));
                await cache.put(other, new Response('an earlier release'));
                return [current, older, other];
            }
            """);
        var (current, older, other) = (planted[0], planted[1], planted[2]);

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(OfflineReady)).ToHaveCountAsync(1, new() { Timeout = Timeout });

        var kept = await page.EvaluateAsync<string[]>(
            "async () => (await (await caches.open('entry-shell-v1')).keys()).map(r => new URL(r.url).pathname)");
        Assert.Contains(current, kept);
        Assert.DoesNotContain(older, kept);
        // Nothing tells that a file the page did not load is gone for good (it may be an assembly loaded later): it stays.
        Assert.Contains(other, kept);
    }
}

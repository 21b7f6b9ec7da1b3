using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>
/// The clerk goes on without the server: a server of this class's own is stopped while the clerk types, the page is reloaded
/// (served by the service worker), the clerk types on, and once the server is back every case arrives exactly once. A case is
/// never shown as saved before the server has acknowledged it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineEntryTests(ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(OwnServer, chromium, output), IAsyncLifetime
{
    // Its own server, stopped and started again by the test: the shared one stays up for the other classes. One per run of
    // this class (xunit builds the class once per test, and this class has one).
    private static readonly ServerProcess OwnServer = new();

    public Task InitializeAsync() => OwnServer.InitializeAsync();

    public Task DisposeAsync() => OwnServer.DisposeAsync();

    [Fact]
    public async Task A_clerk_keeps_entering_with_the_server_stopped_and_across_a_reload_and_every_case_arrives_once_it_is_back()
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        var leaveAsked = 0;
        page.Dialog += async (_, dialog) =>
        {
            if (dialog.Type == "beforeunload")
            {
                Interlocked.Increment(ref leaveAsked);
            }

            await dialog.AcceptAsync();
        };
        await SignInAsync(page, "clerk", ApiSession.DemoPassword);
        await EntryPage.OpenAsync(page);
        await EntryPage.ReleaseHeldAsync(page);
        await page.GetByTestId("claim-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("held-book")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("held-book")).ToHaveAttributeAsync("data-type", "Birth");
        var heldBook = page.GetByTestId("held-book");
        var bookCode = (await heldBook.GetAttributeAsync("data-code"))!;
        var from = DateOnly.ParseExact((await heldBook.GetAttributeAsync("data-from"))!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var logged = int.Parse(await page.GetByTestId("cases-logged").InnerTextAsync(), CultureInfo.InvariantCulture);
        var entryNumber = EntryPage.Input(page, "f-entryNumber");
        await Assertions.Expect(entryNumber).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"), new() { Timeout = Timeout });
        var first = int.Parse(await entryNumber.InputValueAsync(), CultureInfo.InvariantCulture);

        // Online, one case as usual: stored, shown saved. The service worker has kept the app's files by now.
        await TypeBirthCaseAsync(page, from, "Điểu Thị Một");
        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync((logged + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        await Assertions.Expect(Row(page, first)).ToHaveAttributeAsync("data-state", "saved");
        await Assertions.Expect(page.Locator("html[data-offline-ready=true]")).ToHaveCountAsync(1, new() { Timeout = Timeout });

        // Any row of a case typed offline that reads "saved" while the server is down is a lie: the page records it.
        await page.EvaluateAsync(WatchForFalseSaved);
        await page.EvaluateAsync("() => window.__serverDown = true");
        await Server.StopAsync();

        await Assertions.Expect(entryNumber).ToHaveValueAsync((first + 1).ToString(CultureInfo.InvariantCulture));
        await TypeBirthCaseAsync(page, from, "Điểu Văn Hai");
        // The form goes on to the next number at once; the case waits, kept on this computer.
        await Assertions.Expect(entryNumber).ToHaveValueAsync((first + 2).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        await Assertions.Expect(Row(page, first + 1)).ToHaveAttributeAsync("data-state", "queued");
        await Assertions.Expect(page.GetByTestId("offline")).ToBeVisibleAsync();
        await TypeBirthCaseAsync(page, from, "Thị Ba");
        await Assertions.Expect(entryNumber).ToHaveValueAsync((first + 3).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(Row(page, first + 2)).ToHaveAttributeAsync("data-state", "queued");
        await Assertions.Expect(page.GetByTestId("queue-status")).ToHaveAttributeAsync("data-waiting", "2");
        await Assertions.Expect(page.GetByTestId("queue-waiting")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync((logged + 1).ToString(CultureInfo.InvariantCulture));
        await ScreenshotAsync(page, "offline-entry-1366x768.png");

        // A reload without the server: the service worker serves the app, which opens on the book held and what waits.
        await page.ReloadAsync(new() { Timeout = Timeout });
        Assert.True(leaveAsked > 0, "leaving the page with cases waiting asks first");
        await Assertions.Expect(page.GetByTestId("held-book")).ToHaveAttributeAsync("data-code", bookCode, new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("offline-claim")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("queue-status")).ToHaveAttributeAsync("data-waiting", "2");
        await Assertions.Expect(Row(page, first + 1)).ToHaveAttributeAsync("data-state", "queued");
        await Assertions.Expect(Row(page, first + 2)).ToHaveAttributeAsync("data-state", "queued");
        await Assertions.Expect(entryNumber).ToHaveValueAsync((first + 3).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        await page.EvaluateAsync(WatchForFalseSaved);
        await page.EvaluateAsync("() => window.__serverDown = true");

        await TypeBirthCaseAsync(page, from, "Điểu Thị Bốn");
        await Assertions.Expect(entryNumber).ToHaveValueAsync((first + 4).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("queue-status")).ToHaveAttributeAsync("data-waiting", "3");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "offline-entry-390x844.png");
        await page.SetViewportSizeAsync(1366, 768);

        // Leaving through the menu, or signing out, with cases waiting asks first; "stay" keeps the clerk on the page.
        await page.GetByTestId("nav-inventory").ClickAsync();
        await StayAsync(page);
        await page.GetByTestId("sign-out").ClickAsync();
        await StayAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/entry$"));
        await Assertions.Expect(page.GetByTestId("queue-status")).ToHaveAttributeAsync("data-waiting", "3");

        // What waits is in the browser's own storage, each case with its id.
        var kept = await page.EvaluateAsync<JsonElement>(ReadQueue);
        var keptCases = kept.EnumerateArray().Select(e => JsonDocument.Parse(e.GetString()!).RootElement).ToList();
        Assert.Equal([first + 1, first + 2, first + 3], keptCases.Select(c => c.GetProperty("case").GetProperty("entryNumber").GetInt32()).Order());
        var ids = keptCases.Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__falseSaved.length"));

        await page.EvaluateAsync("() => window.__serverDown = false");
        await Server.RestartAsync();

        await Assertions.Expect(page.GetByTestId("queue-status")).ToHaveAttributeAsync("data-waiting", "0", new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("cases-logged")).ToHaveTextAsync((logged + 4).ToString(CultureInfo.InvariantCulture), new() { Timeout = Timeout });
        await Assertions.Expect(Row(page, first + 3)).ToHaveAttributeAsync("data-state", "saved");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__falseSaved.length"));
        Assert.Equal(0, (await page.EvaluateAsync<JsonElement>(ReadQueue)).GetArrayLength());

        // The server's word: each case once, under its id and its number; the book counts exactly the four.
        using var clerk = await ApiSession.SignInAsync(Server.BaseAddress, "clerk");
        foreach (var (id, number) in ids.Zip(keptCases.Select(c => c.GetProperty("case").GetProperty("entryNumber").GetInt32())))
        {
            var stored = await clerk.GetFromJsonAsync<JsonElement>($"api/entries/{id}");
            Assert.Equal(number, stored.GetProperty("entryNumber").GetInt32());
        }

        var book = await clerk.GetFromJsonAsync<JsonElement>("api/claims/mine");
        Assert.Equal(bookCode, book.GetProperty("code").GetString());
        Assert.Equal(logged + 4, book.GetProperty("casesLogged").GetInt32());
    }

    /// <summary>The question before leaving is shown; the clerk answers "stay".</summary>
    private static async Task StayAsync(IPage page)
    {
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ở lại" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    private static ILocator Row(IPage page, int entryNumber) => page.Locator($"[data-testid=saved-case][data-entry='{entryNumber}']");

    /// <summary>A valid birth case at the form's entry number, typed field by field, saved with Ctrl+Enter.</summary>
    private static async Task TypeBirthCaseAsync(IPage page, DateOnly registered, string childName)
    {
        await EntryPage.FillBirthCaseAsync(page, registered, childName, pageNumber: 4, bornDaysBefore: 9);
        await EntryPage.Input(page, "f-fatherName").PressAsync("Control+Enter");
    }

    private const string WatchForFalseSaved = """
        () => {
            window.__falseSaved = window.__falseSaved || [];
            const check = () => {
                if (!window.__serverDown) return;
                for (const row of document.querySelectorAll('[data-testid=saved-case][data-state=saved]')) {
                    const n = Number(row.dataset.entry);
                    if (window.__offlineNumbers?.has(n)) window.__falseSaved.push(n);
                }
                for (const row of document.querySelectorAll('[data-testid=saved-case][data-state=queued]')) {
                    (window.__offlineNumbers ??= new Set()).add(Number(row.dataset.entry));
                }
            };
            new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
        }
        """;

    private const string ReadQueue = """
        () => new Promise((resolve, reject) => {
            const open = indexedDB.open('entry-sending', 1);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
                const request = open.result.transaction('items').objectStore('items').getAll();
                request.onsuccess = () => resolve(request.result.map(r => r.json));
                request.onerror = () => reject(request.error);
            };
        })
        """;
}

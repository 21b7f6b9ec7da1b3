using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Entry.Browser.Tests;

/// <summary>
/// The browser app as the suite's server serves it (the Debug build in Development, untrimmed): its files travel
/// compressed, the fingerprinted ones are cached for a year, so a second visit takes none of them from the network.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ShippedAssetsTests(ServerProcess server, ChromiumBrowser chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [GeneratedRegex(@"\.[0-9a-z]{10}\.(wasm|js|dat)$")]
    private static partial Regex Fingerprinted();

    [Fact]
    public async Task The_app_files_arrive_compressed_and_a_second_visit_takes_no_fingerprinted_file_from_the_network()
    {
        var page = await NewPageAsync();
        var first = await RecordAsync(page);
        await page.GotoAsync("login");
        await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync(new() { Timeout = Timeout });

        var framework = first.Finished().Where(r => r.Path.StartsWith("/_framework/", StringComparison.Ordinal) && !r.Path.EndsWith(".json", StringComparison.Ordinal)).ToList();
        Assert.Contains(framework, r => r.Path.EndsWith(".wasm", StringComparison.Ordinal));
        foreach (var response in framework.Concat(first.Finished().Where(r => r.Path.StartsWith("/_content/MudBlazor/", StringComparison.Ordinal))))
        {
            Assert.True(response.Encoding is "br" or "gzip", $"{response.Path} came with Content-Encoding '{response.Encoding}'");
        }
        var fingerprinted = framework.Where(r => Fingerprinted().IsMatch(r.Path)).ToList();
        Assert.NotEmpty(fingerprinted);
        foreach (var response in fingerprinted)
        {
            Assert.True(response.CacheControl.Contains("immutable", StringComparison.Ordinal) && response.CacheControl.Contains("max-age=31536000", StringComparison.Ordinal),
                $"{response.Path} came with Cache-Control '{response.CacheControl}'");
        }

        var second = await page.Context.NewPageAsync();
        var again = await RecordAsync(second);
        await second.GotoAsync("login");
        await Assertions.Expect(second.GetByTestId("login-submit")).ToBeVisibleAsync(new() { Timeout = Timeout });
        var secondFingerprinted = again.Finished().Where(r => Fingerprinted().IsMatch(r.Path)).ToList();
        var fetchedAgain = secondFingerprinted.Where(r => !r.FromCache).Select(r => r.Path).ToList();
        Output.WriteLine($"second visit: {secondFingerprinted.Count - fetchedAgain.Count} of {secondFingerprinted.Count} fingerprinted files from the cache; fetched again: {string.Join(", ", fetchedAgain)}");
        // A test context's cache lives in memory and keeps no single huge entry (the Debug build's untrimmed MudBlazor,
        // 10 MB, comes again): nearly all, not all, must come from the cache.
        Assert.True(fetchedAgain.Count * 20 <= secondFingerprinted.Count, "fetched again on the second visit: " + string.Join(", ", fetchedAgain));
    }

    private sealed record Response(string Path, string Encoding, string CacheControl, bool FromCache);

    private sealed class Recorder
    {
        private readonly List<Response> _responses = [];

        public void Add(Response response)
        {
            lock (_responses)
            {
                _responses.Add(response);
            }
        }

        public List<Response> Finished()
        {
            lock (_responses)
            {
                return [.. _responses];
            }
        }
    }

    /// <summary>Every response the page gets, as the DevTools protocol sees it (whether it came from the cache included).</summary>
    private static async Task<Recorder> RecordAsync(IPage page)
    {
        var recorder = new Recorder();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            if (e is not { } json)
            {
                return;
            }
            var response = json.GetProperty("response");
            string Header(string name) => response.GetProperty("headers").EnumerateObject()
                .FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
                ? value.GetString()! : "";
            bool Flag(string name) => response.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;
            recorder.Add(new Response(new Uri(response.GetProperty("url").GetString()!).AbsolutePath, Header("content-encoding"), Header("cache-control"),
                Flag("fromDiskCache") || Flag("fromMemoryCache") || Flag("fromServiceWorker") || Flag("fromPrefetchCache")));
        };
        await cdp.SendAsync("Network.enable");
        return recorder;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Entry.Benchmarks;

/// <summary>
/// The monitor's dashboard with the full demo inventory, on the published app (the files a browser really gets, precompressed):
/// the API answer's time (first and warm), then a real Chromium (Debian's) opening /dashboard with an empty cache — time until
/// the figures and the map are drawn, and the bytes transferred (compressed, as on the wire) — on loopback and on an emulated
/// slow rural link, and once more with a warm cache.
/// </summary>
internal static class DashboardBenchmark
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>The emulated slow link: 1 Mbit/s down, 384 kbit/s up, 300 ms round trip.</summary>
    private static readonly Dictionary<string, object> SlowLink = new()
    {
        ["offline"] = false, ["latency"] = 300, ["downloadThroughput"] = 1_000_000 / 8, ["uploadThroughput"] = 384_000 / 8,
    };

    public static async Task RunAsync(int runs)
    {
        var publish = await PublishAsync();
        await using var server = await ServerProcess.StartAsync(FirstVisitBenchmark.Settings, serverDirectory: publish);
        Console.WriteLine($"dashboard: published Release server with the demo inventory ready in {server.StartedIn.TotalSeconds:0.0} s");

        await ApiAsync(server.Address, "monitor", "", runs);
        await ApiAsync(server.Address, "monitor689", "", runs);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await BrowserAsync(browser, server.Address, "loopback, empty cache", slow: false, warm: false, runs);
        await BrowserAsync(browser, server.Address, "slow link (1 Mbit/s, 300 ms), empty cache", slow: true, warm: false, Math.Min(runs, 3));
        await BrowserAsync(browser, server.Address, "slow link, warm cache (second visit)", slow: true, warm: true, Math.Min(runs, 3));
        // The field trial's link and laptop, against the targets: the monitor's dashboard and the clerk's /entry.
        await FirstVisitBenchmark.MeasureAsync(browser, server.Address, FirstVisitBenchmark.Dashboard, Math.Min(runs, 3));
        await FirstVisitBenchmark.MeasureAsync(browser, server.Address, FirstVisitBenchmark.Entry, Math.Min(runs, 3));
    }

    private static async Task ApiAsync(Uri address, string userName, string query, int runs)
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var http = await EntryLoadSetup.SignInAsync(handler, address, userName);
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");
        var times = new List<double>();
        long bytes = 0;
        for (var i = 0; i < runs + 1; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync($"/api/dashboard{query}");
            var body = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            response.EnsureSuccessStatusCode();
            bytes = body.Length;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var warm = times.Skip(1).ToList();
        Console.WriteLine($"  GET /api/dashboard{query} as {userName}: first {times[0]:0} ms, then median {Stats.Median(warm):0.0} ms " +
                          $"(p90 {Stats.Percentile(warm, 90):0.0} ms, {warm.Count} calls), {bytes:N0} bytes on the wire (Brotli)");
    }

    private static async Task BrowserAsync(IBrowser browser, Uri address, string label, bool slow, bool warm, int runs)
    {
        var times = new List<double>();
        var transferred = new List<double>();
        var largest = new List<(string Url, long Bytes)>();
        for (var run = 0; run < runs; run++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString() });
            var login = await context.APIRequest.PostAsync("/api/auth/login?useCookies=true",
                new APIRequestContextOptions { DataObject = new { userName = "monitor", password = EntryLoadSetup.DemoPassword } });
            if (!login.Ok)
            {
                throw new InvalidOperationException($"sign-in failed: {login.Status}");
            }
            var page = await context.NewPageAsync();
            if (warm)
            {
                await OpenDashboardAsync(page);
            }
            var cdp = await context.NewCDPSessionAsync(page);
            var urls = new Dictionary<string, string>();
            var sizes = new List<(string Url, long Bytes)>();
            cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
            {
                if (e is { } json)
                {
                    var response = json.GetProperty("response");
                    var encoding = response.GetProperty("headers").EnumerateObject()
                        .FirstOrDefault(h => h.Name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)).Value;
                    urls[json.GetProperty("requestId").GetString()!] =
                        $"{new Uri(response.GetProperty("url").GetString()!).AbsolutePath} ({(encoding.ValueKind == JsonValueKind.String ? encoding.GetString() : "identity")})";
                }
            };
            cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
            {
                if (e is { } json)
                {
                    var id = json.GetProperty("requestId").GetString()!;
                    sizes.Add((urls.GetValueOrDefault(id, id), (long)json.GetProperty("encodedDataLength").GetDouble()));
                }
            };
            await cdp.SendAsync("Network.enable");
            if (slow)
            {
                await cdp.SendAsync("Network.emulateNetworkConditions", SlowLink);
            }
            var watch = Stopwatch.StartNew();
            await OpenDashboardAsync(page);
            watch.Stop();
            await Task.Delay(500); // the last loadingFinished events
            times.Add(watch.Elapsed.TotalMilliseconds);
            transferred.Add(sizes.Sum(s => s.Bytes));
            if (run == 0)
            {
                largest = sizes.OrderByDescending(s => s.Bytes).Take(6).ToList();
            }
        }
        Console.WriteLine($"  browser, {label}: dashboard drawn in median {Stats.Median(times) / 1000:0.00} s ({Stats.Samples(times.Select(t => t / 1000), "s")}), " +
                          $"{Stats.Median(transferred) / 1024:N0} KiB transferred");
        foreach (var (url, bytes) in largest)
        {
            Console.WriteLine($"      {bytes / 1024.0,8:N1} KiB  {url}");
        }
    }

    /// <summary>Loads /dashboard and waits until the total and the 11 districts of the map are drawn.</summary>
    private static async Task OpenDashboardAsync(IPage page)
    {
        await page.GotoAsync("/dashboard", new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 300_000 });
        await page.GetByTestId("dashboard-total-done").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\d") })
            .WaitForAsync(new LocatorWaitForOptions { Timeout = 300_000 });
        await page.Locator("[data-testid^=map-district-]").Nth(10).WaitForAsync(new LocatorWaitForOptions { Timeout = 300_000 });
    }

    /// <summary>Publishes Entry.Server in Release (with the browser app, compressed as in production) to a temporary folder.</summary>
    public static async Task<string> PublishAsync()
    {
        var root = FirstVisitBenchmark.RepositoryRoot();
        var output = Path.Combine(Path.GetTempPath(), "entry-bench", "publish-" + Guid.NewGuid().ToString("N"));
        var watch = Stopwatch.StartNew();
        await DotnetCli.RunAsync(null, "publish", Path.Combine(root, "src", "Entry.Server"), "-c", "Release", "-o", output, "-v", "q", "-nologo");
        Console.WriteLine($"dashboard: published in {watch.Elapsed.TotalSeconds:0} s to a temporary folder");
        var framework = Path.Combine(output, "wwwroot", "_framework");
        if (Directory.Exists(framework))
        {
            var brotli = Directory.EnumerateFiles(framework, "*.br").Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"  _framework: {Directory.EnumerateFiles(framework, "*.br").Count()} Brotli files, {brotli / 1024.0:N0} KiB in all " +
                              "(everything the app could load; the browser figures below are what it does load)");
        }
        return output;
    }
}

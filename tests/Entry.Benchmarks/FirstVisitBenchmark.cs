using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Entry.Benchmarks;

/// <summary>
/// A first and a second visit on a slow rural link with a slow laptop, as the field trial saw them: Debian's Chromium with
/// the DevTools protocol's network emulation (1 Mbit/s down and up, 300 ms round trip) and its CPU slowed 4×. Signed in as
/// the demo clerk it opens /entry and stops the clock when the page can be worked with (the form of the held book, or the
/// button claiming one); signed in as the monitor it opens /dashboard until the figures and the map are drawn. It counts
/// the bytes of every response as they went over the wire (compressed, headers included), on a first visit (a fresh
/// browser context: empty cache) and on a second one (the same context, its cache warm).
/// </summary>
internal static class FirstVisitBenchmark
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>What a first visit may weigh, compressed, and how long /entry may take on the slow link and CPU.</summary>
    public const double TargetMiB = 2.5;

    public static readonly TimeSpan TargetEntry = TimeSpan.FromSeconds(20);

    /// <summary>1 Mbit/s each way, 300 ms round trip (the DevTools protocol takes bytes per second).</summary>
    private static readonly Dictionary<string, object> SlowLink = new()
    {
        ["offline"] = false, ["latency"] = 300, ["downloadThroughput"] = 1_000_000 / 8, ["uploadThroughput"] = 1_000_000 / 8,
    };

    /// <summary>Two sign-ins a run, all from 127.0.0.1: above the production limit of ten a minute when runs are quick.</summary>
    public static Dictionary<string, string> Settings => new() { ["Entry:Auth:LoginAttemptsPerMinute"] = "10000" };

    /// <summary>One page to visit: who signs in (nobody for the baseline), where they go, and what tells that it is ready.</summary>
    public sealed record Visit(string Label, string? UserName, string Path, Func<IPage, Task> Ready);

    /// <summary>The medians of one page's visits.</summary>
    public sealed record Medians(double FirstMiB, double FirstSeconds, double SecondKiB, double SecondSeconds);

    public static readonly Visit Entry = new("/entry (clerk)", "clerk", "/entry", page =>
        page.Locator("[data-testid=save], [data-testid=claim-next]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 600_000 }));

    public static readonly Visit Dashboard = new("/dashboard (monitor)", "monitor", "/dashboard", async page =>
    {
        await page.GetByTestId("dashboard-total-done").Filter(new LocatorFilterOptions { HasTextRegex = new Regex(@"\d") })
            .WaitForAsync(new LocatorWaitForOptions { Timeout = 600_000 });
        await page.Locator("[data-testid^=map-district-]").Nth(10).WaitForAsync(new LocatorWaitForOptions { Timeout = 600_000 });
    });

    /// <summary>
    /// <c>firstvisit [runs=3] [--config release|run] [--baseline on|off] [--timeline on]</c>: release publishes Entry.Server in
    /// Release and runs it in Production, as it ships; run serves it as <c>dotnet run --project src/Entry.Server</c> does (its
    /// own Release publish, in Development, from the project folder). The baseline, on unless turned off, is the framework's empty app (<see cref="EmptyBlazorBaseline"/>).
    /// </summary>
    public static async Task RunAsync(int runs, string configuration, bool baseline)
    {
        var asRun = configuration == "run";
        var root = RepositoryRoot();
        var project = Path.Combine(root, "src", "Entry.Server");
        // `dotnet run` runs the same Release publish (the project's RunAsItShips target), in Development from the project folder.
        var published = await DashboardBenchmark.PublishAsync();
        await using var server = asRun
            ? await ServerProcess.StartAsync(new Dictionary<string, string>(Settings) { ["ASPNETCORE_WEBROOT"] = Path.Combine(published, "wwwroot") },
                serverDirectory: published, environment: "Development", workingDirectory: project)
            : await ServerProcess.StartAsync(Settings, serverDirectory: published);
        Console.WriteLine($"firstvisit: {(asRun ? "as `dotnet run` serves it (its Release publish, Development)" : "the published Release server (Production)")} " +
                          $"ready in {server.StartedIn.TotalSeconds:0.0} s; {runs} runs each, medians");
        await using var browser = await LaunchAsync();
        var entry = await MeasureAsync(browser.Browser, server.Address, Entry, runs);
        var dashboard = await MeasureAsync(browser.Browser, server.Address, Dashboard, runs);
        if (!baseline)
        {
            return;
        }

        // The same link and CPU with the framework's empty app: what no Blazor WebAssembly app on this SDK goes below.
        var emptyApp = await EmptyBlazorBaseline.PublishAsync(root);
        await using var site = await EmptyBlazorBaseline.ServeAsync(emptyApp);
        var empty = await MeasureAsync(browser.Browser, new Uri(site.Urls.First()), EmptyBlazorBaseline.Visit, runs);
        Console.WriteLine("  against the empty Blazor app, same link and CPU, same run:");
        foreach (var (label, page) in new[] { (Entry.Label, entry), (Dashboard.Label, dashboard) })
        {
            Console.WriteLine($"    {label}: first visit {page.FirstMiB / empty.FirstMiB:0.00}× the bytes " +
                              $"(+{page.FirstMiB - empty.FirstMiB:0.00} MiB), {page.FirstSeconds / empty.FirstSeconds:0.00}× the time " +
                              $"(+{page.FirstSeconds - empty.FirstSeconds:0.0} s)");
        }
    }

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>Medians of <paramref name="runs"/> first visits (each in a fresh context) and the second visit after each.</summary>
    public static async Task<Medians> MeasureAsync(IBrowser browser, Uri address, Visit visit, int runs)
    {
        var firstTimes = new List<double>();
        var firstBytes = new List<double>();
        var secondTimes = new List<double>();
        var secondBytes = new List<double>();
        var bootTimes = new List<double>();
        IReadOnlyList<(string Url, long Bytes)> largest = [];
        for (var run = 0; run < runs; run++)
        {
            // No service worker: the DevTools network emulation throttles and counts the page's own requests, not the
            // worker's, and the app's worker takes over the framework's downloads once it controls the page. Without it the
            // page fetches everything itself, as over a real link; the second visit then reads the browser's HTTP cache.
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = address.ToString(), ServiceWorkers = ServiceWorkerPolicy.Block,
            });
            if (visit.UserName is not null)
            {
                var login = await context.APIRequest.PostAsync("/api/auth/login?useCookies=true",
                    new APIRequestContextOptions { DataObject = new { userName = visit.UserName, password = EntryLoadSetup.DemoPassword } });
                if (!login.Ok)
                {
                    throw new InvalidOperationException($"signing in as {visit.UserName} answered {login.Status}");
                }
            }

            var first = await OneVisitAsync(context, visit);
            var second = await OneVisitAsync(context, visit);
            firstTimes.Add(first.Ready.TotalSeconds);
            firstBytes.Add(first.Bytes);
            bootTimes.Add(first.Boot.TotalSeconds);
            secondTimes.Add(second.Ready.TotalSeconds);
            secondBytes.Add(second.Bytes);
            if (run == 0)
            {
                largest = first.Responses.OrderByDescending(r => r.Bytes).Take(8).ToList();
                if (PrintTimeline)
                {
                    foreach (var (which, result) in new[] { ("first", first), ("second", second) })
                    {
                        Console.WriteLine($"    {visit.Label}, {which} visit: loading screen at {result.Boot.TotalSeconds:0.00} s, usable at {result.Ready.TotalSeconds:0.00} s; the app's requests:");
                        result.Timeline.ForEach(line => Console.WriteLine("      " + line));
                    }
                }
            }
        }

        var firstMiB = Stats.Median(firstBytes) / 1024 / 1024;
        var ready = Stats.Median(firstTimes);
        Console.WriteLine($"  {visit.Label}, slow link (1 Mbit/s, 300 ms) and CPU 4× slower:");
        Console.WriteLine($"    first visit:  {firstMiB:0.00} MiB transferred ({Verdict(firstMiB <= TargetMiB)} target ≤ {TargetMiB} MiB); " +
                          $"loading screen after {Stats.Median(bootTimes):0.0} s; usable after {ready:0.0} s " +
                          $"({Stats.Samples(firstTimes, "s")})" +
                          (visit == Entry ? $" ({Verdict(ready <= TargetEntry.TotalSeconds)} target ≤ {TargetEntry.TotalSeconds:0} s)" : ""));
        Console.WriteLine($"    second visit: {Stats.Median(secondBytes) / 1024:N0} KiB transferred; usable after {Stats.Median(secondTimes):0.0} s " +
                          $"({Stats.Samples(secondTimes, "s")})");
        foreach (var (url, bytes) in largest)
        {
            Console.WriteLine($"      {bytes / 1024.0,8:N1} KiB  {url}");
        }
        return new Medians(firstMiB, ready, Stats.Median(secondBytes) / 1024, Stats.Median(secondTimes));
    }

    private static string Verdict(bool met) => met ? "meets" : "MISSES";

    private sealed record VisitResult(TimeSpan Boot, TimeSpan Ready, long Bytes, List<(string Url, long Bytes)> Responses, List<string> Timeline);

    /// <summary>Set by <c>--timeline</c>: each visit of the first run prints when the app's own requests (not its files) went and came back.</summary>
    public static bool PrintTimeline { get; set; }

    private static async Task<VisitResult> OneVisitAsync(IBrowserContext context, Visit visit)
    {
        var page = await context.NewPageAsync();
        try
        {
            var cdp = await context.NewCDPSessionAsync(page);
            var urls = new Dictionary<string, string>();
            var responses = new List<(string Url, long Bytes)>();
            var sent = new Dictionary<string, (string Path, double At)>();
            var timeline = new List<string>();
            var started = 0d;
            cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
            {
                if (e is { } json)
                {
                    var path = new Uri(json.GetProperty("request").GetProperty("url").GetString()!).AbsolutePath;
                    var at = json.GetProperty("timestamp").GetDouble();
                    lock (responses)
                    {
                        started = started == 0 ? at : started;
                        sent[json.GetProperty("requestId").GetString()!] = (path, at);
                    }
                }
            };
            cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
            {
                if (e is { } json)
                {
                    var response = json.GetProperty("response");
                    var encoding = response.GetProperty("headers").EnumerateObject()
                        .FirstOrDefault(h => h.Name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)).Value;
                    var status = response.GetProperty("status").GetInt32();
                    lock (responses)
                    {
                        urls[json.GetProperty("requestId").GetString()!] = $"{new Uri(response.GetProperty("url").GetString()!).AbsolutePath} " +
                            $"({status}, {(encoding.ValueKind == JsonValueKind.String ? encoding.GetString() : "identity")})";
                    }
                }
            };
            cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
            {
                if (e is { } json)
                {
                    var id = json.GetProperty("requestId").GetString()!;
                    lock (responses)
                    {
                        responses.Add((urls.GetValueOrDefault(id, id), (long)json.GetProperty("encodedDataLength").GetDouble()));
                        if (sent.TryGetValue(id, out var request) && !request.Path.StartsWith("/_framework/", StringComparison.Ordinal) &&
                            !request.Path.StartsWith("/_content/", StringComparison.Ordinal))
                        {
                            timeline.Add($"{request.At - started,6:0.00} → {json.GetProperty("timestamp").GetDouble() - started,6:0.00} s  {request.Path}");
                        }
                    }
                }
            };
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.emulateNetworkConditions", SlowLink);
            await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 4 });

            var watch = Stopwatch.StartNew();
            await page.GotoAsync(visit.Path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 600_000 });
            // The loading screen (or, on a warm visit, the app itself; the empty app's own ring) is the first thing the visitor sees.
            await page.Locator(".boot, .mud-layout, .loading-progress").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 600_000 });
            var boot = watch.Elapsed;
            await visit.Ready(page);
            var ready = watch.Elapsed;
            // The last loadingFinished events of what the page fetched to get there.
            await Task.Delay(1000);
            lock (responses)
            {
                return new VisitResult(boot, ready, responses.Sum(r => r.Bytes), [.. responses], [.. timeline]);
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    public static string RepositoryRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Entry.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run the tool from inside the repository.");
        }
        return root;
    }

    /// <summary>Playwright and its browser, disposed together.</summary>
    public sealed class Chromium(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public IBrowser Browser { get; } = browser;

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}

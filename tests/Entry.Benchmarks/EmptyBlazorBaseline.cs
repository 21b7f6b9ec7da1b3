using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Entry.Benchmarks;

/// <summary>
/// The floor under any Blazor WebAssembly app on this SDK: the framework's own empty template (<c>dotnet new blazorwasm
/// --empty</c>, with Entry's version of the WebAssembly package), published in Release as the template ships and served
/// with its precompressed files, then visited over the same slow link and CPU as Entry. Its "Hello, world!" is all it
/// draws, so what it weighs and how long it takes is the runtime's own share of Entry's first visit.
/// </summary>
internal static partial class EmptyBlazorBaseline
{
    public static readonly FirstVisitBenchmark.Visit Visit = new("empty Blazor app (baseline)", null, "/", page =>
        page.Locator("h1").Filter(new LocatorFilterOptions { HasTextRegex = HelloWorld() })
            .WaitForAsync(new LocatorWaitForOptions { Timeout = 600_000 }));

    /// <summary>Creates and publishes the template in a folder of its own, and gives back the publish folder.</summary>
    public static async Task<string> PublishAsync(string repositoryRoot)
    {
        var folder = Path.Combine(Path.GetTempPath(), "entry-bench", "empty-blazor-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await DotnetCli.RunAsync(folder, "new", "blazorwasm", "--empty", "-n", "EmptyApp", "-o", folder, "--no-restore", "--no-update-check");
        var project = Path.Combine(folder, "EmptyApp.csproj");
        var version = WebAssemblyVersion(repositoryRoot);
        var text = await File.ReadAllTextAsync(project);
        await File.WriteAllTextAsync(project, ComponentsPackage().Replace(text, m => $"{m.Groups[1].Value}Version=\"{version}"));
        var output = Path.Combine(folder, "publish");
        await DotnetCli.RunAsync(folder, "publish", project, "-c", "Release", "-o", output, "-v", "q", "-nologo");
        return output;
    }

    /// <summary>Serves the published template on a free loopback port: its precompressed files as its manifest lists them.</summary>
    public static async Task<WebApplication> ServeAsync(string publish)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = publish, WebRootPath = Path.Combine(publish, "wwwroot"),
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapStaticAssets(Path.Combine(publish, "EmptyApp.staticwebassets.endpoints.json"));
        app.MapFallbackToFile("index.html");
        await app.StartAsync();
        return app;
    }

    /// <summary>The version Entry's client takes of Microsoft.AspNetCore.Components.WebAssembly, from the central package list.</summary>
    private static string WebAssemblyVersion(string repositoryRoot)
    {
        var packages = File.ReadAllText(Path.Combine(repositoryRoot, "Directory.Packages.props"));
        return EntryWebAssemblyVersion().Match(packages) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("Directory.Packages.props names no version of Microsoft.AspNetCore.Components.WebAssembly.");
    }

    [GeneratedRegex("Hello, world!")]
    private static partial Regex HelloWorld();

    [GeneratedRegex("""(<PackageReference Include="Microsoft\.AspNetCore\.Components\.WebAssembly(?:\.DevServer)?" )Version="[^"]+(?=")""")]
    private static partial Regex ComponentsPackage();

    [GeneratedRegex("""<PackageVersion Include="Microsoft\.AspNetCore\.Components\.WebAssembly" Version="([^"]+)" """)]
    private static partial Regex EntryWebAssemblyVersion();
}

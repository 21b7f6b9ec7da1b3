using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Entry.Benchmarks;

/// <summary>
/// The ceiling of the entry load run: a minimal Kestrel app in its own process (this tool started with
/// <c>bare-endpoint --urls …</c>, server GC like Entry.Server) whose <c>POST /api/entries</c> reads the same JSON body
/// and answers 201 with a result, storing nothing — no authentication, no validation, no database, no hub. What the
/// same client and the same connections reach against it is the most any pipeline behind that route could reach here.
/// </summary>
internal sealed class BareEndpoint : IAsyncDisposable
{
    public const string Command = "bare-endpoint";

    private readonly Process process;

    private BareEndpoint(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Inside the child process: serves until killed.</summary>
    public static async Task ServeAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/api/entries", (CaseEntryRequest request) => TypedResults.Created($"/api/entries/{request.Id}", new CaseEntryResult
        {
            Id = request.Id,
            BookCode = request.BookCode ?? "",
            EntryNumber = request.EntryNumber,
            NeedsVerification = request.NeedsVerification,
            // Counts as if every case before it were logged, in a book that never ends: the clerk never needs a claim.
            CasesLogged = request.EntryNumber,
            CaseCount = int.MaxValue,
            StoredAt = DateTimeOffset.UtcNow,
        }));
        await app.RunAsync();
    }

    /// <summary>Starts the child process on a free port of 127.0.0.1 and waits until it answers.</summary>
    public static async Task<BareEndpoint> StartAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var address = new Uri($"http://127.0.0.1:{port}");
        var self = Path.Combine(AppContext.BaseDirectory, "Entry.Benchmarks.dll");
        var info = new ProcessStartInfo("dotnet", [self, Command, "--urls", address.ToString()])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_gcServer"] = "1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var bare = new BareEndpoint(Process.Start(info)!, address);
        bare.process.OutputDataReceived += (_, _) => { };
        bare.process.ErrorDataReceived += (_, _) => { };
        bare.process.BeginOutputReadLine();
        bare.process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (bare.process.HasExited)
            {
                throw new InvalidOperationException($"The bare endpoint exited with {bare.process.ExitCode}.");
            }
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return bare;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(50);
        }
        await bare.DisposeAsync();
        throw new TimeoutException("The bare endpoint was not ready within a minute.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}

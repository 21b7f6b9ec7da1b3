using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Entry.Benchmarks;

/// <summary>Entry.Server as a separate process on 127.0.0.1, with its own data directory.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private System.Text.StringBuilder _output = new();

    private ServerProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }
    public string DataDirectory { get; }
    public TimeSpan StartedIn { get; private set; }
    /// <summary>The server's own process (<c>dotnet Entry.Server.dll</c> runs the app in the host process).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The case ledger's summary lines (batch sizes, time per batch) the server logged so far.</summary>
    public IReadOnlyList<string> LedgerLines()
    {
        lock (_output)
        {
            return _output.ToString().Split('\n').Where(l => l.Contains("Ledger:", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        }
    }

    /// <param name="settings">Configuration keys and values (<c>Entry:Clock:Offset</c>…).</param>
    /// <param name="dataDirectory">The data directory; a new empty one by default.</param>
    /// <param name="serverDirectory">The folder of Entry.Server.dll (a publish output, say); this tool's own output by default.</param>
    /// <param name="environment">ASPNETCORE_ENVIRONMENT: Production unless said (Development serves the build's static web assets).</param>
    /// <param name="workingDirectory">The content root; the server's folder by default.</param>
    public static async Task<ServerProcess> StartAsync(IDictionary<string, string> settings, string? dataDirectory = null, string? serverDirectory = null,
        string environment = "Production", string? workingDirectory = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "entry-bench", Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var baseDir = serverDirectory ?? AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet", [Path.Combine(baseDir, "Entry.Server.dll"), "--urls", address.ToString()])
        {
            WorkingDirectory = workingDirectory ?? baseDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["Entry__DataDirectory"] = dataDirectory;
        info.Environment["NationalDb__EmbeddedUrl"] = "http://127.0.0.1:0";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Entry.Server.Features.Cases.LedgerMetrics"] = "Information";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, address, dataDirectory) { _output = output };

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{output}");
            }
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    server.StartedIn = watch.Elapsed;
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }
            await Task.Delay(50);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"The server was not ready within 3 minutes:\n{output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

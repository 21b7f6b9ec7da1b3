using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Entry.Browser.Tests;

/// <summary>
/// The Entry server as a real separate process on 127.0.0.1, with its own empty data directory: the Debug build in
/// Development, with the demo data and users <c>dotnet run</c> loads at start (<c>dotnet run</c> itself serves its Release
/// publish; the suite takes the build it already has rather than publishing again). Its clock is moved
/// (Entry:Clock:Offset) so that a shift stays open for at least an hour: clerks can claim and log whatever the hour of
/// the run (shifts are 06:00–22:00 in Asia/Ho_Chi_Minh, UTC+7).
/// </summary>
public sealed class ServerProcess : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The server's sign-in limit per client address and minute: far above the suite's few dozen sign-ins.</summary>
    public const int LoginAttemptsPerMinute = 10_000;

    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri BaseAddress { get; private set; } = default!;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "entry-browser-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>True once the server process has stopped (it should not, before the tests end).</summary>
    public bool HasExited => _process is { HasExited: true };

    /// <summary>What the server wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        await StartAsync();
    }

    /// <summary>Stops the server the hard way (as a crash or a pulled plug would); its port and data directory stay for <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Starts the server again on the same port with the same data directory (its database, its keys: cookies stay valid).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        Append("--- restarted ---");
        await StartAsync();
    }

    private async Task StartAsync()
    {
        var root = RepositoryRoot();
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var serverDirectory = Path.Combine(root, "src", "Entry.Server");
        var dll = Path.Combine(serverDirectory, "bin", configuration, "net10.0", "Entry.Server.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The server is not built: {dll} is missing. Build tests/Entry.Browser.Tests, which builds it.");
        }

        var port = BaseAddress.Port;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = serverDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        // Every sign-in of the suite comes from 127.0.0.1: the production limit of 10 a minute per address would answer
        // 429 to whichever test happens to sign in eleventh within a minute. The limit itself is tested by the server
        // suite (SignInRateLimitTests). On the command line, so no Entry__Auth__* variable of the caller's shell wins.
        start.ArgumentList.Add($"--Entry:Auth:LoginAttemptsPerMinute={LoginAttemptsPerMinute}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Entry__DataDirectory"] = DataDirectory;
        start.Environment["NationalDb__EmbeddedUrl"] = "http://127.0.0.1:0";
        // The test host's own settings must not leak into the server.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_STARTUP_HOOKS");
        start.Environment["Entry__Clock__Offset"] = ClockOffset.ToString("c", CultureInfo.InvariantCulture);

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitUntilReadyAsync();
    }

    /// <summary>How far the server's clock is moved: zero from 06:00 to 21:00 local, otherwise to 06:05 of the next morning.</summary>
    public TimeSpan ClockOffset { get; } = OffsetIntoShift(DateTimeOffset.UtcNow);

    public static TimeSpan OffsetIntoShift(DateTimeOffset utcNow)
    {
        var local = utcNow.ToOffset(TimeSpan.FromHours(7));
        if (local.TimeOfDay >= TimeSpan.FromHours(6) && local.TimeOfDay < TimeSpan.FromHours(21))
        {
            return TimeSpan.Zero;
        }
        var morning = new DateTimeOffset(local.Date, local.Offset).AddHours(6).AddMinutes(5);
        if (morning <= local)
        {
            morning = morning.AddDays(1);
        }
        return TimeSpan.FromMinutes(Math.Ceiling((morning - local).TotalMinutes));
    }

    public async Task DisposeAsync()
    {
        await StopAsync();

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the temp folder is cleaned eventually.
        }
    }

    /// <summary>The folder holding Entry.sln, found by walking up from the test's bin folder.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Entry.sln")) || File.Exists(Path.Combine(dir.FullName, "Entry.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Entry.sln above {AppContext.BaseDirectory}.");
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy loading the demo data.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The server was not ready within {ReadyTimeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

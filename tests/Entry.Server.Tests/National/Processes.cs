using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Entry.Server.Tests.National;

/// <summary>
/// A built dll of this solution (Entry.Server, Entry.NationalDb — both copied next to the tests) run as a real separate
/// process on 127.0.0.1, ready once a GET of its ready path answers 200. Killing it sends SIGKILL on Linux: no shutdown
/// code runs.
/// </summary>
public sealed class DotnetProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private DotnetProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the process wrote so far, for failure messages (the servers log no personal data).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<DotnetProcess> StartAsync(string dll, int port, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment, string readyPath, TimeSpan readyTimeout)
    {
        var directory = AppContext.BaseDirectory;
        var path = Path.Combine(directory, dll);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: build the test project (it copies {dll}).");
        }
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The test host's own settings must not leak into the child.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_STARTUP_HOOKS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var child = new DotnetProcess(new Process { StartInfo = start }, address);
        child.process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child.process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child.process.Start();
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();
        try
        {
            await child.WaitUntilReadyAsync(readyPath, readyTimeout);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
        return child;
    }

    /// <summary>SIGKILL to the process (and anything it started), then waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync(string readyPath, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(process.StartInfo.ArgumentList[0])} exited with {process.ExitCode} before it was ready:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(readyPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
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
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Path.GetFileName(process.StartInfo.ArgumentList[0])} was not ready within {timeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Entry.NationalDb.Contracts;

namespace Entry.Benchmarks;

/// <summary>The national-database stub as a separate process on 127.0.0.1 (this build's Entry.NationalDb.dll), with its own data folder.</summary>
internal sealed class NationalStubProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private NationalStubProcess(Process process, Uri address, string dataDirectory)
    {
        this.process = process;
        Address = address;
        DataDirectory = dataDirectory;
        Admin = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }
    public string DataDirectory { get; }
    public HttpClient Admin { get; }
    public int ProcessId => process.Id;

    public static async Task<NationalStubProcess> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "entry-bench-national", Guid.NewGuid().ToString("N"));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var address = new Uri($"http://127.0.0.1:{port}");
        var baseDir = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet", [Path.Combine(baseDir, "Entry.NationalDb.dll"), "--urls", address.ToString(), "--Stub:DataDirectory", dataDirectory])
        {
            WorkingDirectory = baseDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var stub = new NationalStubProcess(Process.Start(info)!, address, dataDirectory);
        stub.process.OutputDataReceived += (_, e) => stub.Append(e.Data);
        stub.process.ErrorDataReceived += (_, e) => stub.Append(e.Data);
        stub.process.BeginOutputReadLine();
        stub.process.BeginErrorReadLine();

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (stub.process.HasExited)
            {
                throw new InvalidOperationException($"The stub exited with {stub.process.ExitCode}:\n{stub.output}");
            }
            try
            {
                using var response = await stub.Admin.GetAsync("/admin/stats");
                if (response.IsSuccessStatusCode)
                {
                    return stub;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        await stub.DisposeAsync();
        throw new TimeoutException("The stub was not ready within a minute.");
    }

    public async Task<StubStats> StatsAsync() => (await Admin.GetFromJsonAsync<StubStats>("/admin/stats"))!;

    public async Task OutageAsync(int seconds) => (await Admin.PostAsJsonAsync("/admin/outage", new OutageRequest(seconds))).EnsureSuccessStatusCode();

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Entry.Testing;

/// <summary>
/// A throwaway Redis (Debian's <c>redis-server</c>) on a free loopback port, persisting nothing, for the tests of Entry
/// scaled out. One per test run (<see cref="Shared"/>); tests keep apart by their own key prefix.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly Lazy<Task<RedisServer>> SharedServer = new(() => StartAsync());

    private readonly Process process;
    private readonly string directory;

    private RedisServer(Process process, int port, string directory)
    {
        this.process = process;
        Port = port;
        this.directory = directory;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>
    /// <c>sh -c Watchdog redis-watchdog OWNER FOLDER redis-server ARGS…</c>: runs the server, and when the owner process
    /// (or the server) is gone, stops the server and removes its folder.
    /// </summary>
    private const string Watchdog =
        "owner=$1; folder=$2; shift 2; \"$@\" & server=$!; " +
        "while kill -0 \"$owner\" 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done; " +
        "kill $server 2>/dev/null; wait $server; rm -rf \"$folder\"";

    /// <summary>The run's Redis, started on first use and stopped when the test process exits.</summary>
    public static Task<RedisServer> Shared => SharedServer.Value;

    public static async Task<RedisServer> StartAsync()
    {
        var executable = Executables.Find("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed (Debian package redis-server; .ci/run installs it).");
        var port = FreePort.Next();
        var directory = Directory.CreateTempSubdirectory("entry-redis-").FullName;
        // Under a small shell that stops it once this test process is gone: a test host ended before its exit handlers
        // ran would otherwise leave the server running and its folder behind.
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory,
        };
        foreach (var arg in new[] { "-c", Watchdog, "redis-watchdog", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     directory, executable, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--dir", directory, "--protected-mode", "no" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port, directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await server.PingsAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                server.Stop();
                throw new InvalidOperationException($"redis-server did not start on port {port}.");
            }
            await Task.Delay(100);
        }
        return server;
    }

    private async Task<bool> PingsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"));
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void Stop()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Already gone.
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        process.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Programs the tests start, found on the PATH (Debian puts some server binaries outside it: callers add those).</summary>
public static class Executables
{
    public static string? Find(string name, params string[] moreFolders)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin"]).Concat(moreFolders);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }
}

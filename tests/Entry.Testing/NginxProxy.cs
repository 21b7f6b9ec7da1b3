using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Entry.Testing;

/// <summary>
/// Debian's nginx as the one address in front of several Entry instances, on a free loopback port: requests round-robin
/// over the instances, an instance that refuses connections skipped (the next one is tried), the client's address forwarded.
/// The hub's requests go by a hash of who is asking (the cookie or the bearer token), so a SignalR connection's negotiation
/// and its WebSocket reach the same instance, as SignalR requires without sticky sessions; WebSockets are passed through. Its own prefix folder holds the configuration, the logs and the temp files; nothing of the system's.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private NginxProxy(Process process, int port, string directory)
    {
        this.process = process;
        Port = port;
        this.directory = directory;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> instances)
    {
        var executable = Executables.Find("nginx")
            ?? throw new InvalidOperationException("nginx is not installed (Debian package nginx-light; .ci/run installs it).");
        var port = FreePort.Next();
        var directory = Directory.CreateTempSubdirectory("entry-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(port, instances, directory));
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "-p", directory, "-c", config, "-e", Path.Combine(directory, "logs", "error.log"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new NginxProxy(process, port, directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => proxy.Stop();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await ListensAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = Path.Combine(directory, "logs", "error.log");
                var why = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
                proxy.Stop();
                throw new InvalidOperationException($"nginx did not start on port {port}: {why}");
            }
            await Task.Delay(100);
        }
        return proxy;
    }

    private static string Configuration(int port, IReadOnlyList<Uri> instances, string directory)
    {
        var servers = string.Join("\n", instances.Select(i => $"        server 127.0.0.1:{i.Port.ToString(CultureInfo.InvariantCulture)} max_fails=1 fail_timeout=2s;"));
        return $$"""
            worker_processes 1;
            pid {{Path.Combine(directory, "nginx.pid")}};
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{Path.Combine(directory, "body")}};
                proxy_temp_path {{Path.Combine(directory, "proxy")}};
                fastcgi_temp_path {{Path.Combine(directory, "fastcgi")}};
                uwsgi_temp_path {{Path.Combine(directory, "uwsgi")}};
                scgi_temp_path {{Path.Combine(directory, "scgi")}};
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                map $http_authorization $bearer { "~^Bearer (?<token>.+)$" $token; default $arg_access_token; }
                upstream entry {
            {{servers}}
                }
                upstream entry_hubs {
                    hash "$http_cookie$bearer" consistent;
            {{servers}}
                }
                server {
                    listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
                    client_max_body_size 64m;
                    location /hubs/ {
                        proxy_pass http://entry_hubs;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_read_timeout 120s;
                        proxy_connect_timeout 2s;
                    }
                    location / {
                        proxy_pass http://entry;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_read_timeout 120s;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_connect_timeout 2s;
                    }
                }
            }
            """;
    }

    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
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

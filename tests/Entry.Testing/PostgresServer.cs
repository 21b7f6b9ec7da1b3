using System.Diagnostics;
using Npgsql;

namespace Entry.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run: Debian's server binaries, <c>initdb</c> into a temporary folder,
/// <c>pg_ctl</c> on a free port of 127.0.0.1, trust authentication, durability off (a test run needs none). Started
/// on first use, stopped and deleted when the test process exits. PostgreSQL refuses to run as root, so as root the
/// cluster belongs to the <c>postgres</c> user and its commands run through <c>runuser</c>.
/// </summary>
public sealed class PostgresServer
{
    private const string User = "entry";
    private const string OwnerFile = "owner.pid";
    private static readonly Lazy<PostgresServer> Shared = new(() => Start(durable: false), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<PostgresServer> DurableServer = new(() => Start(durable: true), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string root;
    private readonly string binaries;
    private readonly bool asPostgresUser;

    private PostgresServer(string root, string binaries, bool asPostgresUser, int port)
    {
        this.root = root;
        this.binaries = binaries;
        this.asPostgresUser = asPostgresUser;
        Port = port;
    }

    /// <summary>The run's cluster, started by the first caller.</summary>
    public static PostgresServer Instance => Shared.Value;

    /// <summary>A cluster that commits as a production one does (fsync, synchronous commit, full pages): for the benchmarks.</summary>
    public static PostgresServer Durable => DurableServer.Value;

    public int Port { get; }

    private string DataFolder => Path.Combine(root, "data");

    /// <summary>The connection string of a database of the cluster (created by whoever connects first: EF's migrations).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = database,
        IncludeErrorDetail = true,
        // Each test server has its own database, so its own pool: keep each small, the cluster serves them all.
        MaxPoolSize = 30,
    }.ConnectionString;

    /// <summary>Drops a database if it exists, closing this process's pooled connections to it and ending any other.</summary>
    public void DropDatabase(string database)
    {
        using (var pooled = new NpgsqlConnection(ConnectionString(database)))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        admin.Open();
        using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }

    private static PostgresServer Start(bool durable)
    {
        var binaries = FindBinaries();
        var asPostgresUser = Environment.UserName == "root";
        SweepAbandoned(binaries, asPostgresUser);

        var root = Path.Combine(Path.GetTempPath(), "entry-pg", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (asPostgresUser)
        {
            Run("chown", ["-R", "postgres", root]);
        }
        var server = new PostgresServer(root, binaries, asPostgresUser, FreePort.Next());
        server.Pg("initdb", ["-D", server.DataFolder, "-U", User, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        server.Pg("pg_ctl", [
            "-D", server.DataFolder, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {server.Port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=400 " +
            (durable ? "-c shared_buffers=256MB" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB"),
        ]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private void Stop()
    {
        try
        {
            Pg("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already gone: the folder goes anyway.
        }
        DeleteFolder(root);
    }

    /// <summary>Clusters of earlier runs whose test process died before stopping them.</summary>
    private static void SweepAbandoned(string binaries, bool asPostgresUser)
    {
        var parent = Path.Combine(Path.GetTempPath(), "entry-pg");
        if (!Directory.Exists(parent))
        {
            return;
        }
        foreach (var folder in Directory.GetDirectories(parent))
        {
            var ownerFile = Path.Combine(folder, OwnerFile);
            var alive = int.TryParse(ReadOrEmpty(ownerFile), out var owner)
                ? IsAlive(owner)
                : Directory.GetCreationTimeUtc(folder) > DateTime.UtcNow.AddMinutes(-5); // being set up by another run
            if (alive)
            {
                continue;
            }
            var abandoned = new PostgresServer(folder, binaries, asPostgresUser, 0);
            abandoned.Stop();
        }
    }

    private static string ReadOrEmpty(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left to the system's temporary-files cleaning.
        }
    }

    /// <summary>The newest installed server's binaries (Debian: /usr/lib/postgresql/&lt;version&gt;/bin), else pg_config's.</summary>
    private static string FindBinaries()
    {
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var newest = Directory.GetDirectories(debian)
                .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Folder, "initdb")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Folder is not null)
            {
                return newest.Folder;
            }
        }
        try
        {
            var folder = Run("pg_config", ["--bindir"]).Trim();
            if (File.Exists(Path.Combine(folder, "initdb")))
            {
                return folder;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // No pg_config either: the message below says what to install.
        }
        throw new InvalidOperationException("PostgreSQL's server binaries (initdb, pg_ctl) were not found: apt-get install postgresql.");
    }

    private void Pg(string program, string[] arguments)
    {
        var path = Path.Combine(binaries, program);
        if (asPostgresUser)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static string Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} took more than two minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors.Result}{output.Result}");
        }
        return output.Result;
    }
}

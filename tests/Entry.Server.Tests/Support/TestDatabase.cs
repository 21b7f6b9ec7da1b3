using System.Security.Cryptography;
using System.Text;
using Entry.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Entry.Server.Tests.Support;

/// <summary>
/// Where a test server keeps its data. This project runs on SQLite (a file in the data directory); the same sources
/// compiled into Entry.Server.Tests.PostgreSql (ENTRY_POSTGRESQL) run on the run's throwaway PostgreSQL cluster, one
/// database per data directory, so a server restarted on the same directory finds its data again.
/// </summary>
public static class TestDatabase
{
#if ENTRY_POSTGRESQL
    public static readonly bool IsPostgreSql = true;
#else
    public static readonly bool IsPostgreSql = false;
#endif

    /// <summary>The server's settings for a data directory: the directory, and on PostgreSQL the provider and database.</summary>
    public static Dictionary<string, string> Settings(string dataDirectory)
    {
        var settings = new Dictionary<string, string> { ["Entry:DataDirectory"] = dataDirectory };
        if (IsPostgreSql)
        {
            settings["Entry:Database:Provider"] = "PostgreSQL";
            settings["ConnectionStrings:Entry"] = PostgresServer.Instance.ConnectionString(DatabaseOf(dataDirectory));
            // The clustered scheduler in the database: a name per server, as Quartz allows one scheduler of a name per process.
            settings["Entry:Jobs:SchedulerName"] = $"entry-{Guid.NewGuid():N}";
        }
        return settings;
    }

    /// <summary>What points a second server (another instance, with a data directory of its own) at that directory's database.</summary>
    public static Dictionary<string, string> SharedWith(string dataDirectory)
    {
        var settings = Settings(dataDirectory);
        settings.Remove("Entry:DataDirectory");
        if (!IsPostgreSql)
        {
            settings["ConnectionStrings:Entry"] = $"Data Source={Path.Combine(dataDirectory, "entry.db")}";
        }
        return settings;
    }

    /// <summary>Points a test server at a data directory (and its database).</summary>
    public static void Use(IWebHostBuilder builder, string dataDirectory)
    {
        foreach (var (key, value) in Settings(dataDirectory))
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The same settings as environment variables, for a server started as a process.</summary>
    public static Dictionary<string, string> Environment(string dataDirectory) =>
        Settings(dataDirectory).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    /// <summary>Deletes the data directory and, on PostgreSQL, drops its database.</summary>
    public static void Delete(string dataDirectory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (IsPostgreSql)
        {
            PostgresServer.Instance.DropDatabase(DatabaseOf(dataDirectory));
        }
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a late connection (or nothing written): the temp folder is cleaned by the OS.
        }
    }

    private static string DatabaseOf(string dataDirectory) =>
        "entry_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..24];
}

using Microsoft.Data.Sqlite;

namespace Entry.Server.Data;

/// <summary>Where this server keeps its files: the data directory, the SQLite database the connection string opens, the keys.</summary>
public sealed record DataFiles(string DataDirectory, string ConnectionString)
{
    /// <summary>The database file itself, as SQLite resolves the connection string's data source.</summary>
    public string DatabaseFile => Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource);

    /// <summary>The data-protection keys: without them no cookie or token of before is readable.</summary>
    public string KeysDirectory => KeysOf(DataDirectory);

    public static string KeysOf(string dataDirectory) => Path.Combine(dataDirectory, "keys");
}

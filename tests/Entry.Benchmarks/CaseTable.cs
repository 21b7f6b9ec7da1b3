using Microsoft.Data.Sqlite;

namespace Entry.Benchmarks;

/// <summary>The server's table of cases in its SQLite file, under whichever name this build gives it.</summary>
internal static class CaseTable
{
    private static readonly string[] Names = ["CaseEntries", "Cases"];

    /// <summary>The name of the case table, or null when the file holds none.</summary>
    public static string? Find(SqliteConnection connection)
    {
        using var find = connection.CreateCommand();
        find.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ({string.Join(", ", Names.Select(n => $"'{n}'"))})";
        using var reader = find.ExecuteReader();
        var found = new List<string>();
        while (reader.Read())
        {
            found.Add(reader.GetString(0));
        }
        return Names.FirstOrDefault(found.Contains);
    }
}

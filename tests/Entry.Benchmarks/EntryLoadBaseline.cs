using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Entry.Benchmarks;

/// <summary>
/// The baseline of a load run: the very rows the server stored in <c>CaseEntries</c> during the run, inserted into a
/// fresh SQLite file with the same table and indexes (WAL, like the server), one transaction per row through one
/// prepared command — what logging cases would cost with nothing but the insert.
/// </summary>
internal static class EntryLoadBaseline
{
    /// <summary>Rows inserted and the time the inserts took.</summary>
    public static (int Rows, TimeSpan Elapsed) Run(string serverDatabase)
    {
        var copy = Path.Combine(Path.GetDirectoryName(serverDatabase)!, "baseline.db");
        List<string> schema;
        List<string> columns;
        List<object?[]> rows;
        using (var source = new SqliteConnection($"Data Source={serverDatabase};Mode=ReadOnly"))
        {
            source.Open();
            var table = CaseTable.Find(source) ?? throw new InvalidOperationException("The server's database holds no case table.");
            schema = Strings(source, $"SELECT sql FROM sqlite_master WHERE tbl_name = '{table}' AND sql IS NOT NULL ORDER BY type DESC");
            columns = Strings(source, $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid");
            rows = Rows(source, $"SELECT * FROM \"{table}\" ORDER BY \"StoredAt\"", columns.Count);
        }

        // The table's foreign keys point at books and users the fresh file does not hold: not enforced here.
        using var connection = new SqliteConnection($"Data Source={copy};Foreign Keys=False");
        connection.Open();
        // As the server's connections: WAL, and SQLite's default synchronous mode (FULL). Keep the two alike.
        Execute(connection, "PRAGMA journal_mode=WAL;");
        foreach (var statement in schema)
        {
            Execute(connection, statement);
        }

        var name = CaseTable.Find(connection)!;
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{name}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" })).ToArray();
        insert.Prepare();
        var watch = Stopwatch.StartNew();
        foreach (var row in rows)
        {
            using var tx = connection.BeginTransaction();
            insert.Transaction = tx;
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }
            insert.ExecuteNonQuery();
            tx.Commit();
        }
        watch.Stop();
        return (rows.Count, watch.Elapsed);
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql, int width)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[width];
            for (var i = 0; i < width; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Entry.Benchmarks;

/// <summary>
/// A backlog written straight into a stopped server's SQLite file: clones of cases the server already stored and
/// delivered (their rows and their first outbox message), each with a new id, an entry number of its own (from
/// 1,000,000 up, so the book's unique index holds) and a pending message whose payload carries the new id — so the
/// national side takes each clone as a new record.
/// </summary>
internal static class NationalBacklogSeed
{
    private const int FirstEntryNumber = 1_000_000;

    public static int Run(string serverDatabase, int count)
    {
        using var connection = new SqliteConnection($"Data Source={serverDatabase}");
        connection.Open();
        var caseColumns = Columns(connection, "CaseEntries");
        var messageColumns = Columns(connection, "NationalOutbox").Where(c => c != "Id").ToList();
        var templates = Templates(connection, caseColumns, messageColumns);
        if (templates.Count == 0)
        {
            throw new InvalidOperationException("No delivered case to clone: the first part of the run stored none.");
        }

        using var tx = connection.BeginTransaction();
        using var insertCase = Insert(connection, tx, "CaseEntries", caseColumns);
        using var insertMessage = Insert(connection, tx, "NationalOutbox", messageColumns);
        for (var i = 0; i < count; i++)
        {
            var (entry, message) = templates[i % templates.Count];
            var templateId = (string)entry[caseColumns.IndexOf("Id")]!;
            var id = Guid.NewGuid();
            var idText = templateId.Any(char.IsUpper) ? id.ToString("D").ToUpperInvariant() : id.ToString("D");
            var number = FirstEntryNumber + i;

            Set(insertCase, caseColumns, entry, new Dictionary<string, object?>
            {
                ["Id"] = idText, ["EntryNumber"] = number, ["NationalState"] = 0,
                ["NationalRecordId"] = null, ["NationalAnsweredAt"] = null, ["NationalErrors"] = null,
            });
            var payload = JsonNode.Parse((string)message[messageColumns.IndexOf("Payload")]!)!;
            payload["sourceId"] = id.ToString("D");
            payload["entryNumber"] = number;
            var version = Convert.ToInt32(message[messageColumns.IndexOf("CaseVersion")], CultureInfo.InvariantCulture);
            Set(insertMessage, messageColumns, message, new Dictionary<string, object?>
            {
                ["CaseId"] = idText, ["IdempotencyKey"] = $"{id:N}-v{version}", ["Payload"] = payload.ToJsonString(),
                ["State"] = 0, ["Attempts"] = 0, ["CompletedAt"] = null, ["LastError"] = null,
            });
        }
        tx.Commit();
        return templates.Count;
    }

    private static List<(object?[] Case, object?[] Message)> Templates(SqliteConnection connection, List<string> caseColumns, List<string> messageColumns)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {string.Join(", ", caseColumns.Select(c => $"c.\"{c}\""))}, {string.Join(", ", messageColumns.Select(c => $"m.\"{c}\""))} " +
            "FROM CaseEntries c JOIN NationalOutbox m ON m.CaseId = c.Id WHERE m.State = 1 AND m.CaseVersion = 1 AND c.NationalState = 1 LIMIT 1000";
        using var reader = command.ExecuteReader();
        var templates = new List<(object?[], object?[])>();
        while (reader.Read())
        {
            var entry = new object?[caseColumns.Count];
            var message = new object?[messageColumns.Count];
            for (var i = 0; i < entry.Length; i++)
            {
                entry[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            for (var i = 0; i < message.Length; i++)
            {
                message[i] = reader.IsDBNull(entry.Length + i) ? null : reader.GetValue(entry.Length + i);
            }
            templates.Add((entry, message));
        }
        return templates;
    }

    private static List<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction tx, string table, List<string> columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" });
        }
        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, List<string> columns, object?[] template, Dictionary<string, object?> changes)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var value = changes.TryGetValue(columns[i], out var changed) ? changed : template[i];
            command.Parameters[i].Value = value ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }
}

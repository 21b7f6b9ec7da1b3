using System.Globalization;
using Entry.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Backup;

/// <summary>
/// The one-box backup and restore. A backup is two things side by side: <c>NAME.db</c>, a consistent copy of the SQLite
/// database made with SQLite's online backup API (one read snapshot, so writers carry on under WAL), switched to a single
/// self-contained file (journal mode DELETE) and checked with <c>PRAGMA integrity_check</c>; and <c>NAME.keys/</c>, the
/// data-protection keys, without which every cookie and token dies with a restore. Both are written under temporary names
/// and renamed when complete, the database last: a <c>NAME.db</c> that exists is a finished backup.
/// </summary>
public static class SqliteBackup
{
    public const string KeysSuffix = ".keys";
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    /// <summary>The SQLite file a connection string points at.</summary>
    public static string DatabaseFile(string connectionString) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    public static string KeysFolderOf(string backupFile) =>
        Path.Combine(Path.GetDirectoryName(backupFile)!, Path.GetFileNameWithoutExtension(backupFile) + KeysSuffix);

    public sealed record Result(string File, long Bytes, int Keys, TimeSpan Duration);

    /// <summary>Copies the live database and the keys folder to <paramref name="target"/> (and its <c>.keys</c> folder beside it).</summary>
    public static async Task<Result> BackupAsync(string connectionString, string keysDirectory, string target, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        target = Path.GetFullPath(target);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        var keysTarget = KeysFolderOf(target);
        var keysPartial = keysTarget + ".partial";
        Delete(partial);
        DeleteFolder(keysPartial);
        try
        {
            await using (var source = new SqliteConnection(connectionString))
            await using (var copy = new SqliteConnection(Unpooled(partial, SqliteOpenMode.ReadWriteCreate)))
            {
                await source.OpenAsync(ct);
                await copy.OpenAsync(ct);
                // One step copies every page inside one read transaction of the source: a consistent snapshot.
                source.BackupDatabase(copy);
                // A single file: no -wal beside the copy (the server turns WAL on again at start).
                await Scalar(copy, "PRAGMA journal_mode=DELETE;", ct);
                var integrity = await Scalar(copy, "PRAGMA integrity_check;", ct);
                if (integrity != "ok")
                {
                    throw new InvalidOperationException($"The copy failed its integrity check: {integrity}");
                }
            }
            var keys = CopyKeys(keysDirectory, keysPartial, overwrite: true);
            DeleteFolder(keysTarget);
            Directory.Move(keysPartial, keysTarget);
            File.Move(partial, target, overwrite: true);
            return new Result(target, new FileInfo(target).Length, keys, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            Delete(partial);
            DeleteFolder(keysPartial);
            throw;
        }
    }

    /// <summary>Why <paramref name="file"/> is not a backup this build can restore, or null when it is.</summary>
    public static async Task<string?> RefusalAsync(string file, IReadOnlyCollection<string> knownMigrations, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            return $"{file} does not exist.";
        }
        var header = new byte[Magic.Length];
        await using (var stream = File.OpenRead(file))
        {
            if (await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct) < header.Length || !header.AsSpan().SequenceEqual(Magic))
            {
                return $"{file} is not an SQLite database, so not an Entry backup.";
            }
        }
        try
        {
            await using var connection = new SqliteConnection(Unpooled(file, SqliteOpenMode.ReadOnly));
            await connection.OpenAsync(ct);
            var integrity = await Scalar(connection, "PRAGMA integrity_check;", ct);
            if (integrity != "ok")
            {
                return $"{file} fails SQLite's integrity check ({integrity}): it is damaged.";
            }
            if (await Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';", ct) != "1")
            {
                return $"{file} is an SQLite database but not an Entry backup (it has no migration history).";
            }
            var applied = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory;";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetString(0));
                }
            }
            var unknown = applied.Where(m => !knownMigrations.Contains(m)).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                return $"{file} was written by a newer Entry: its migrations {string.Join(", ", unknown)} are unknown to this build. Restore it with that version.";
            }
            if (applied.Count == 0)
            {
                return $"{file} is not an Entry backup (its migration history is empty).";
            }
            return null;
        }
        catch (SqliteException e)
        {
            return $"{file} cannot be read as an SQLite database: {e.Message}";
        }
    }

    /// <summary>
    /// Puts <paramref name="backupFile"/> in place of the database file. The current database (with its -wal and -shm,
    /// which may hold committed pages) is renamed <c>entry.db.before-restore-TIME</c>; the backup's keys are added to the
    /// keys folder beside the current ones (nothing overwritten), so cookies of either stay readable.
    /// </summary>
    public static (string? KeptAside, int Keys) Restore(string backupFile, string databaseFile, string keysDirectory, DateTimeOffset now)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        var incoming = databaseFile + ".restoring";
        File.Copy(backupFile, incoming, overwrite: true);
        string? aside = null;
        if (File.Exists(databaseFile))
        {
            aside = $"{databaseFile}.before-restore-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            File.Move(databaseFile, aside);
            foreach (var sidecar in new[] { "-wal", "-shm" })
            {
                if (File.Exists(databaseFile + sidecar))
                {
                    File.Move(databaseFile + sidecar, aside + sidecar);
                }
            }
        }
        File.Move(incoming, databaseFile);
        var keys = CopyKeys(KeysFolderOf(backupFile), keysDirectory, overwrite: false);
        return (aside, keys);
    }

    /// <summary>This build's migrations, by id.</summary>
    public static IReadOnlyCollection<string> KnownMigrations(EntryDb db) => db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);

    private static int CopyKeys(string from, string to, bool overwrite)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return 0;
        }
        var count = 0;
        foreach (var key in Directory.EnumerateFiles(from, "*.xml"))
        {
            var destination = Path.Combine(to, Path.GetFileName(key));
            if (overwrite || !File.Exists(destination))
            {
                File.Copy(key, destination, overwrite);
                count++;
            }
        }
        return count;
    }

    private static string Unpooled(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();

    private static async Task<string?> Scalar(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static void Delete(string file)
    {
        if (File.Exists(file))
        {
            File.Delete(file);
        }
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Entry.Server.Features.Backup;

/// <summary>Why a backup or a restore did not happen, in a sentence for the operator (no personal data).</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The one-box backup and restore of the SQLite database. A backup is two things side by side: <c>NAME.db</c>, a
/// consistent copy made with SQLite's online backup API — the pages as of one read transaction of the live database,
/// committed WAL content included, while writers carry on — switched to a single self-contained file (journal mode
/// DELETE) and checked with <c>PRAGMA integrity_check</c>; and <c>NAME.keys/</c>, the data-protection keys, without which
/// every cookie and token dies with a restore. Both are written under temporary names and renamed when complete, the
/// database last: a <c>NAME.db</c> that exists is a finished backup. Copying <c>entry.db</c> as a file is not a backup:
/// the committed cases still in <c>entry.db-wal</c> would be missing, and a copy taken mid-write is torn.
/// </summary>
public static class SqliteBackup
{
    public const string KeysSuffix = ".keys";
    private const string Partial = ".partial";
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    public sealed record Result(string File, long Bytes, int Cases, int Keys, TimeSpan Duration);

    public static string KeysFolderOf(string backupFile) =>
        Path.Combine(Path.GetDirectoryName(backupFile)!, Path.GetFileNameWithoutExtension(backupFile) + KeysSuffix);

    /// <summary>Copies the live database <paramref name="databaseFile"/> to <paramref name="target"/> and the keys beside it.</summary>
    public static Result Backup(string databaseFile, string keysDirectory, string target)
    {
        var started = Stopwatch.GetTimestamp();
        databaseFile = Path.GetFullPath(databaseFile);
        target = Path.GetFullPath(target);
        if (target == databaseFile)
        {
            throw new BackupException($"The backup cannot be written over the database itself ({databaseFile}).");
        }
        // Opening a missing file would create an empty database and back that up: the live one must exist.
        if (!File.Exists(databaseFile))
        {
            throw new BackupException($"There is no database at {databaseFile}: check Entry:DataDirectory (or ConnectionStrings:Entry) is the server's.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + Partial;
        var keysTarget = KeysFolderOf(target);
        var keysPartial = keysTarget + Partial;
        Delete(partial);
        DeleteFolder(keysPartial);
        try
        {
            int cases;
            using (var source = Open(databaseFile, SqliteOpenMode.ReadWrite))
            {
                if (!HasMigrationHistory(source))
                {
                    throw new BackupException($"{databaseFile} is not an Entry database (it has no migration history).");
                }
                using var copy = Open(partial, SqliteOpenMode.ReadWriteCreate);
                // One step (-1) copies every page inside one read transaction of the source: a consistent snapshot,
                // the committed WAL frames included. Writers keep committing to the WAL meanwhile.
                source.BackupDatabase(copy);
                // A single file, no -wal beside it (the server turns WAL on again when it starts on a restored copy).
                Scalar(copy, "PRAGMA journal_mode=DELETE;");
                Check(copy, target);
                cases = CaseCount(copy);
            }
            var keys = CopyKeys(keysDirectory, keysPartial, overwrite: true);
            DeleteFolder(keysTarget);
            Directory.Move(keysPartial, keysTarget);
            File.Move(partial, target, overwrite: true);
            return new Result(target, new FileInfo(target).Length, cases, keys, Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            Delete(partial);
            DeleteFolder(keysPartial);
            throw;
        }
    }

    /// <summary>
    /// Puts <paramref name="backupFile"/> in place of <paramref name="databaseFile"/>; the caller holds the data directory's
    /// lock, so no server has the database open. The backup is first copied beside the database and that copy checked
    /// (it is what will be used); the current database is folded into one file (its WAL checkpointed) and kept as
    /// <c>entry.db.before-restore-TIME</c>; then one rename replaces it, so at every instant <c>entry.db</c> is either the
    /// old database or the restored one. The backup's keys are added to the keys folder (none overwritten).
    /// </summary>
    public static RestoreResult Restore(string backupFile, string databaseFile, string keysDirectory, IReadOnlyCollection<string> knownMigrations, DateTimeOffset now)
    {
        backupFile = Path.GetFullPath(backupFile);
        databaseFile = Path.GetFullPath(databaseFile);
        if (!File.Exists(backupFile))
        {
            throw new BackupException($"{backupFile} does not exist.");
        }
        if (backupFile == databaseFile)
        {
            throw new BackupException($"{backupFile} is the database itself, not a backup of it.");
        }
        RefuseUnlessSqlite(backupFile);
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        var incoming = databaseFile + ".restoring";
        Delete(incoming);
        try
        {
            File.Copy(backupFile, incoming);
            int cases;
            using (var copy = Open(incoming, SqliteOpenMode.ReadWrite))
            {
                Check(copy, backupFile);
                RefuseUnlessEntry(copy, backupFile, knownMigrations);
                Scalar(copy, "PRAGMA journal_mode=DELETE;");
                cases = CaseCount(copy);
            }

            string? aside = null;
            if (File.Exists(databaseFile))
            {
                aside = $"{databaseFile}.before-restore-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
                KeepAside(databaseFile, aside);
            }
            // Left-overs of the old database would be read as the new one's journal.
            foreach (var sidecar in Sidecars)
            {
                Delete(databaseFile + sidecar);
            }
            File.Move(incoming, databaseFile, overwrite: true);
            var keys = CopyKeys(KeysFolderOf(backupFile), keysDirectory, overwrite: false);
            return new RestoreResult(databaseFile, aside, cases, keys, Directory.Exists(KeysFolderOf(backupFile)));
        }
        catch (SqliteException e)
        {
            Delete(incoming);
            throw new BackupException($"{backupFile} cannot be read as an SQLite database: {e.Message}", e);
        }
        catch
        {
            Delete(incoming);
            throw;
        }
    }

    public sealed record RestoreResult(string DatabaseFile, string? KeptAside, int Cases, int KeysAdded, bool HadKeys);

    /// <summary>How many cases the database holds (for a backup's answer and the operator's check).</summary>
    public static int CaseCount(SqliteConnection connection) =>
        Convert.ToInt32(Scalar(connection, "SELECT count(*) FROM \"CaseEntries\";"), CultureInfo.InvariantCulture);

    /// <summary>An unpooled connection: a pooled one would keep the file open after the backup or restore is done.</summary>
    public static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        // A writer's commit may hold the database for a moment.
        Scalar(connection, "PRAGMA busy_timeout=10000;");
        return connection;
    }

    private static readonly string[] Sidecars = ["-wal", "-shm", "-journal"];

    /// <summary>
    /// The current database kept as <paramref name="aside"/>: folded into one file (its committed WAL checkpointed) and
    /// copied, so <c>entry.db</c> stays whole until the restored file replaces it. A damaged database (often the reason
    /// for the restore) cannot be folded: it is moved aside as it is, with its -wal and -shm.
    /// </summary>
    private static void KeepAside(string databaseFile, string aside)
    {
        try
        {
            using (var current = Open(databaseFile, SqliteOpenMode.ReadWrite))
            {
                Scalar(current, "PRAGMA wal_checkpoint(TRUNCATE);");
                Scalar(current, "PRAGMA journal_mode=DELETE;");
            }
            File.Copy(databaseFile, aside, overwrite: true);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26) // SQLITE_CORRUPT, SQLITE_NOTADB
        {
            File.Move(databaseFile, aside, overwrite: true);
            foreach (var sidecar in Sidecars.Where(s => File.Exists(databaseFile + s)))
            {
                File.Move(databaseFile + sidecar, aside + sidecar, overwrite: true);
            }
        }
        catch (SqliteException e)
        {
            throw new BackupException($"The current database {databaseFile} could not be set aside (is another program using it?): {e.Message}", e);
        }
    }

    private static void Check(SqliteConnection connection, string name)
    {
        var integrity = Scalar(connection, "PRAGMA integrity_check;");
        if (integrity != "ok")
        {
            throw new BackupException($"{name} fails SQLite's integrity check ({integrity}): it is damaged.");
        }
    }

    private static void RefuseUnlessSqlite(string file)
    {
        var header = new byte[Magic.Length];
        using var stream = File.OpenRead(file);
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header.AsSpan().SequenceEqual(Magic))
        {
            throw new BackupException($"{file} is not an SQLite database, so not an Entry backup.");
        }
    }

    private static void RefuseUnlessEntry(SqliteConnection connection, string file, IReadOnlyCollection<string> knownMigrations)
    {
        if (!HasMigrationHistory(connection))
        {
            throw new BackupException($"{file} is an SQLite database but not an Entry backup (it has no migration history).");
        }
        var applied = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\";";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                applied.Add(reader.GetString(0));
            }
        }
        if (applied.Count == 0)
        {
            throw new BackupException($"{file} is not an Entry backup (its migration history is empty).");
        }
        var unknown = applied.Where(m => !knownMigrations.Contains(m)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new BackupException($"{file} was written by a newer Entry (its migrations {string.Join(", ", unknown)} are unknown to this one): restore it with that version.");
        }
    }

    private static bool HasMigrationHistory(SqliteConnection connection) =>
        Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';") == "1";

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

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
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
